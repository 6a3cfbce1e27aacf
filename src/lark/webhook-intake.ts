import type { IncomingHttpHeaders, IncomingMessage } from 'node:http'

/** How far a request's X-Lark-Request-Timestamp may be from our clock, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000
/** Lark's events are a few KB; nothing larger is read. */
export const MAX_EVENT_BYTES = 100 * 1024
/** The one request Feishu sends unsigned, the encrypted url_verification challenge, is a few hundred bytes. */
export const MAX_UNSIGNED_BYTES = 4 * 1024

export const SIGNATURE_HEADERS = ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'] as const

/** How much of the body may be read, or the refusal to answer without reading any of it. */
export type Admission = { limit: number } | { status: number; error: string }

/**
 * What the headers alone decide, before a byte of the body is read. An unsigned request may only be the
 * challenge (4 KB); a signed one 100 KB. Signature headers that are incomplete or malformed, or a
 * timestamp outside the window, cannot belong to a delivery from Lark: refused at once. So is a
 * compressed body (Lark sends none, and the limits count the bytes that arrive).
 */
export function admit(headers: IncomingHttpHeaders, nowMs: number): Admission {
  const encoding = headers['content-encoding']
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return { status: 415, error: 'content encoding not accepted' }
  const present = SIGNATURE_HEADERS.filter((h) => headers[h] !== undefined).length
  let limit = MAX_UNSIGNED_BYTES
  if (present > 0) {
    if (present < SIGNATURE_HEADERS.length || !/^[0-9a-f]{64}$/.test(String(headers['x-lark-signature']))) return { status: 401, error: 'bad signature' }
    if (!timestampFresh(headers['x-lark-request-timestamp'], nowMs)) return { status: 401, error: 'stale timestamp' }
    limit = MAX_EVENT_BYTES
  }
  if (Number(headers['content-length']) > limit) return { status: 413, error: 'body too large' }
  return { limit }
}

/** Lark's timestamp is in seconds; one that is not a number is as good as none. */
export function timestampFresh(header: unknown, nowMs: number): boolean {
  const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : NaN
  return Number.isFinite(seconds) && Math.abs(nowMs - seconds * 1000) <= REPLAY_WINDOW_MS
}

/**
 * The body, or null as soon as it passes `limit` (chunked bodies declare no length): the caller answers
 * 413 and closes the connection, so the rest is never read, let alone kept. Rejects when the client goes
 * away first.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const settle = (finish: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onGone)
      finish()
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) settle(() => resolve(null))
      else chunks.push(chunk)
    }
    const onEnd = () => settle(() => resolve(Buffer.concat(chunks, size)))
    const onGone = () => settle(() => reject(new Error('the client went away before its body ended')))
    req.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onGone)
  })
}

/**
 * When the event was created, in ms. Events carry milliseconds; card callbacks microseconds (16 digits), which
 * read as ms would lie thousands of years ahead and never look old.
 */
export function createdAtMs(createTime: unknown): number | null {
  const text = typeof createTime === 'number' ? String(createTime) : createTime
  const n = typeof text === 'string' && /^\d{1,19}$/.test(text) ? Number(text) : NaN
  if (!Number.isFinite(n) || n <= 0) return null
  return n >= 1e14 ? Math.floor(n / 1000) : n
}
