// Runs ./render.ts for ./render-sync.ts in a worker thread: posts the workbooks' bytes on `port`, then
// wakes the waiting thread through the shared flag. Plain JS so it needs no loader to start; tsx's
// tsImport loads the TypeScript renderer (tsx is how the bot runs: `npm start`).
import { workerData } from 'node:worker_threads'
import { tsImport } from 'tsx/esm/api'

const { books, flag, port } = workerData
const done = new Int32Array(flag)
try {
  const { renderBook } = await tsImport('./render.ts', import.meta.url)
  const buffers = []
  for (const book of books) buffers.push(await renderBook(book))
  port.postMessage({ ok: true, buffers })
} catch (err) {
  port.postMessage({ ok: false, error: String(err && err.stack ? err.stack : err) })
} finally {
  Atomics.store(done, 0, 1)
  Atomics.notify(done, 0)
}
