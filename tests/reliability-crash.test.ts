import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { PEOPLE } from './helpers/fixture'
import { killHard, startProcess, type Started } from './helpers/process'
import { EXTRA_PEOPLE, freePort, personalDataIn, seedReliabilityFixture, sleep } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'

/**
 * `npm start` as a child process takes reports from 16 clients at once and is killed with SIGKILL in the
 * middle. After a restart Lark redelivers every event it got no 200 for, and some it did get one for,
 * again (same event_id, or a new event_id for the same message). Every report must exist exactly once,
 * every reply must reach Lark exactly once, and nothing that was acknowledged may be lost.
 */
const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedReliabilityFixture(dbPath)
const port = await freePort()
const url = `http://127.0.0.1:${port}/webhook/event`
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/
const CLIENTS = 16
const PER_CLIENT = 20
const env = {
  LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook',
  LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  PORT: String(port), DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'info',
}
// Reporters and the village each may report for: team members of V001 and V003, the inspector, the admin.
const REPORTERS = [
  { openId: PEOPLE.team1, village: '红岩洞村@团结乡', item: 'T001' },
  { openId: EXTRA_PEOPLE.secretary1, village: '红岩洞村@团结乡', item: '集体经济' },
  { openId: EXTRA_PEOPLE.member1, village: 'V001', item: '通村道路硬化' },
  { openId: PEOPLE.team3, village: '惠民村', item: 'T003' },
  { openId: PEOPLE.inspector, village: '周山村', item: '卫生室' },
  { openId: PEOPLE.admin, village: '南江镇红岩洞村', item: '硬化路' },
]

interface Sent { messageId: string; body: object; client: number; acked: boolean }

