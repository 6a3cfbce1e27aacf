// `npm run soak -- --minutes N [--rate R] [--seed S]`: the real bot (webhook mode) against the local Lark
// simulator with Lark's rate limits, fed every command mixed — well-formed, bent and hostile — at R events/s
// (default 50) for N minutes (default 5), while Lark faults are injected all along: 429 with a reset, 5xx,
// answers slower than the HTTP timeout, dropped connections, revoked tokens, a failing token endpoint; and
// Lark redelivers some events (same event_id, or a new one for the same message). Then it waits (bounded)
// for the outbox to drain and counts. The last line is JSON:
//   {"sent":…,"acknowledged":…,"stored":…,"replied":…,"lost":0,"duplicated":0,…}
// Exit status 0 only when nothing was lost, nothing doubled and no personal data was logged.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { createBot } from '../../src/app'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/log'
import { startLarkSimulator, type Fault } from '../sim'
import { fuzzInputs } from '../helpers/fuzz-input'
import { personalDataIn } from '../helpers/personal-data'
import { EXTRA_PEOPLE, prng, seedReliabilityFixture } from '../helpers/reliability-fixture'
import { PEOPLE } from '../helpers/fixture'

const MAX_MINUTES = 120
const MAX_RATE = 200
const MAX_IN_FLIGHT = 200
const DRAIN_LIMIT_MS = 180_000
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'
const HTTP_TIMEOUT_MS = 2_000
const GROUP_CHATS = 24   // Lark allows 5 messages/s per chat: 50 events/s need at least 10 chats

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '5' }, rate: { type: 'string', default: '50' }, seed: { type: 'string', default: '1' } },
  allowPositionals: false,
})
const minutes = Math.min(Math.max(Number(values.minutes) || 5, 0.05), MAX_MINUTES)
const rate = Math.min(Math.max(Number(values.rate) || 50, 1), MAX_RATE)
const seed = Number(values.seed) || 1
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const say = (line: string) => process.stderr.write(`${line}\n`)

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zhanqu-soak-'))
  const dbPath = join(dir, 'soak.db')
  seedReliabilityFixture(dbPath)
  const seedDb = new Database(dbPath)
  const bind = seedDb.prepare(`INSERT INTO chat_bindings (chat_id, zone_id, bound_by, bound_at) VALUES (?, ?, 'soak', 0)`)
  for (let i = 0; i < GROUP_CHATS; i++) bind.run(`oc_soak_${i}`, [1, 2, null][i % 3])   // zone 1, zone 2, county HQ
  seedDb.close()

  const encryptKey = 'soak-encrypt-key'
  const verificationToken = 'soak-verification-token'
  const appId = `cli_${(process.pid * 7919).toString(16).padStart(16, '0').slice(-16)}`
  const sim = await startLarkSimulator({ appId, appSecret: 'secret', encryptKey, verificationToken, rateLimit: { perAppPerSecond: 50, perChatPerSecond: 5 } })
  let logLines = 0
  const leaks: string[] = []
  const sink = new Writable({
    write(chunk, _e, done) {
      logLines += 1
      if (leaks.length < 20) leaks.push(...personalDataIn([String(chunk)]))
      done()
    },
  })
  const config = loadConfig({
    LARK_APP_ID: appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: encryptKey,
    LARK_VERIFICATION_TOKEN: verificationToken, PORT: '0', DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'info',
  })
  // Lark allows an app 1000 messages a minute: at 50 events/s the replies would queue for three times the
  // run. The simulator has no per-minute quota, so the soak lifts the bot's to see the bot keep up (a
  // county that really sends this much asks Lark for a higher quota).
  const bot = createBot({ config, log: createLogger('info', sink), httpTimeoutMs: HTTP_TIMEOUT_MS, sender: { perAppPerMinute: Math.ceil(rate * 60 * 1.2) } })
  const { port } = await bot.start()
  const webhook = `http://127.0.0.1:${port}/webhook/event`

  const total = Math.round(minutes * 60 * rate)
  const r = prng(seed)
  // Half what the work teams really send (reports, checks, projects, queries by the right people), half the
  // fuzz's bent and hostile input.
  const fuzz = fuzzInputs(seed, total)
  const inputs = fuzz.map((input, i) => {
    const real = r.chance(0.5) ? realistic(r) : input
    return {
      ...real,
      chatId: real.chatType === 'group' ? `oc_soak_${i % GROUP_CHATS}` : `oc_p2p_${real.openId}`,
      messageId: `om_soak_${seed}_${i}`,
    }
  })
  const acked = new Set<string>()
  const sentIds = new Set<string>()
  let posts = 0
  let cards = 0
  let cardFailures = 0
  let faults = 0
  let inFlight = 0
  const faultKinds: Record<string, number> = {}

  /** Lark: post until 200 (it redelivers), a few times at most, each try bounded by the HTTP client. */
  async function deliver(body: object, messageId: string) {
    inFlight += 1
    try {
      for (let attempt = 0; attempt < 6; attempt++) {
        posts += 1
        const status = await sim.postEvent(webhook, body).then((x) => x.status, () => 0)
        if (status === 200) return void acked.add(messageId)
        await sleep(1000)
      }
    } finally {
      inFlight -= 1
    }
  }

  const FAULTS: [string, () => Fault | 'expire'][] = [
    ['429 with reset', () => ({ path: REPLY_PATH, times: 1 + r.int(3), status: 429, headers: { 'x-ogw-ratelimit-reset': '1' }, body: { code: 99991400, msg: 'request trigger frequency limit' } })],
    ['5xx', () => ({ path: REPLY_PATH, times: 1 + r.int(5), status: r.pick([500, 502, 503, 504]) })],
    ['slower than the timeout', () => ({ path: REPLY_PATH, times: 1 + r.int(3), delayMs: HTTP_TIMEOUT_MS + 1500 })],
    ['dropped connection', () => ({ path: REPLY_PATH, times: 1 + r.int(3), drop: true })],
    ['chat rate limit 230020', () => ({ path: REPLY_PATH, times: 1 + r.int(3), status: 400, body: { code: 230020, msg: 'frequency limit' } })],
    ['token endpoint down', () => ({ path: TOKEN_PATH, times: 1 + r.int(2), status: 500 })],
    ['token revoked', () => 'expire'],
  ]

  const started = Date.now()
  const duration = minutes * 60_000
  let nextFault = started + 1000
  let nextReport = started + 10_000
  let i = 0
  say(`soak: ${total} events over ${minutes} min at ${rate}/s, seed ${seed}`)
  while (i < total && Date.now() - started < duration + 60_000) {
    const now = Date.now()
    const due = Math.min(total, Math.floor(((now - started) / 1000) * rate))
    while (i < due && inFlight < MAX_IN_FLIGHT) {
      const input = inputs[i++]!
      const body = sim.messageEvent({ ...input, mentionBot: input.chatType === 'group' })
      sentIds.add(input.messageId)
      void deliver(body, input.messageId)
      // Lark redelivers now and then: the same event again, or the same message under a new event_id.
      if (r.chance(0.05)) setTimeout(() => void deliver(body, input.messageId), 200 + r.int(3000))
      if (r.chance(0.02)) {
        const again = structuredClone(body) as any
        again.header.event_id = `${again.header.event_id}_again`
        setTimeout(() => void deliver(again, input.messageId), 200 + r.int(3000))
      }
      // Now and then a card form instead (answered inline, no outbox reply).
      if (r.chance(0.02)) {
        cards += 1
        const household = r.pick(['H001', 'H002', 'H003', 'H999'])
        void sim.postEvent(webhook, sim.cardActionEvent({ openId: r.pick([PEOPLE.team1, PEOPLE.team3, PEOPLE.stranger]), chatId: 'oc_soak_0', messageId: 'om_card', value: { action: 'household-check', household }, formValue: { item_0: r.pick(['是', '否', 'x']), income: String(r.int(9000)) } }))
          .then((x) => { if (x.status !== 200 || !x.body?.toast) cardFailures += 1 }, () => { cardFailures += 1 })
      }
    }
    if (now >= nextFault) {
      const [kind, make] = r.pick(FAULTS)
      const f = make()
      if (f === 'expire') sim.expireTokens()
      else sim.fault(f)
      faults += 1
      faultKinds[kind] = (faultKinds[kind] ?? 0) + 1
      nextFault = now + 500 + r.int(2500)
    }
    if (now >= nextReport) {
      say(`  ${Math.round((now - started) / 1000)} s: sent ${sentIds.size}, acknowledged ${acked.size}, replied ${repliedCount()}, in flight ${inFlight}, faults ${faults}`)
      nextReport = now + 10_000
    }
    await sleep(20)
  }
  // Load over: no more faults; wait (bounded) for Lark's redeliveries and the outbox to drain.
  sim.clearFaults()
  const drainUntil = Date.now() + DRAIN_LIMIT_MS   // bounded: what is not replied by then counts as lost
  while ((inFlight > 0 || repliedCount() < acked.size) && Date.now() < drainUntil) await sleep(200)
  await sleep(2000)   // late answers of timed-out sends land; they must not double anything

  function repliedCount() {
    const seen = new Set<string>()
    for (const m of sim.messages) if (m.reply_to?.startsWith('om_soak_')) seen.add(m.reply_to)
    return seen.size
  }

  const db = new Database(dbPath, { readonly: true })
  const inInbox = new Set(db.prepare(`SELECT message_id FROM inbox WHERE message_id LIKE 'om_soak_%'`).pluck().all() as string[])
  const doubleRecords = db.prepare(`SELECT COUNT(*) FROM (SELECT source_message_id FROM records WHERE source_message_id LIKE 'om_soak_%' GROUP BY source_message_id HAVING COUNT(*) > 1)`).pluck().get() as number
  const doubleOutbox = db.prepare(`SELECT COUNT(*) FROM (SELECT reply_to FROM outbox WHERE reply_to LIKE 'om_soak_%' GROUP BY reply_to HAVING COUNT(*) > 1)`).pluck().get() as number
  const outbox = db.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`).all() as { status: string; n: number }[]
  const records = db.prepare(`SELECT COUNT(*) FROM records WHERE source_message_id LIKE 'om_soak_%'`).pluck().get() as number
  db.close()
  const replies = new Map<string, number>()
  for (const m of sim.messages) if (m.reply_to?.startsWith('om_soak_')) replies.set(m.reply_to, (replies.get(m.reply_to) ?? 0) + 1)
  const stored = [...acked].filter((id) => inInbox.has(id)).length
  const lost = [...acked].filter((id) => !inInbox.has(id) || !replies.has(id)).length
  const duplicated = [...replies.values()].filter((n) => n > 1).length + doubleRecords + doubleOutbox
  const rateLimited = sim.requests.filter((x) => REPLY_PATH.test(x.path) && x.status === 429).length

  await bot.stop()
  await sim.close()
  rmSync(dir, { recursive: true, force: true })

  const result = {
    minutes, rate, seed, sent: sentIds.size, acknowledged: acked.size, stored, replied: replies.size, lost, duplicated,
    posts, records, cards, card_failures: cardFailures, faults, fault_kinds: faultKinds, lark_429: rateLimited,
    outbox: Object.fromEntries(outbox.map((o) => [o.status, o.n])), log_lines: logLines, personal_data_in_log: leaks.length,
    seconds: Math.round((Date.now() - started) / 1000),
  }
  say(`sent ${result.sent}, acknowledged ${result.acknowledged}, stored ${stored}, replied ${result.replied}, lost ${lost}, duplicated ${duplicated}`)
  if (leaks.length) say(`personal data in the log:\n${leaks.join('\n')}`)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  process.exitCode = lost === 0 && duplicated === 0 && leaks.length === 0 && acked.size === sentIds.size && cardFailures === 0 ? 0 : 1
}

type Rng = ReturnType<typeof prng>
function realistic(r: Rng): { text: string; openId: string; chatType: 'group' | 'p2p' } {
  const k = 1 + r.int(15)
  const pick: [string, string, 'group' | 'p2p'] = r.pick<[string, string, 'group' | 'p2p']>([
    [PEOPLE.team1, `/村 上报 红岩洞村@团结乡 T001 ${k}/15 第${k}段完工`, 'group'],
    [EXTRA_PEOPLE.secretary1, `/村 上报 V001 集体经济 ${k / 10}万元`, 'group'],
    [PEOPLE.team3, `/村 上报 惠民村 T003 ${k * 6}% 日期=2018-06-0${1 + (k % 9)}`, 'group'],
    [PEOPLE.inspector, '/村 上报 周山村 卫生室 完成', 'group'],
    [PEOPLE.team1, `/户 核查 H00${1 + (k % 2)} 收入=${3000 + k * 100} 住房=是 饮水=是 医疗=${k % 2 ? '是' : '否'}`, 'group'],
    [PEOPLE.team3, `/户 核查 H003 用电=是 日期=2018-06-1${k % 5}`, 'p2p'],
    [PEOPLE.team1, `/户 四小 H002 种植 核桃 ${k}亩`, 'group'],
    [PEOPLE.team1, '/户 核查 何桂英@红岩洞村', 'group'],
    [PEOPLE.admin, '/村 进度 红岩洞村@团结乡', 'group'],
    [PEOPLE.commander1, '/战区 进度', 'group'],
    [PEOPLE.leader, '/逾期 全县', 'group'],
    [PEOPLE.cadre, '/乡 进度 团结乡', 'group'],
    [PEOPLE.team1, '/任务 我的', 'p2p'],
    [PEOPLE.team1, '/村 四小 红岩洞村@团结乡', 'p2p'],
    [PEOPLE.commander1, '/作战图', 'p2p'],
    [PEOPLE.team1, `/撤销 #${k}`, 'group'],
    [EXTRA_PEOPLE.member1, '/我', 'p2p'],
    [PEOPLE.stranger, '/帮助', 'group'],
  ])
  return { openId: pick[0], text: pick[1], chatType: pick[2] }
}

main().catch((err) => {
  console.error(err)
  process.exitCode = 1
})
