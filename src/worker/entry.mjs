// The body of every worker thread started by ./run-in-worker.ts: imports `workerData.module` (a path
// under src/, without extension), calls its export `workerData.fn` with `workerData.input` and posts the
// result back. Plain JS, so it starts without a loader. Compiled (dist/), the module's .js sits in the tree;
// run from the sources (tests, development under tsx), tsx's tsImport loads the .ts — tsx is a dev
// dependency and is never loaded in production.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parentPort, workerData } from 'node:worker_threads'

async function load(module) {
  const compiled = new URL(`../${module}.js`, import.meta.url)
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href)
  // The test suite names the compiled tree it keeps current (tests/global-setup.ts), so a worker does not
  // start a TypeScript loader of its own for every task.
  const built = process.env.ZHANQU_COMPILED_SRC
  if (built && existsSync(`${built}/${module}.js`)) return import(pathToFileURL(`${built}/${module}.js`).href)
  const { tsImport } = await import('tsx/esm/api')
  return tsImport(`../${module}.ts`, import.meta.url)
}

try {
  const exports = await load(workerData.module)
  parentPort.postMessage({ ok: true, value: await exports[workerData.fn](workerData.input) })
} catch (err) {
  parentPort.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) })
}
