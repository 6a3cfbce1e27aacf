import { Writable } from 'node:stream'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll } from 'vitest'
import { openDatabase, type Db } from '../../db/open'
import { createInbox } from '../../db/repos/inbox'
import { cardActions, commands } from '../../commands/index'
import { createCardActionHandler } from '../../src/card-actions'
import type { CardActionResult } from '../../src/lark/events'
import { loadConfig } from '../../src/config'
import { createDeps, type Deps } from '../../src/deps'
import { createLogger } from '../../src/log'
import { createRouter } from '../../src/router'
import { createMessageHandler } from '../../src/handle-messages'
import { normalizeText } from '../../src/text'
import { plainText } from '../../src/lark/cards/kit'
import { DEFAULT_SETTINGS } from '../../src/settings'
import { FIXTURE_NOW } from './fixture'
import { ROOT } from './process'

export { FULL_NAMES, ID_NUMBERS, PHONES, personalDataIn, fullIdsIn } from './personal-data'

export { EXTRA_PEOPLE, prng, seedReliabilityFixture } from './reliability-fixture'

/** Counts of every table that holds what people record or configure (not the inbox/outbox plumbing). */
export function stateOf(db: Db): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                             AND name NOT IN ('inbox', 'outbox', 'direct_chats')`).pluck().all() as string[]
  const out: Record<string, number> = {}
  for (const t of tables) out[t] = (db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number)
  out['records.withdrawn'] = db.prepare(`SELECT COUNT(*) FROM records WHERE withdrawn_at IS NOT NULL`).pluck().get() as number
  out['members.linked'] = db.prepare(`SELECT COUNT(*) FROM members WHERE open_id IS NOT NULL`).pluck().get() as number
  return out
}

export interface Said {
  outcome: string
  command: string | null
  /** What a person reads: the text, or the card's plain-text rendering. */
  text: string
  /** Lark's content JSON string as queued. */
  raw: string
  msgType: string
  replies: number
}

export interface Harness {
  deps: Deps
  db: Db
  logs: string[]
  say(text: string, o: { openId: string; chatId?: string; chatType?: 'group' | 'p2p'; messageId?: string; raw?: boolean }): Promise<Said>
  card(event: { openId: string; chatId: string; value: unknown; form?: unknown }): CardActionResult
}

let seq = 0

/**
 * The bot minus its transports: the same inbox → router → command → outbox path as src/app.ts, in-process,
 * so thousands of messages run in seconds. `say()` returns the queued reply and the logged outcome.
 */
export function createHarness(dbPath: string, o: { clock?: () => Date; fast?: boolean } = {}): Harness {
  const db = openDatabase(dbPath)
  // The fuzz needs speed, not power-cut durability; it changes nothing the commands see.
  if (o.fast) db.pragma('synchronous = OFF')
  afterAll(() => db.close())
  const config = loadConfig({ DATABASE_PATH: dbPath, ADMIN_OPEN_IDS: 'ou_env_admin' }, { lark: false })
  const logs: string[] = []
  const log = createLogger('info', new Writable({ write(chunk, _e, done) { logs.push(String(chunk)); done() } }))
  const deps = createDeps(db, config, DEFAULT_SETTINGS, log)
  const clock = o.clock ?? (() => FIXTURE_NOW)
  const inbox = createInbox(db)
  const messages = createMessageHandler({ ...deps, inbox, router: createRouter(commands, deps), clock })
  const onCard = createCardActionHandler(cardActions, deps, clock)
  const replies = db.prepare(`SELECT msg_type AS msgType, content FROM outbox WHERE reply_to = ? ORDER BY id`)

  return {
    deps, db, logs,
    async say(text, p) {
      const messageId = p.messageId ?? `om_h_${process.pid}_${++seq}`
      const chatType = p.chatType ?? 'group'
      const chatId = p.chatId ?? (chatType === 'p2p' ? `oc_p2p_${p.openId}` : 'oc_unbound')
      const mark = logs.length
      messages.accept({
        eventId: `ev_${messageId}`, messageId, chatId, chatType, openId: p.openId,
        text: p.raw ? text : normalizeText(text), receivedAt: Date.now(),
      })
      await messages.drain()
      const rows = replies.all(messageId) as { msgType: string; content: string }[]
      const handled = logs.slice(mark).map((l) => JSON.parse(l)).find((l) => l.msg === 'event handled')
      const first = rows[0]
      const parsed = first ? JSON.parse(first.content) : null
      return {
        outcome: handled?.outcome ?? 'none', command: handled?.command ?? null,
        text: !first ? '' : first.msgType === 'text' ? String(parsed.text) : plainText(parsed),
        raw: first?.content ?? '', msgType: first?.msgType ?? '', replies: rows.length,
      }
    },
    card(e) {
      return onCard({
        event_id: `ev_card_${++seq}`, operator: { open_id: e.openId }, action: { tag: 'button', value: e.value, form_value: e.form },
        context: { open_message_id: `om_card_${seq}`, open_chat_id: e.chatId },
      })
    },
  }
}

/** A TCP port that was free a moment ago (for a child process that must keep its port across a restart). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * Like tests/helpers/process.ts startProcess, as another user when we are root: root ignores file modes,
 * so a read-only database can only be shown to a process that is not root.
 */
export function startProcessAs(user: { uid: number; gid: number } | null, script: string, env: Record<string, string>, args: string[] = []) {
  const child = spawn(process.execPath, ['--import', TSX, `${ROOT}${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(user ?? {}),
  })
  const out = { stdout: '', stderr: '' }
  child.stdout!.on('data', (d) => (out.stdout += d))
  child.stderr!.on('data', (d) => (out.stderr += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  afterAll(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  return { child, exited, out }
}
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href
