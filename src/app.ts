import { createServer, type Server } from 'node:http'
import express from 'express'
import type { Config } from './config'
import { assertWritable, openDatabase, setLockWait } from '../db/open'
import { createLogger, type Logger } from './log'
import { setHttpTimeout } from './lark/client'
import type { SenderOptions } from './lark/sender'
import { createWebhookRouter } from './lark/webhook'
import { startLongConnection } from './lark/long-connection'
import type { Transport } from './lark/transport'
import { createCore } from './core'
import { createDeps, type Deps } from './deps'
import type { Random } from './random'
import { loadSettings, type Settings } from './settings'
import { createMapRouter } from './web/router'
import { ANSWER_LOCK_WAIT_MS, DISK_HELP, isBusy } from './db-health'
import { missingScheduleYear } from './domain/calendar'
import { localDate } from './domain/dates'
import { holidayGapText } from '../scheduler/holidays'

export interface BotOptions {
  config: Config
  log?: Logger
  /** The one clock: commands, jobs and deadlines read time only through it. */
  clock?: () => Date
  /**
   * The server's real clock (epoch ms), which webhook timestamps are checked against (replay protection).
   * The same time as `clock` in production; tests and the benchmark shift `clock` to their fixture's day
   * while Lark (or the simulator) signs with the real time.
   */
  serverClock?: () => number
  sender?: SenderOptions
  /** Seconds without an answer to a ping before the long connection is presumed dead (default 30). */
  pingTimeoutSec?: number
  /** The config file's contents; read from CONFIG_PATH when not given. */
  settings?: Settings
  /** The random source of spot-check draws (crypto-strong by default); tests pass a seeded one. */
  random?: Random
  /** Timeout of every call to Lark (default 10 s); tests shorten it to simulate a Lark that hangs. */
  httpTimeoutMs?: number
  /** Limits of the HTTP server (webhook, /healthz, map); the defaults are HTTP_LIMITS. */
  httpLimits?: Partial<typeof HTTP_LIMITS>
}

/**
 * What one client may hold of the HTTP server: a request (headers and body) must arrive within 10 s — Lark
 * sends a few KB at once — and at most 200 connections are open at a time, so slow or idle connections
 * cannot pile up (each may buffer up to 100 KB: docs/lark.md).
 */
export const HTTP_LIMITS = { requestTimeoutMs: 10_000, maxConnections: 200 }

/**
 * The composition root: config → db → deps → the core (src/core.ts) → its transports: the webhook on the
 * HTTP server (with /healthz and the map) or the long connection. `start()` listens, `stop()` drains.
 */
export function createBot(o: BotOptions) {
  const { config } = o
  const log = o.log ?? createLogger(config.LOG_LEVEL)
  const clock = o.clock ?? (() => new Date())
  const settings = o.settings ?? loadSettings(config.CONFIG_PATH)
  const db = openDatabase(config.DATABASE_PATH)
  let deps: Deps
  try {
    assertWritable(db)
    deps = createDeps(db, config, settings, log)
  } catch (err) {
    db.close()
    throw err
  }
  // Start-up may wait the usual 5 s for a lock (nothing is being answered yet); from here on a write waits
  // at most a second, because it holds the whole event loop while it waits (ANSWER_LOCK_WAIT_MS).
  setLockWait(db, ANSWER_LOCK_WAIT_MS)
  if (o.httpTimeoutMs !== undefined) setHttpTimeout(o.httpTimeoutMs)
  const core = createCore(deps, { clock, random: o.random, sender: o.sender })
  const { health, sender, scheduler } = core

  const http = express()
  http.disable('x-powered-by')
  // 503 when the bot cannot keep what it acknowledges (database closed, read-only, full) or cannot send;
  // a long connection that is reconnecting and an outbox that is backing up — the sender waiting out Lark's
  // rate limits included — are shown, not failed: they recover by themselves, and a restart would not help.
  http.get('/healthz', (_req, res) => {
    const database = health.check()
    const senderState = sender.state()
    const senderOk = senderState.alive
    const ok = database.state === 'ok' && senderOk
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unavailable',
      database: database.state,
      ...(database.state !== 'ok' && database.state !== 'closed' ? { databaseError: database.error, action: DISK_HELP[database.state] } : {}),
      sender: senderOk ? 'ok' : 'stopped',
      ...(senderState.waiting ? { senderWaiting: senderState.waiting, senderWaitMs: senderState.waitMs } : {}),
      mode: config.LARK_MODE,
      ...(longConnection ? { longConnection: longConnection.state() } : {}),
      outbox: database.state === 'closed' ? undefined : outboxHealth(),
    })
  })
  http.use(createMapRouter({ ...deps, clock }))   // the battle map, /map (docs/interface.md)
  if (config.LARK_MODE === 'webhook') {
    http.use(createWebhookRouter({ receive: core.receive, encryptKey: config.LARK_ENCRYPT_KEY!, verificationToken: config.LARK_VERIFICATION_TOKEN, log, onError: (err) => isBusy(err) || health.report(err), now: o.serverClock }))
  }

  let server: Server | null = null
  let longConnection: Transport | null = null

  /** Counts, and how long the oldest unsent message has waited (null: nothing waits). */
  function outboxHealth() {
    try {
      const oldest = deps.outbox.oldestPendingAt()
      return { ...deps.outbox.counts(), oldestPendingMs: oldest === null ? null : Math.max(0, Date.now() - oldest) }
    } catch {
      return undefined
    }
  }

  return {
    deps,
    db,
    http,
    core,
    scheduler,
    async start(): Promise<{ port: number }> {
      core.start()
      const limits = { ...HTTP_LIMITS, ...o.httpLimits }
      // Node checks request timeouts every connectionsCheckingInterval (30 s by default): check each second.
      server = createServer({ requestTimeout: limits.requestTimeoutMs, headersTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1000 }, http)
      server.maxConnections = limits.maxConnections
      await new Promise<void>((resolve, reject) => {
        server!.listen(config.PORT, '0.0.0.0', () => resolve()).once('error', reject)
      })
      if (config.LARK_MODE === 'ws') {
        longConnection = startLongConnection({ appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.larkDomain, receive: core.receive, log, pingTimeoutSec: o.pingTimeoutSec })
      }
      const address = server!.address()
      const port = typeof address === 'object' && address ? address.port : config.PORT
      log.info({ port, mode: config.LARK_MODE }, 'bot started')
      const today = localDate(clock(), config.TIMEZONE)
      const missing = missingScheduleYear(today, settings.calendar)
      if (missing !== null) log.warn({ year: missing, hint: holidayGapText(missing, today, config.CONFIG_PATH) }, `no holiday schedule for ${missing}`)
      return { port }
    },
    /** Stop intake, finish what was accepted, flush the outbox as far as it goes, close the database. */
    async stop() {
      longConnection?.close()
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server?.closeAllConnections?.()
      await core.stop()
      db.close()
      log.info('bot stopped')
    },
  }
}
export type Bot = ReturnType<typeof createBot>
