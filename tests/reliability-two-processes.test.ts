import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { PEOPLE } from './helpers/fixture'
import { startProcess } from './helpers/process'
import { freePort, personalDataIn, seedReliabilityFixture } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'

/**
 * Two bots on one DATABASE_PATH (a standby with SCHEDULER=off, as .env.example offers, or two instances
 * behind one address): each gets half of the events, as Lark spreads them over connections. No report may
 * be recorded twice or lost, and every message gets exactly one reply — never an apology for a busy lock.
 */
const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedReliabilityFixture(dbPath)
const ports = [await freePort(), await freePort()]
const env = (port: number, scheduler: 'on' | 'off') => ({
  LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook',
  LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  PORT: String(port), DATABASE_PATH: dbPath, SCHEDULER: scheduler, LOG_LEVEL: 'info',
})
// 32 clients keep both processes contending for the write lock throughout; 400 events are 12 rounds of that
// (800 doubled the file's time without adding contention).
const EVENTS = 400
const CLIENTS = 32

describe('two processes on one database', () => {
  it('record every report once and answer every message once', async () => {
    const bots = [startProcess('src/main.ts', env(ports[0]!, 'on')), startProcess('src/main.ts', env(ports[1]!, 'off'))]
    await Promise.all(bots.map((b) => b.waitForOutput('bot started')))
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const messageId = `om_two_${i}`
      // A remark of its own per event: the same report twice within ten minutes is recorded once.
      const text = `/村 上报 红岩洞村@团结乡 T001 ${(i % 14) + 1}/15 第${i}条`
      return { messageId, body: sim.messageEvent({ text, messageId, openId: PEOPLE.team1, chatId: `oc_two_${i % 8}`, chatType: 'group', mentionBot: true }) }
    })
    const statuses: number[] = []
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; i < EVENTS; i += CLIENTS) {
        // Lark retries what gets no 200; the two instances take turns.
        for (let attempt = 0; attempt < 10; attempt++) {
          const status = await sim.postEvent(`http://127.0.0.1:${ports[(i + attempt) % 2]}/webhook/event`, events[i]!.body).then((r) => r.status, () => 0)
          statuses.push(status)
          if (status === 200) break
        }
      }
    }))
    const ids = new Set(events.map((e) => e.messageId))
    const replies = () => sim.messages.filter((m) => m.reply_to && ids.has(m.reply_to))
    await sim.waitFor(() => new Set(replies().map((m) => m.reply_to)).size === EVENTS, 60_000, 'a reply to every message')
    await new Promise((r) => setTimeout(r, 1000))
    for (const b of bots) b.child.kill('SIGTERM')
    expect(await Promise.all(bots.map((b) => b.exited))).toEqual([0, 0])

    const db = new Database(dbPath, { readonly: true })
    try {
      const perMessage = new Map((db.prepare(`SELECT source_message_id AS id, COUNT(*) AS n FROM records GROUP BY source_message_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]))
      expect(events.filter((e) => perMessage.get(e.messageId) !== 1).map((e) => `${e.messageId}: ${perMessage.get(e.messageId) ?? 0}`)).toEqual([])
    } finally {
      db.close()
    }
    const count = new Map<string, number>()
    for (const m of replies()) count.set(m.reply_to!, (count.get(m.reply_to!) ?? 0) + 1)
    expect([...ids].filter((id) => count.get(id) !== 1)).toEqual([])
    expect(replies().filter((m) => !/^已记录 #\d+/.test(String(m.content.text))).map((m) => String(m.content.text).slice(0, 60))).toEqual([])
    expect(personalDataIn(bots.flatMap((b) => (b.stdout + b.stderr).split('\n')))).toEqual([])
  }, 120_000)
})
