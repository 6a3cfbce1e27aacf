import type * as lark from '@larksuiteoapi/node-sdk'
import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { Readable } from 'node:stream'
import type { ReadStream } from 'node:fs'
import type { Outbox, OutboxRow } from '../../db/repos/outbox'
import type { Logger } from '../log'
import type { TokenCache } from './client'
import { RateWindow } from './rate-window'
import { classify, type SendOutcome } from './send-outcome'
import { readFileMessage, type FileRenderer } from '../export/file-message'

export interface SenderOptions {
  perAppPerSecond?: number
  perAppPerMinute?: number
  perChatPerSecond?: number
  maxInFlight?: number
  /** How long a claimed row stays ours; longer than the HTTP timeout, so a live send is never taken twice. */
  leaseMs?: number
  maxAttempts?: number
}

/**
 * The only code that calls Lark's message and file APIs. It drains the outbox: paces sends under Lark's
 * limits (50/s and 1000/min per app, 5/s per chat), sends each row with a uuid of its own (uuidOf) so a resend after
 * a crash is dropped by Lark, backs off on rate limits and transient faults, and gives up on permanent errors.
 */
export function createSender(deps: { outbox: Outbox; client: lark.Client; cache: TokenCache; log: Logger; renderFile: FileRenderer; now?: () => number }, o: SenderOptions = {}) {
  const { outbox, client, cache, log, renderFile } = deps
  const now = deps.now ?? Date.now
  const perApp = [new RateWindow(o.perAppPerSecond ?? 50, 1000), new RateWindow(o.perAppPerMinute ?? 1000, 60_000)]
  const perChat = new Map<string, RateWindow>()
  const busyChats = new Set<string>()   // one send at a time per chat keeps replies in order
  const inFlight = new Set<Promise<void>>()
  const maxInFlight = o.maxInFlight ?? 16
  const leaseMs = o.leaseMs ?? 30_000
  const maxAttempts = o.maxAttempts ?? 12
  const owner = `${hostname()}:${process.pid}`
  let running = false
  let lastTick = 0
  let pausedUntil = 0   // after a 429 the whole app waits for Lark's x-ogw-ratelimit-reset
  let wake: (() => void) | null = null
  let loop: Promise<void> | null = null

  function chatWindow(chat: string) {
    let w = perChat.get(chat)
    if (!w) perChat.set(chat, (w = new RateWindow(o.perChatPerSecond ?? 5, 1000)))
    return w
  }

  /** How long until the app's rate windows allow another send (0: now). */
  const appWait = (t: number) => Math.max(0, ...perApp.map((w) => w.nextFree(t) - t))

  /** Starts what may start now; returns when to look again (ms from now). */
  function dispatch(): number {
    const t = now()
    lastTick = t
    if (pausedUntil > t) return pausedUntil - t
    // Under a burst the app's rate limits are what hold replies back: ask them before reading any rows, or
    // every reply enqueued (a wake each) would read 200 due rows only to send none.
    const initialWait = appWait(t)
    if (initialWait > 0) return initialWait
    let soonest = Infinity
    for (const row of outbox.due(t, 200)) {
      if (inFlight.size >= maxInFlight) return 50
      const wait = appWait(t)
      if (wait > 0) return wait
      if (busyChats.has(row.receive_id)) continue
      const chatFree = chatWindow(row.receive_id).nextFree(t)
      if (chatFree > t) { soonest = Math.min(soonest, chatFree - t); continue }
      if (!outbox.lease(row.id, t, leaseMs, owner)) continue
      perApp.forEach((w) => w.take(t))
      chatWindow(row.receive_id).take(t)
      busyChats.add(row.receive_id)
      // A send whose outcome cannot be written (disk full, read-only) must not crash the process: the row
      // keeps its lease and goes again when it runs out; Lark drops the resend by its uuid.
      const p = sendRow(row).catch((err) => log.error({ err, outbox: row.id }, 'could not record a send outcome')).finally(() => {
        const answered = now()
        perApp.forEach((w) => w.redate(t, answered))   // see RateWindow.redate
        chatWindow(row.receive_id).redate(t, answered)
        busyChats.delete(row.receive_id)
        inFlight.delete(p)
        wake?.()
      })
      inFlight.add(p)
    }
    const next = outbox.nextDueAt()
    if (next !== null) soonest = Math.min(soonest, Math.max(0, next - now()))
    return Math.min(soonest, 1000)
  }

  async function sendRow(row: OutboxRow, tokenRetried = false): Promise<void> {
    const started = now()
    let outcome: SendOutcome
    try {
      outcome = classify({ body: await callLark(row) })
    } catch (error) {
      outcome = classify({ error })
    }
    if (outcome.kind === 'refresh-token' && !tokenRetried) {
      cache.clear()
      return sendRow(row, true)
    }
    const t = now()
    const attempts = row.attempts + 1
    if (outcome.kind === 'sent') {
      outbox.markSent(row.id, outcome.messageId, t)
      log.info({ outbox: row.id, ms: t - started, attempts }, 'message sent')
    } else if (outcome.kind === 'parent-gone' && row.reply_to) {
      // Replying is impossible, but the answer still matters to the chat: it goes once as a plain message.
      outbox.sendAsPlainMessage(row.id, outcome.reason, outcome.code, t)
      log.warn({ outbox: row.id, code: outcome.code, reason: outcome.reason }, 'reply impossible: sending it as a plain message')
    } else if (outcome.kind === 'permanent' || outcome.kind === 'parent-gone' || attempts >= maxAttempts) {
      const code = 'code' in outcome ? outcome.code : null
      outbox.markFailed(row.id, outcome.reason, code, t)
      log.error({ outbox: row.id, code, reason: outcome.reason, attempts }, 'message failed')
    } else {
      const delay = outcome.kind === 'retry' && outcome.afterMs !== null ? outcome.afterMs : backoff(attempts)
      if (outcome.kind === 'retry' && outcome.appWide) pausedUntil = Math.max(pausedUntil, t + delay)
      outbox.retryAt(row.id, t + delay, outcome.reason)
      log.warn({ outbox: row.id, code: 'code' in outcome ? outcome.code : null, reason: outcome.reason, attempts, retryInMs: delay }, 'message send will be retried')
    }
  }

  async function callLark(row: OutboxRow): Promise<any> {
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

  /**
   * A sender on this machine that died mid-send (SIGKILL, power cut) still holds its rows' leases. Waiting
   * for them to run out would delay those replies; a dead pid on our own host is safe to take over. Lark
   * drops the resend if the first attempt did arrive, because the uuid is the same.
   */
  function reclaimFromDeadSenders() {
    for (const held of outbox.leaseOwners(now())) {
      const [host, pid] = [held.slice(0, held.lastIndexOf(':')), Number(held.slice(held.lastIndexOf(':') + 1))]
      if (host === hostname() && held !== owner && !isAlive(pid)) {
        log.warn({ owner: held, rows: outbox.releaseLeases(held) }, 'took over rows of a sender that died mid-send')
      }
    }
  }

  async function run() {
    while (running) {
      let waitMs = 1000
      try {
        waitMs = dispatch()
      } catch (err) {
        log.error({ err }, 'sender loop error')   // e.g. database busy: try again shortly
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(waitMs, 5))
        wake = () => { clearTimeout(timer); wake = null; resolve() }
      })
    }
  }

  return {
    start() {
      if (running) return
      reclaimFromDeadSenders()
      running = true
      loop = run()
    },
    /** Something was enqueued: look now rather than at the next tick. */
    notify() {
      wake?.()
    },
    /** Stops taking rows and waits for the sends in flight. */
    async stop() {
      running = false
      wake?.()
      await loop
      await Promise.allSettled([...inFlight])
    },
    isAlive(): boolean {
      return running && now() - lastTick < 15_000
    },
  }
}
export type Sender = ReturnType<typeof createSender>

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function backoff(attempts: number): number {
  const base = Math.min(1000 * 2 ** (attempts - 1), 5 * 60_000)
  return Math.round(base * (0.8 + Math.random() * 0.4))
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
