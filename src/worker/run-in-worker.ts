import { Worker } from 'node:worker_threads'

export interface WorkerTask {
  /** The module under src/, without extension: 'export/render'. It must import nothing it does not need. */
  module: string
  /** Its export to call with `input`; it may return a promise. Input and result cross by structured clone. */
  fn: string
  input: unknown
  /** A heap limit for the worker: a runaway task stops there instead of growing the process. */
  maxHeapMb: number
  timeoutMs: number
  /** What the task is, for the error message: 'Excel 生成'. */
  label: string
}

let queue: Promise<unknown> = Promise.resolve()

/**
 * Runs a CPU-heavy task (a workbook's rendering, the county's ranking) in a worker thread while the event
 * loop keeps answering Lark. One task at a time in the whole process: on a small server two heaps side by
 * side cost more memory than the wait costs time.
 */
export function runInWorker<T>(task: WorkerTask): Promise<T> {
  const next = queue.then(() => runOnce<T>(task))
  queue = next.catch(() => {})
  return next
}

function runOnce<T>(task: WorkerTask): Promise<T> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./entry.mjs', import.meta.url), {
      workerData: { module: task.module, fn: task.fn, input: task.input },
      // A small young generation: a batch task loses little to more frequent scavenges, and the process's
      // peak memory is the bot's heap plus this one.
      resourceLimits: { maxOldGenerationSizeMb: task.maxHeapMb, maxYoungGenerationSizeMb: 6 },
    })
    const timer = setTimeout(() => {
      reject(new Error(`${task.label}超时`))
      void worker.terminate()
    }, task.timeoutMs)
    worker.once('message', (reply: { ok: true; value: T } | { ok: false; error: string }) => {
      clearTimeout(timer)
      if (reply.ok) resolve(reply.value)
      else reject(new Error(`${task.label}失败：${reply.error}`))
    })
    worker.once('error', (err) => { clearTimeout(timer); reject(err) })
    // After a reply this changes nothing; without one (the heap limit, a crash) it is the answer.
    worker.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${task.label}失败：工作线程退出（${code}）`)) })
  })
}
