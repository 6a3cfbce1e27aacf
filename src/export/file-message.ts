import type { Book } from './book'

/**
 * A file message queued in the outbox carries its workbook as plain data (a Book), not as xlsx bytes: a
 * job computes its messages inside its claim's transaction, which cannot wait for a renderer, while the
 * sender, which uploads the file anyway, can render it off the event loop just before the upload
 * (./render-in-worker.ts). The same JSON is the row's `content` until Lark has the file.
 */
export interface FileMessage {
  file_name: string
  book: Book
}

/** The outbox content of a file message. Lazy rows are read out here, so the JSON is the whole book. */
export function fileMessageContent(fileName: string, book: Book): string {
  const plain: FileMessage = { file_name: fileName, book: { sheets: book.sheets.map((s) => ({ ...s, rows: [...s.rows] })) } }
  return JSON.stringify(plain)
}

/** The file message in an outbox row's content, or null when the content is not one. */
export function readFileMessage(content: string): FileMessage | null {
  try {
    const m = JSON.parse(content)
    return typeof m?.file_name === 'string' && Array.isArray(m?.book?.sheets) ? m : null
  } catch {
    return null
  }
}
