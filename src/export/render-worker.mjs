// Runs ./render.ts for ./render-in-worker.ts in a worker thread and posts the workbook's bytes back.
// Plain JS, so it starts without a loader. Compiled (dist/), render.js sits next to this file; run from
// the sources (tests, development under tsx), tsx's tsImport loads render.ts — tsx is a dev dependency and
// is never loaded in production.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parentPort, workerData } from 'node:worker_threads'

async function loadRenderer() {
  const compiled = new URL('./render.js', import.meta.url)
  if (existsSync(fileURLToPath(compiled))) return import(compiled.href)
  const { tsImport } = await import('tsx/esm/api')
  return tsImport('./render.ts', import.meta.url)
}

try {
  const { renderBook } = await loadRenderer()
  const bytes = await renderBook(workerData.book)
  parentPort.postMessage({ ok: true, bytes })
} catch (err) {
  parentPort.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) })
}
