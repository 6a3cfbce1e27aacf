import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads'
import type { Book } from './book'

const TIMEOUT_MS = 120_000

/**
 * Renders workbooks synchronously. A scheduled job computes its messages inside the SQLite transaction
 * that claims its period (better-sqlite3 transactions cannot await), and exceljs only writes
 * asynchronously; so the same renderer runs in a worker thread while this thread waits on a shared flag.
 * It blocks the event loop for the render (about half a second, once a month) — acceptable for a
 * monthly job, not for a command handler.
 */
export function renderBooksSync(books: Book[]): Buffer[] {
  // Rows may be lazy iterables; a worker receives plain arrays.
  const plain = books.map((b) => ({ sheets: b.sheets.map((s) => ({ ...s, rows: [...s.rows] })) }))
  const flag = new SharedArrayBuffer(4)
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(new URL('./render-worker.mjs', import.meta.url), {
    workerData: { books: plain, flag, port: port2 }, transferList: [port2],
  })
  try {
    if (Atomics.wait(new Int32Array(flag), 0, 0, TIMEOUT_MS) === 'timed-out') throw new Error('Excel 生成超时')
    const reply = receiveMessageOnPort(port1)?.message as { ok: true; buffers: Uint8Array[] } | { ok: false; error: string } | undefined
    if (!reply) throw new Error('Excel 生成失败：没有收到结果')
    if (!reply.ok) throw new Error(`Excel 生成失败：${reply.error}`)
    return reply.buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength))
  } finally {
    port1.close()
    void worker.terminate()
  }
}