describe('crash safety: SIGKILL while 16 clients report', () => {
  it('keeps every report exactly once, and replies to each exactly once, across a kill and Lark redelivery', async () => {
    const events: Sent[] = []
    for (let c = 0; c < CLIENTS; c++) {
      const who = REPORTERS[c % REPORTERS.length]!
      for (let i = 0; i < PER_CLIENT; i++) {
        const messageId = `om_crash_${c}_${i}`
        const progress = who.item === '集体经济' ? `${1000 + c * 100 + i}元` : who.item.startsWith('T') || who.item === '通村道路硬化' ? `${(i % 95) + 1}%` : '完成'
        const text = `/村 上报 ${who.village} ${who.item} ${progress} 第${c}组第${i}条`
        events.push({ messageId, client: c, acked: false, body: sim.messageEvent({ text, messageId, openId: who.openId, chatId: `oc_crash_${c}`, chatType: 'group', mentionBot: true }) })
      }
    }
    // Lark answers some replies slowly, so sends are in flight when the process dies.
    sim.fault({ path: REPLY_PATH, delayMs: 700, times: 40 })

    const first = startProcess('src/main.ts', env)
    await first.waitForOutput('bot started')
    let killed = false
    const killAt = Math.floor(events.length * 0.45)
    const acked = () => events.filter((e) => e.acked).length
    await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
      for (const e of events.filter((x) => x.client === c)) {
        if (killed) return
        try {
          e.acked = (await sim.postEvent(url, e.body)).status === 200
        } catch {
          return   // the connection died with the process
        }
        if (!killed && acked() >= killAt) {
          killed = true
          await killHard(first)
        }
        await sleep(Math.random() * 15)
      }
    }))
    if (!killed) await killHard(first)
    const ackedBeforeKill = events.filter((e) => e.acked).map((e) => e.messageId)
    const recordsBeforeRestart = recordCount()
    expect(ackedBeforeKill.length).toBeGreaterThanOrEqual(killAt)
    expect(ackedBeforeKill.length).toBeLessThan(events.length)
    // Everything acknowledged was on disk when the process died.
    expect(inboxHas(ackedBeforeKill)).toBe(ackedBeforeKill.length)

    const second = startProcess('src/main.ts', env)
    await second.waitForOutput('bot started')
    // Lark's redelivery: every unacknowledged event, and a third of the acknowledged ones again, some of
    // those under a new event_id (Lark resends a message as a new event).
    const redeliver = events.filter((e, i) => !e.acked || i % 3 === 0).map((e, i) => {
      if (!e.acked || i % 2 === 0) return e
      const body = structuredClone(e.body) as any
      body.header.event_id = `${body.header.event_id}_again`
      return { ...e, body }
    })
    await Promise.all(Array.from({ length: CLIENTS }, async (_, w) => {
      for (const e of redeliver.filter((_x, i) => i % CLIENTS === w)) {
        for (let attempt = 0; attempt < 20; attempt++) {
          const status = await sim.postEvent(url, e.body).then((r) => r.status, () => 0)
          if (status === 200) break
          await sleep(100)
        }
      }
    }))
    const ids = new Set(events.map((e) => e.messageId))
    const repliedTo = () => new Set(sim.messages.filter((m) => m.reply_to && ids.has(m.reply_to)).map((m) => m.reply_to))
    await sim.waitFor(() => repliedTo().size === ids.size, 40_000, 'a reply to every report')
    await sleep(500)
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)

    // Every report exactly once …
    const perMessage = recordsPerMessage()
    expect(events.filter((e) => perMessage.get(e.messageId) !== 1).map((e) => `${e.messageId}: ${perMessage.get(e.messageId) ?? 0}`)).toEqual([])
    expect(recordCount()).toBe(events.length)
    expect(recordsBeforeRestart).toBeLessThanOrEqual(events.length)
    // … every reply exactly once (Lark keeps one message per uuid; the outbox holds one reply per message) …
    const replies = new Map<string, number>()
    for (const m of sim.messages) if (m.reply_to && ids.has(m.reply_to)) replies.set(m.reply_to, (replies.get(m.reply_to) ?? 0) + 1)
    expect([...ids].filter((id) => replies.get(id) !== 1)).toEqual([])
    expect(outboxPerMessage().filter((r) => r.n !== 1 || r.sent !== 1)).toEqual([])
    for (const m of sim.messages.filter((x) => x.reply_to && ids.has(x.reply_to))) expect(m.content.text).toMatch(/^已记录 #\d+/)
    // … and neither process logged personal data.
    expect(personalDataIn(linesOf(first, second))).toEqual([])
    const attempts = sim.requests.filter((r) => REPLY_PATH.test(r.path)).length
    console.log(`crash: ${events.length} reports, ${ackedBeforeKill.length} acknowledged before SIGKILL, ${recordsBeforeRestart} stored then, ` +
      `${redeliver.length} redelivered, ${recordCount()} stored, ${replies.size} replied, 0 lost, 0 duplicated; ` +
      `${attempts} reply requests for ${replies.size} replies; the restart took over the dead sender's leased rows: ${second.stdout.includes('took over rows')}`)
  }, 120_000)
})

function withDb<T>(f: (db: Database.Database) => T): T {
  const db = new Database(dbPath, { readonly: true })
  try {
    return f(db)
  } finally {
    db.close()
  }
}
const recordCount = () => withDb((db) => db.prepare(`SELECT COUNT(*) FROM records WHERE source_message_id LIKE 'om_crash_%'`).pluck().get() as number)
const inboxHas = (ids: string[]) => withDb((db) => {
  const q = db.prepare(`SELECT COUNT(*) FROM inbox WHERE message_id = ?`).pluck()
  return ids.filter((id) => q.get(id) === 1).length
})
const recordsPerMessage = () => withDb((db) => new Map((db.prepare(`SELECT source_message_id AS id, COUNT(*) AS n FROM records
  WHERE source_message_id LIKE 'om_crash_%' GROUP BY source_message_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n])))
const outboxPerMessage = () => withDb((db) => db.prepare(`SELECT reply_to AS id, COUNT(*) AS n, SUM(status = 'sent') AS sent FROM outbox
  WHERE reply_to LIKE 'om_crash_%' GROUP BY reply_to`).all() as { id: string; n: number; sent: number }[])
const linesOf = (...ps: Started[]) => ps.flatMap((p) => `${p.stdout}\n${p.stderr}`.split('\n'))
