import { createHash, timingSafeEqual } from 'node:crypto'
import express from 'express'
import * as lark from '@larksuiteoapi/node-sdk'
import type { Logger } from '../log'
import { INBOX_RETENTION_MS } from '../../db/repos/inbox'

/** How far a request's X-Lark-Request-Timestamp may be from our clock, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000

/** Lark's events are a few KB; nothing larger is read. */
export const MAX_EVENT_BYTES = 100 * 1024
/** The one request Feishu sends unsigned, the encrypted url_verification challenge, is a few hundred bytes. */
const MAX_UNSIGNED_BYTES = 4 * 1024

/**
 * POST /webhook/event. We check the signature ourselves over the raw bytes and answer 401: the SDK checks
 * it against a re-serialised body and, on a mismatch, silently drops the event while answering 200.
 * A signed request older (or newer) than REPLAY_WINDOW_MS is refused too: Feishu signs every delivery,
 * redeliveries included, when it sends it, so only a replay carries an old timestamp. The inbox's
 * deduplication by event and message id stays as the second line.
 *
 * Before a byte of the body is read, the headers decide how much may be: a request whose signature
 * headers carry a stale timestamp is refused outright, one without them (only the challenge may be) gets
 * 4 KB, a signed one 100 KB (413 beyond, read no further). An event created longer ago than the inbox
 * remembers ids (INBOX_RETENTION_MS) is refused: its duplicate could no longer be recognised.
 *
 * `onError` says whether a failure is one to wait out — the disk's, or another process holding the write
 * lock — (then 503: Lark redelivers, and /healthz says why).
 * `now` is the server's real clock (epoch ms), which the timestamps are compared with.
 */
export function createWebhookRouter(o: { dispatcher: lark.EventDispatcher; encryptKey: string; verificationToken?: string; log: Logger; onError?: (err: unknown) => boolean; now?: () => number }) {
  const cipher = new lark.AESCipher(o.encryptKey)
  const now = o.now ?? Date.now
  const router = express.Router()
  const signedBody = express.raw({ type: () => true, limit: MAX_EVENT_BYTES })
  const unsignedBody = express.raw({ type: () => true, limit: MAX_UNSIGNED_BYTES })
  router.post(
    '/webhook/event',
    (req, res, next) => {
      const signed = hasSignatureHeaders(req.headers)
      // A declared length over the limit is refused now: the body parser would read (and discard) it all first.
      if (Number(req.headers['content-length']) > (signed ? MAX_EVENT_BYTES : MAX_UNSIGNED_BYTES)) return refuse(res, 413, 'body too large')
      if (!signed) return unsignedBody(req, res, next)
      if (!timestampFresh(req.headers['x-lark-request-timestamp'], now())) return refuse(res, 401, 'stale timestamp')
      signedBody(req, res, next)
    },
    async (req, res) => {
      const raw: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
      const outer = parseJson(raw.toString('utf8'))
      if (!isObject(outer)) return void res.status(400).json({ error: 'malformed JSON' })
      let body: any = outer
      if (typeof outer.encrypt === 'string') {
        body = parseJson(safeDecrypt(cipher, outer.encrypt))
        if (!isObject(body)) return void res.status(400).json({ error: 'cannot decrypt' })
      }
      // Feishu sends the challenge encrypted but unsigned: decrypting with our key and carrying our token is
      // the proof. A plaintext challenge must be signed like any event.
      if (body.type === 'url_verification') {
        const proven = typeof outer.encrypt === 'string' || signatureOk(req.headers, raw, o.encryptKey)
        if (!proven || !tokenOk(body.token, o.verificationToken)) return void res.status(401).json({ error: 'unauthorized' })
        return void res.json({ challenge: body.challenge })
      }
      if (!signatureOk(req.headers, raw, o.encryptKey)) return void res.status(401).json({ error: 'bad signature' })
      if (!timestampFresh(req.headers['x-lark-request-timestamp'], now())) return void res.status(401).json({ error: 'stale timestamp' })
      if (!tokenOk(body.header?.token ?? body.token, o.verificationToken)) return void res.status(401).json({ error: 'bad token' })
      const created = Number(body.header?.create_time)
      if (Number.isFinite(created) && created > 0 && now() - created > INBOX_RETENTION_MS) {
        o.log.warn({ event: body.header?.event_id }, 'event older than the inbox remembers: refused as a possible replay')
        return void res.status(400).json({ error: 'event too old' })
      }
      try {
        const result = await o.dispatcher.invoke(body, { needCheck: false })
        res.json(isObject(result) ? result : {})
      } catch (err) {
        o.log.error({ err }, 'webhook handler failed')
        const disk = o.onError?.(err) ?? false
        res.status(disk ? 503 : 500).json({ error: disk ? 'database unavailable' : 'internal error' })
      }
    },
  )
  // express.raw's limit and other body errors
  router.use((err: any, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    if (err?.type === 'entity.too.large') return refuse(res, 413, 'body too large')
    if (err?.status >= 400 && err?.status < 500) return void res.status(err.status).json({ error: err.type ?? 'bad request' })
    next(err)
  })
  return router
}

/** Answers and closes the connection, so a client still sending a body cannot keep it. */
function refuse(res: express.Response, status: number, error: string) {
  res.set('Connection', 'close').status(status).json({ error })
}

function hasSignatureHeaders(headers: Record<string, unknown>): boolean {
  return ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'].some((h) => headers[h] !== undefined)
}

export function signatureOk(headers: Record<string, unknown>, raw: Buffer, encryptKey: string): boolean {
  const [ts, nonce, sig] = ['x-lark-request-timestamp', 'x-lark-request-nonce', 'x-lark-signature'].map((h) => headers[h])
  if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string') return false
  const expected = createHash('sha256').update(ts + nonce + encryptKey).update(raw).digest('hex')
  return sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
}

/** Lark's timestamp is in seconds; one that is not a number is as good as none. */
function timestampFresh(header: unknown, nowMs: number): boolean {
  const seconds = typeof header === 'string' && /^\d{1,12}$/.test(header) ? Number(header) : NaN
  return Number.isFinite(seconds) && Math.abs(nowMs - seconds * 1000) <= REPLAY_WINDOW_MS
}

function tokenOk(token: unknown, expected: string | undefined) {
  return !expected || token === expected
}

function safeDecrypt(cipher: lark.AESCipher, data: string): string {
  try {
    return cipher.decrypt(data)
  } catch {
    return ''
  }
}

function parseJson(s: string): any {
  try {
    return JSON.parse(s)
  } catch {
    return undefined
  }
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
