import { createHash, timingSafeEqual } from 'node:crypto'
import express from 'express'
import * as lark from '@larksuiteoapi/node-sdk'
import type { Logger } from '../log'

/** How far a request's X-Lark-Request-Timestamp may be from our clock, either way. */
export const REPLAY_WINDOW_MS = 5 * 60_000

/**
 * POST /webhook/event. We check the signature ourselves over the raw bytes and answer 401: the SDK checks
 * it against a re-serialised body and, on a mismatch, silently drops the event while answering 200.
 * A signed request older (or newer) than REPLAY_WINDOW_MS is refused too: Feishu signs every delivery,
 * redeliveries included, when it sends it, so only a replay carries an old timestamp. The inbox's
 * deduplication by event and message id stays as the second line.
 *
 * `onError` says whether a failure was the disk's (then 503: Lark redelivers, and /healthz says why).
 * `now` is the server's real clock (epoch ms), which the timestamps are compared with.
 */
export function createWebhookRouter(o: { dispatcher: lark.EventDispatcher; encryptKey: string; verificationToken?: string; log: Logger; onError?: (err: unknown) => boolean; now?: () => number }) {
  const cipher = new lark.AESCipher(o.encryptKey)
  const now = o.now ?? Date.now
  const router = express.Router()
  router.post(
    '/webhook/event',
    express.raw({ type: () => true, limit: '1mb' }),
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
    if (err?.type === 'entity.too.large') return void res.status(413).json({ error: 'body over 1 MB' })
    if (err?.status >= 400 && err?.status < 500) return void res.status(err.status).json({ error: err.type ?? 'bad request' })
    next(err)
  })
  return router
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
