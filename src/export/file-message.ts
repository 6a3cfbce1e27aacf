import { runInWorker } from '../worker/run-in-worker'

/**
 * A file message queued in the outbox names what the file shows, not its bytes: the ranking job queues it in
 * its claim's transaction, which must stay short (the bot answers nothing meanwhile), and the published
 * ranking is frozen, so the workbook rendered later from it is the one published. The sender renders it
 * just before the upload, in a worker thread (./ranking-file.ts). This JSON is the row's `content` until
 * Lark has the file.
 */
export interface FileMessage {
  file_name: string
  /** The published ranking of `period`, cut to one zone's remit (null: the county). */
  ranking: { period: string; zoneId: number | null }
}

export const fileMessageContent = (m: FileMessage): string => JSON.stringify(m)

/** The file message in an outbox row's content, or null when the content is not one. */
export function readFileMessage(content: string): FileMessage | null {
  try {
    const m = JSON.parse(content)
    return typeof m?.file_name === 'string' && typeof m?.ranking?.period === 'string' ? m : null
  } catch {
    return null
  }
}

/** Renders file messages from the database at `dbPath` (a file: a worker cannot see an in-memory one). */
export function createFileRenderer(o: { dbPath: string; timeZone: string }) {
  return async (m: FileMessage): Promise<Buffer> => {
    const input = { dbPath: o.dbPath, timeZone: o.timeZone, period: m.ranking.period, zoneId: m.ranking.zoneId }
    const bytes = await runInWorker<Uint8Array>({ module: 'export/ranking-file', fn: 'renderRankingFile', input, maxHeapMb: 256, timeoutMs: 120_000, label: 'Excel 生成' })
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  }
}
export type FileRenderer = ReturnType<typeof createFileRenderer>
