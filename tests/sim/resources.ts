// 获取消息中的资源文件: GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=image|file, the
// bytes of a file or picture a person sent, with the errors Feishu documents for it.
import type { Answer } from './http.js'

export interface SimResource {
  type: 'image' | 'file'
  data: Buffer
  /** Sent without Content-Length (chunked), so a reader learns the size only by reading. */
  chunked?: boolean
  contentType?: string
}

/** message_id → file_key → resource. */
export type Resources = Map<string, Map<string, SimResource>>

const MAX_BYTES = 100 * 1024 * 1024

export function getResource(resources: Resources, messageId: string, key: string, type: string | null): Answer {
  if (type !== 'image' && type !== 'file') return { status: 400, body: { code: 234001, msg: 'Invalid request param.' } }
  const message = resources.get(messageId)
  if (!message) return { status: 400, body: { code: 230110, msg: 'Action unavailable as the message has been deleted.' } }
  const r = message.get(key)
  // A key from another message, or the wrong type for it: Feishu says the file is not in the message.
  if (!r || r.type !== type) return { status: 400, body: { code: 234003, msg: 'File not in message.' } }
  if (r.data.length > MAX_BYTES) return { status: 400, body: { code: 234037, msg: 'Downloaded file size exceeds limit.' } }
  const contentType = r.contentType ?? (type === 'image' ? 'image/jpeg' : 'application/octet-stream')
  return { status: 200, body: {}, bytes: { data: r.data, type: contentType, chunked: r.chunked } }
}
