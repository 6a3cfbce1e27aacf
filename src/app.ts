import type { Server } from 'node:http'
import express from 'express'
import type { Config } from './config'
import { openDatabase } from '../db/open'
import { createInbox } from '../db/repos/inbox'
import { cardActions, commands } from '../commands/index'
import { createCardActionHandler } from './card-actions'
import { createScheduler } from '../scheduler/index'
import { JOBS } from '../scheduler/jobs'
import { createLogger, type Logger } from './log'
import { createRouter } from './router'
import { createMessageHandler } from './handle-messages'
import { createLarkClient, createTokenCache, setHttpTimeout } from './lark/client'
import { createSender, type SenderOptions } from './lark/sender'
import { createEventDispatcher } from './lark/events'
import { createWebhookRouter } from './lark/webhook'
import { startLongConnection } from './lark/long-connection'
import { createDeps } from './deps'
import { loadSettings, type Settings } from './settings'
import { createMapRouter } from './web/router'

export interface BotOptions {
  config: Config
  log?: Logger
  /** The one clock: commands, jobs and deadlines read time only through it. */
  clock?: () => Date
  sender?: SenderOptions
  /** Seconds without an answer to a ping before the long connection is presumed dead (default 30). */
  pingTimeoutSec?: number
  /** The config file's contents; read from CONFIG_PATH when not given. */
  settings?: Settings
  /** Timeout of every call to Lark (default 10 s); tests shorten it to simulate a Lark that hangs. */
  httpTimeoutMs?: number
}

/** The composition root: config → db → deps → transport, sender. `start()` listens, `stop()` drains. */
export function createBot(o: BotOptions) {
  const { config } = o
  const log = o.log ?? createLogger(config.LOG_LEVEL)
  const clock = o.clock ?? (() => new Date())
  const settings = o.settings ?? loadSettings(config.CONFIG_PATH)
  const db = openDatabase(config.DATABASE_PATH)
  const deps = createDeps(db, config, settings, log)
  const { outbox } = deps
  const inbox = createInbox(db)

  if (o.httpTimeoutMs !== undefined) setHttpTimeout(o.httpTimeoutMs)
  const cache = createTokenCache()
  const client = createLarkClient({ appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.larkDomain, log, cache })
  const sender = createSender({ outbox, client, cache, log }, o.sender)
  const onEnqueued = () => sender.notify()
  const router = createRouter(commands, deps)
  const messages = createMessageHandler({ ...deps, inbox, router, clock, onEnqueued })
  const onCardAction = createCardActionHandler(cardActions, deps, clock)
  const dispatcher = createEventDispatcher({ ...deps, inbox, messages, clock, onEnqueued, onCardAction })

  const scheduler = createScheduler(deps, JOBS, clock)

  const http = express()
  http.disable('x-powered-by')
  http.get('/healthz', (_req, res) => {
    const dbOk = isDbOpen()
    const senderOk = sender.isAlive()
    const ok = dbOk && senderOk
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'unavailable',
      database: dbOk ? 'ok' : 'unavailable',
      sender: senderOk ? 'ok' : 'stopped',
      mode: config.LARK_MODE,
      ...(longConnection ? { longConnection: longConnection.state() } : {}),
      outbox: dbOk ? outbox.counts() : undefined,
    })
  })
  http.use(createMapRouter({ ...deps, clock }))   // the battle map, /map (interface.md §2)
  if (config.LARK_MODE === 'webhook') {
    http.use(createWebhookRouter({ dispatcher, encryptKey: config.LARK_ENCRYPT_KEY!, verificationToken: config.LARK_VERIFICATION_TOKEN, log }))
  }

  let server: Server | null = null
  let longConnection: ReturnType<typeof startLongConnection> | null = null
  let pruneTimer: NodeJS.Timeout | null = null

  function isDbOpen() {
    try {
      return db.open && db.prepare('SELECT 1').get() !== undefined
    } catch {
      return false
    }
  }

  return {
    deps,
    db,
    http,
    scheduler,
    async start(): Promise<{ port: number }> {
      sender.start()
      void messages.drain()
      if (config.SCHEDULER === 'on') scheduler.start()   // whatever a crash left accepted but unhandled
      pruneTimer = setInterval(() => inbox.prune(Date.now() - 7 * 86_400_000), 3_600_000).unref()
      await new Promise<void>((resolve, reject) => {
        server = http.listen(config.PORT, '0.0.0.0', () => resolve()).once('error', reject)
      })
      if (config.LARK_MODE === 'ws') {
        longConnection = startLongConnection({ appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.larkDomain, dispatcher, log, pingTimeoutSec: o.pingTimeoutSec })
      }
      const address = server!.address()
      const port = typeof address === 'object' && address ? address.port : config.PORT
      log.info({ port, mode: config.LARK_MODE }, 'bot started')
      return { port }
    },
    /** Stop intake, finish what was accepted, flush the outbox as far as it goes, close the database. */
    async stop() {
      longConnection?.close()
      scheduler.stop()
      if (pruneTimer) clearInterval(pruneTimer)
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
      server?.closeAllConnections?.()
      await messages.drain()
      await sender.stop()
      db.close()
      log.info('bot stopped')
    },
  }
}
export type Bot = ReturnType<typeof createBot>
