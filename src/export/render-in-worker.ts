import { Worker } from 'node:worker_threads'
import type { Book } from './book'

const TIMEOUT_MS = 120_000
/** A county workbook needs about 60 MB to render; a runaway render stops there instead of growing the bot. */
const MAX_HEAP_MB = 256

let queue: Promise<unknown> = Promise.resolve()

/**
 * The workbook's xlsx bytes, rendered by ./render.ts in a worker thread while the event loop keeps
 * answering Lark. One render at a time: a ranking broadcast queues a workbook per zone, and rendering them
 * side by side would hold an exceljs heap each for no gain on a small server.
 */
export function renderBookInWorker(book: Book): Promise<Buffer> {
  const next = queue.then(() => renderOnce(book))
  queue = next.catch(() => {})
  return next
}

function renderOnce(book: Book): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./render-worker.mjs', import.meta.url), {
      workerData: { book }, resourceLimits: { maxOldGenerationSizeMb: MAX_HEAP_MB },
    })
    const timer = setTimeout(() => {
      reject(new Error('Excel 生成超时'))
      void worker.terminate()
    }, TIMEOUT_MS)
    const settle = () => clearTimeout(timer)
    worker.once('message', (reply: { ok: true; bytes: Uint8Array } | { ok: false; error: string }) => {
      settle()
      if (reply.ok) resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength))
      else reject(new Error(`Excel 生成失败：${reply.error}`))
    })
    worker.once('error', (err) => { settle(); reject(err) })
    worker.once('exit', (code) => { settle(); reject(new Error(`Excel 生成失败：渲染线程退出（${code}）`)) })   // after a reply: no effect
  })
}
