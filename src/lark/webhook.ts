import { createHash, timingSafeEqual } from 'node:crypto'
import express from 'express'
import type { AESCipher } from '@larksuiteoapi/node-sdk'
import { lark } from './sdk'
import type { Logger } from '../log'
import { INBOX_RETENTION_MS } from '../../db/repos/inbox'
import { admit, createdAtMs, readBody, SIGNATURE_HEADERS } from './webhook-intake'
import type { Receive } from './transport'

/**
 * POST /webhook/event. We check the signature ourselves over the raw bytes and answer 401: the SDK checks
 * it against a re-serialised body and, on a mismatch, silently drops the event while answering 200.
 * Before a byte of the body is read, the headers decide whether and how much of it may be
 * (webhook-intake.ts): a signed request whose timestamp is more than REPLAY_WINDOW_MS away is refused
 * outright — Feishu signs every delivery, redeliveries included, when it sends it, so only a replay
 * carries an old timestamp — an unsigned one (only the challenge may be) gets 4 KB, a signed one 100 KB
 * (413 beyond, read no further). The inbox's deduplication by event and message id stays as the second
 * line; an event created longer ago than the inbox remembers ids (INBOX_RETENTION_MS) is refused, since
 * its duplicate could no longer be recognised.
 *
 * `onError` says whether a failure is one to wait out — the disk's, or another process holding the write
 * lock — (then 503: Lark redelivers, and /healthz says why).
 * `now` is the server's real clock (epoch ms), which the timestamps are compared with.
 */
export function createWebhookRouter(o: { receive: Receive; encryptKey: string; verificationToken?: string; log: Logger; onError?: (err: unknown) => boolean; now?: () => number }) {
  const cipher = new lark.AESCipher(o.encryptKey)
  const now = o.now ?? Date.now
  const router = express.Router()
  router.post('/webhook/event', async (req, res) => {
    const admission = admit(req.headers, now())
    if ('status' in admission) return refuse(res, admission.status, admission.error)
    let raw: Buffer | null
    try {
      raw = await readBody(req, admission.limit)
    } catch {
      return   // the client is gone: nobody to answer
    }
    if (raw === null) return refuse(res, 413, 'body too large')
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
    if (!tokenOk(body.header?.token ?? body.token, o.verificationToken)) return void res.status(401).json({ error: 'bad token' })
    const created = createdAtMs(body.header?.create_time)
    if (created !== null && now() - created > INBOX_RETENTION_MS) {
      o.log.warn({ event: body.header?.event_id }, 'event older than the inbox remembers: refused as a possible replay')
      return void res.status(400).json({ error: 'event too old' })
    }
    try {
      const result = await o.receive(body)
      res.json(isObject(result) ? result : {})
    } catch (err) {
      o.log.error({ err }, 'webhook handler failed')
      const disk = o.onError?.(err) ?? false
      res.status(disk ? 503 : 500).json({ error: disk ? 'database unavailable' : 'internal error' })
    }
  })
  return router
}

/** Answers and closes the connection, so a client still sending a body cannot keep it. */
function refuse(res: express.Response, status: number, error: string) {
  res.set('Connection', 'close').status(status).json({ error })
}

export function signatureOk(headers: Record<string, unknown>, raw: Buffer, encryptKey: string): boolean {
  const [ts, nonce, sig] = SIGNATURE_HEADERS.map((h) => headers[h])
  if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string') return false
  const expected = createHash('sha256').update(ts + nonce + encryptKey).update(raw).digest('hex')
  return sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected))
}

function tokenOk(token: unknown, expected: string | undefined) {
  return !expected || token === expected
}

function safeDecrypt(cipher: AESCipher, data: string): string {
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
