import { Writable } from 'node:stream'
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { afterAll } from 'vitest'
import type { Statement } from 'better-sqlite3'
import { openDatabase, type Db } from '../../db/open'
import type { CardActionResult } from '../../src/card-actions'
import { loadConfig } from '../../src/config'
import { createDeps, type Deps } from '../../src/deps'
import { createLogger } from '../../src/log'
import { createCore } from '../../src/core'
import type { Handled } from '../../src/handle-messages'
import { cardActionEvent, messageEvent } from '../sim/events'
import { plainText } from '../../src/lark/cards/kit'
import { DEFAULT_SETTINGS } from '../../src/settings'
import { FIXTURE_NOW } from './fixture'
import { nodeArgs, ROOT } from './process'

export { FULL_NAMES, ID_NUMBERS, PHONES, personalDataIn, fullIdsIn } from './personal-data'

export { EXTRA_PEOPLE, prng, seedReliabilityFixture } from './reliability-fixture'

/** Counts of every table that holds what people record or configure (not the inbox/outbox plumbing). */
export function stateOf(db: Db): Record<string, number> {
  let count = counters.get(db)
  if (!count) {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                               AND name NOT IN ('inbox', 'outbox', 'direct_chats')`).pluck().all() as string[]
    // One statement for all of them, prepared once: the fuzz takes this snapshot after each of 3,000 inputs.
    count = db.prepare(`SELECT ${[
      ...tables.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}"`),
      `(SELECT COUNT(*) FROM records WHERE withdrawn_at IS NOT NULL) AS "records.withdrawn"`,
      `(SELECT COUNT(*) FROM members WHERE open_id IS NOT NULL) AS "members.linked"`,
    ].join(', ')}`)
    counters.set(db, count)
  }
  return count.get() as Record<string, number>
}
const counters = new WeakMap<Db, Statement>()

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
  say(text: string, o: { openId: string; chatId?: string; chatType?: 'group' | 'p2p'; messageId?: string }): Promise<Said>
  card(event: { openId: string; chatId: string; value: unknown; form?: unknown }): Promise<CardActionResult>
}

let seq = 0

/**
 * The bot's core without a transport (src/core.ts, the one production wiring): each message or card action
 * is the event Lark would send, handed to `core.receive()` in-process, so thousands run in seconds. `say()`
 * returns the queued reply and the outcome.
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
  const handled = new Map<string, Handled>()
  const core = createCore(deps, { clock, onHandled: (h) => h.messageId && handled.set(h.messageId, h) })
  const lark = { appId: 'cli_harness' }
  const replies = db.prepare(`SELECT msg_type AS msgType, content FROM outbox WHERE reply_to = ? ORDER BY id`)

  return {
    deps, db, logs,
    async say(text, p) {
      const messageId = p.messageId ?? `om_h_${process.pid}_${++seq}`
      const chatType = p.chatType ?? 'group'
      const chatId = p.chatId ?? (chatType === 'p2p' ? `oc_p2p_${p.openId}` : 'oc_unbound')
      await core.receive(messageEvent(lark, { text, openId: p.openId, chatId, chatType, messageId, eventId: `ev_${messageId}` }))
      await core.messages.drain()
      const rows = replies.all(messageId) as { msgType: string; content: string }[]
      const outcome = handled.get(messageId)
      const first = rows[0]
      const parsed = first ? JSON.parse(first.content) : null
      return {
        outcome: outcome?.outcome ?? 'none', command: outcome?.command ?? null,
        text: !first ? '' : first.msgType === 'text' ? String(parsed.text) : plainText(parsed),
        raw: first?.content ?? '', msgType: first?.msgType ?? '', replies: rows.length,
      }
    },
    async card(e) {
      const event = cardActionEvent(lark, { openId: e.openId, chatId: e.chatId, messageId: `om_card_${++seq}`, value: e.value, formValue: e.form })
      return (await core.receive(event)) as CardActionResult
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
  const child = spawn(process.execPath, [...nodeArgs(script), ...args], {
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
