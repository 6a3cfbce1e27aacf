import { cardActions, commands } from '../commands/index'
import { createScheduler } from '../scheduler/index'
import { JOBS } from '../scheduler/jobs'
import { INBOX_RETENTION_MS } from '../db/repos/inbox'
import type { Deps } from './deps'
import { createRouter } from './router'
import { createMessageHandler, type Handled } from './handle-messages'
import { createCardActionHandler } from './card-actions'
import { createEventDispatcher } from './lark/events'
import type { Receive } from './lark/transport'
import { createLarkClient, createTokenCache } from './lark/client'
import { createSender, type SenderOptions } from './lark/sender'
import { createFileRenderer } from './export/file-message'
import { createDbHealth } from './db-health'
import { cryptoRandom, type Random } from './random'
import { importLimits } from './config'
import { createDownloader } from './files/download'
import { fileFolders } from './files/store'
import { createFileWorker } from './files/worker'

export interface CoreOptions {
  /** The one clock: commands, jobs and deadlines read time only through it. */
  clock?: () => Date
  /** The random source of spot-check draws (crypto-strong by default); tests pass a seeded one. */
  random?: Random
  sender?: SenderOptions
  /** Told of each handled message (the console demo shows the outcome; tests read it). */
  onHandled?: (h: Handled) => void
}

/**
 * The bot without its transports (docs/architecture.md): `receive(event)` takes a Lark event as Lark sends
 * it — a message, a card action, the bot added to a chat — and everything after is the same for the
 * webhook, the long connection, the console demo and the tests: inbox → router → command → outbox → the
 * one sender, and the scheduler beside them.
 */
export function createCore(deps: Deps, o: CoreOptions = {}) {
  const { config, log } = deps
  const clock = o.clock ?? (() => new Date())
  const random = o.random ?? cryptoRandom
  const cache = createTokenCache()
  // The console demo and the tests' harness have no Lark app: the SDK wants a secret to build a client
  // at all, and their sender is never started, so nothing is ever asked with these.
  const app = { appId: config.LARK_APP_ID || 'cli_offline', appSecret: config.LARK_APP_SECRET || 'offline' }
  const client = createLarkClient({ ...app, domain: config.larkDomain, log, cache })
  const renderFile = createFileRenderer({ dbPath: deps.databaseFile ?? ':memory:', timeZone: config.TIMEZONE })
  const sender = createSender({ outbox: deps.outbox, client, cache, log, renderFile }, o.sender)
  // Files from chats (src/files/): downloads and imports run beside the inbox, woken whenever work may have
  // been queued. They need the database as a file (an import runs on a connection of its own).
  const files = createFileWorker({
    ...deps, clock, dbPath: deps.databaseFile ?? ':memory:', timeZone: config.TIMEZONE,
    folders: fileFolders({ databasePath: deps.databaseFile ?? ':memory:', filesDir: config.FILES_DIR }),
    download: createDownloader(client, cache), limits: importLimits(config), onEnqueued: () => sender.notify(),
  })
  const onEnqueued = () => {
    sender.notify()
    files.notify()
  }
  const router = createRouter(commands, deps, random)
  const health = createDbHealth(deps.writeProbe)
  const messages = createMessageHandler({ ...deps, router, clock, onEnqueued, health, onHandled: o.onHandled })
  const onCardAction = createCardActionHandler(cardActions, deps, clock, random)
  const dispatcher = createEventDispatcher({ ...deps, messages, clock, onEnqueued, onCardAction })
  const scheduler = createScheduler(deps, JOBS, clock)
  let timers: NodeJS.Timeout[] = []

  return {
    deps, clock, router, scheduler, sender, health, messages,
    /** One event, decrypted and verified by its transport; resolves to what Lark is answered. */
    receive: ((event) => dispatcher.invoke(event, { needCheck: false })) as Receive,
    /** Sends what waits, handles what a crash left accepted, runs the schedule (when on). */
    start() {
      sender.start()
      if (deps.databaseFile !== null) files.start()
      void messages.drain()
      if (config.SCHEDULER === 'on') scheduler.start()
      timers = [
        setInterval(() => {
          try {
            deps.inbox.prune(Date.now() - INBOX_RETENTION_MS)
          } catch (err) {
            log.error({ err }, 'inbox prune failed')   // a timer that throws would end the process
          }
        }, 3_600_000).unref(),
        // Rows left unhandled by a failed write (full or read-only disk) are tried again once it is back.
        setInterval(() => void messages.drain(), 5_000).unref(),
      ]
    },
    /** Finishes what was accepted and flushes the outbox as far as it goes (the transports stopped first). */
    async stop() {
      await scheduler.stop()
      for (const t of timers) clearInterval(t)
      await messages.drain()
      await files.stop()
      await sender.stop()
    },
  }
}
export type Core = ReturnType<typeof createCore>
