import type * as lark from '@larksuiteoapi/node-sdk'
import { createHash } from 'node:crypto'
import { Readable } from 'node:stream'
import type { ReadStream } from 'node:fs'
import type { OutboxRow } from '../../db/repos/outbox'
import { readFileMessage, type FileRenderer } from '../export/file-message'

/**
 * One outbox row as Lark calls: a reply or a new message, a workbook uploaded first when the row is a file.
 * Resolves to Lark's whole answer (the sender classifies it); throws what the HTTP layer throws.
 */
export function createLarkCall(client: lark.Client, renderFile: FileRenderer) {
  return async function callLark(row: OutboxRow): Promise<any> {
    const uuid = uuidOf(row)
    let content = row.content
    if (row.msg_type === 'file') {
      const upload = await uploadFile(row)
      if (upload.code !== 0 || !upload.data?.file_key) return upload
      content = JSON.stringify({ file_key: upload.data.file_key })
    }
    const data = { msg_type: row.msg_type, content, uuid }
    return row.reply_to
      ? client.im.message.reply({ path: { message_id: row.reply_to }, data })
      : client.im.message.create({ params: { receive_id_type: row.receive_id_type }, data: { ...data, receive_id: row.receive_id } })
  }

  /**
   * Renders the row's workbook (in a worker thread, src/export/file-message.ts) and uploads it. Through the SDK's generic request, which
   * resolves to Lark's whole answer: `im.file.create` answers null for an HTTP 200 with a non-zero code, and
   * the code (file too large, empty…) would be lost.
   */
  async function uploadFile(row: OutboxRow): Promise<any> {
    const file = readFileMessage(row.content)
    const name = file?.file_name ?? row.file_name ?? 'file'
    const bytes = row.file_bytes ?? (file ? await renderFile(file) : null)
    if (!bytes) return { code: -1, msg: 'the outbox row holds no file' }
    return client.request({
      method: 'POST',
      url: '/open-apis/im/v1/files',
      data: { file_type: fileType(name), file_name: name, file: namedStream(bytes, name) },
      headers: { 'Content-Type': 'multipart/form-data' },
    })
  }
}

/**
 * Lark drops a second send with the same uuid within an hour: a resend of the same row after a crash must
 * carry the same uuid, and a different message a different one. The row id alone is not enough: a
 * restored backup (or a second database on the same app) numbers new rows from where it left off, and a
 * new reply would be dropped as a repeat of one sent before the restore. So the id is joined by a digest
 * of where the row goes and what it says (both fixed once queued). ≤ 50 characters, as Lark requires.
 */
export function uuidOf(row: Pick<OutboxRow, 'id' | 'receive_id' | 'reply_to' | 'msg_type' | 'content' | 'file_name'>): string {
  const digest = createHash('sha256')
    .update([row.receive_id, row.reply_to ?? '', row.msg_type, row.file_name ?? '', row.content].join('\n'))
    .digest('hex').slice(0, 16)
  return `outbox-${row.id}-${digest}`
}

/**
 * The upload's bytes as a stream named like the file. The SDK posts multipart form-data (axios +
 * form-data): a Buffer goes out as a part with no filename, which servers may read as a text field; a
 * stream with a `path` gets `filename="…"` in its Content-Disposition, like the fs stream in Lark's docs.
 * Made fresh for each attempt, since a stream can be read only once. Typed as the fs.ReadStream the SDK
 * declares: it only hands the value to form-data, which reads `path` and the stream, nothing fs-specific.
 */
function namedStream(bytes: Buffer, name: string): ReadStream {
  return Object.assign(Readable.from([bytes]), { path: name }) as unknown as ReadStream
}

function fileType(name: string): 'xls' | 'pdf' | 'stream' {
  if (/\.xlsx?$/i.test(name)) return 'xls'
  if (/\.pdf$/i.test(name)) return 'pdf'
  return 'stream'
}
