import type * as lark from '@larksuiteoapi/node-sdk'
import { hostname } from 'node:os'
import { createPause } from '../pause'
import type { Outbox, OutboxRow } from '../../db/repos/outbox'
import type { Logger } from '../log'
import type { TokenCache } from './client'
import { RateWindow } from './rate-window'
import { classify, type SendOutcome } from './send-outcome'
import type { FileRenderer } from '../export/file-message'
import { createLarkCall } from './lark-call'
import { isBusy } from '../db-health'

export interface SenderOptions {
  perAppPerSecond?: number
  perAppPerMinute?: number
  perChatPerSecond?: number
  maxInFlight?: number
  /** How long a claimed row stays ours; longer than the HTTP timeout, so a live send is never taken twice. */
  leaseMs?: number
  maxAttempts?: number
  /** A loop that has not looked at the outbox for this long is stuck (tests shorten it). */
  stallMs?: number
}

/** What /healthz says of the sender: alive, and what it waits for when it holds messages back. */
export interface SenderState {
  alive: boolean
  /** Why sends are held back now: Lark's per-app windows (50/s, 1,000/min), or Lark's own 429 pause. */
  waiting: 'rate-limit' | 'paused-by-lark' | null
  waitMs: number
}

/**
 * The only code that calls Lark's message and file APIs. It drains the outbox: paces sends under Lark's
 * limits (50/s and 1000/min per app, 5/s per chat), sends each row with a uuid of its own (uuidOf) so a resend after
 * a crash is dropped by Lark, backs off on rate limits and transient faults, and gives up on permanent errors.
 */
export function createSender(deps: { outbox: Outbox; client: lark.Client; cache: TokenCache; log: Logger; renderFile: FileRenderer; now?: () => number }, o: SenderOptions = {}) {
  const { outbox, cache, log } = deps
  const callLark = createLarkCall(deps.client, deps.renderFile)
  const now = deps.now ?? Date.now
  const perApp = [new RateWindow(o.perAppPerSecond ?? 50, 1000), new RateWindow(o.perAppPerMinute ?? 1000, 60_000)]
  const perChat = new Map<string, RateWindow>()
  const busyChats = new Set<string>()   // one send at a time per chat keeps replies in order
  const inFlight = new Set<Promise<void>>()
  const maxInFlight = o.maxInFlight ?? 16
  const leaseMs = o.leaseMs ?? 30_000
  const maxAttempts = o.maxAttempts ?? 12
  const owner = `${hostname()}:${process.pid}`
  const stallMs = o.stallMs ?? 15_000
  let running = false
  let lastTick = 0
  let pausedUntil = 0   // after a 429 the whole app waits for Lark's x-ogw-ratelimit-reset
  let waiting: SenderState['waiting'] = null
  let waitUntil = 0
  const pause = createPause()
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
    waiting = null
    if (pausedUntil > t) return holdBack('paused-by-lark', pausedUntil - t)
    // Under a burst the app's rate limits are what hold replies back: ask them before reading any rows, or
    // every reply enqueued (a wake each) would read 200 due rows only to send none.
    const initialWait = appWait(t)
    if (initialWait > 0) return holdBack('rate-limit', initialWait)
    let soonest = Infinity
    for (const row of outbox.due(t, 200)) {
      if (inFlight.size >= maxInFlight) return 50
      const wait = appWait(t)
      if (wait > 0) return holdBack('rate-limit', wait)
      if (busyChats.has(row.receive_id)) continue
      const chatFree = chatWindow(row.receive_id).nextFree(t)
      if (chatFree > t) { soonest = Math.min(soonest, chatFree - t); continue }
      if (!outbox.lease(row.id, t, leaseMs, owner)) continue
      perApp.forEach((w) => w.take(t))
      chatWindow(row.receive_id).take(t)
      busyChats.add(row.receive_id)
      // A send whose outcome cannot be written (disk full, read-only, another process's write lock) must not
      // crash the process: the row keeps its lease and goes again when it runs out; Lark drops the resend by its uuid.
      const p = sendRow(row).catch((err) => notRecorded(err, row.id)).finally(() => {
        const answered = now()
        perApp.forEach((w) => w.redate(t, answered))   // see RateWindow.redate
        chatWindow(row.receive_id).redate(t, answered)
        busyChats.delete(row.receive_id)
        inFlight.delete(p)
        pause.wake()
      })
      inFlight.add(p)
    }
    const next = outbox.nextDueAt()
    if (next !== null) soonest = Math.min(soonest, Math.max(0, next - now()))
    return Math.min(soonest, 1000)
  }

  function notRecorded(err: unknown, id: number) {
    if (isBusy(err)) log.warn({ outbox: id }, 'send outcome not recorded (another process writes): the row goes again when its lease ends')
    else log.error({ err, outbox: id }, 'could not record a send outcome')
  }

  function holdBack(why: NonNullable<SenderState['waiting']>, ms: number): number {
    waiting = why
    waitUntil = now() + ms
    return ms
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
      outbox.markSent(row.id, outcome.messageId, t, outcome.chatId)
      log.info({ outbox: row.id, ms: t - started, attempts }, 'message sent')
      if (row.urgent_open_id) await urge(row.id, outcome.messageId, row.urgent_open_id)
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

  /**
   * 发送应用内加急 on a message Lark now has, tried once: the message itself is delivered, and an urgent
   * repeated after a fault would ring the person twice. The outcome is kept on the row.
   */
  async function urge(id: number, messageId: string, openId: string) {
    let result: string
    try {
      const body: any = await deps.client.im.message.urgentApp({ path: { message_id: messageId }, params: { user_id_type: 'open_id' }, data: { user_id_list: [openId] } })
      result = body?.code === 0 ? 'ok' : `${body?.code}: ${body?.msg}`
    } catch (err) {
      const data = (err as { response?: { data?: { code?: number; msg?: string } } }).response?.data
      result = data?.code ? `${data.code}: ${data.msg}` : (err as Error).message
    }
    outbox.markUrgent(id, result.slice(0, 200))
    if (result === 'ok') log.info({ outbox: id }, 'urgent sent')
    else log.warn({ outbox: id, result }, 'urgent refused')
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
        if (isBusy(err)) log.warn({ code: (err as { code?: string }).code }, 'database busy (another process writes): the sender looks again shortly')
        else log.error({ err }, 'sender loop error')
      }
      // Even a minute's wait for Lark's window is slept in short steps: the loop keeps showing it is alive.
      await pause.sleep(Math.min(Math.max(waitMs, 5), stallMs / 3))
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
      pause.wake()
    },
    /** Stops taking rows and waits for the sends in flight. */
    async stop() {
      running = false
      pause.wake()
      await loop
      await Promise.allSettled([...inFlight])
    },
    state(): SenderState {
      const t = now()
      const holding = waiting !== null && waitUntil > t
      return { alive: running && t - lastTick < stallMs, waiting: holding ? waiting : null, waitMs: holding ? waitUntil - t : 0 }
    },
  }
}
export type Sender = ReturnType<typeof createSender>

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
