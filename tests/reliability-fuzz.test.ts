import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { fuzzInputs } from './helpers/fuzz-input'
import { createHarness, fullIdsIn, personalDataIn, seedReliabilityFixture, sleep, stateOf } from './helpers/reliability'
import { readable, startBot, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { runCli } from '../src/admin/cli'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'

const SEED = Number(process.env.FUZZ_SEED ?? 20180615)
// 3,000 in `npm test` (about 5 s); `npm run soak` sends the same generator's input through the real
// webhook by the ten thousand, and FUZZ_COUNT=100000 runs a long fuzz here.
const COUNT = Number(process.env.FUZZ_COUNT ?? 3_000)
// Through the webhook, Lark's 5 replies a second per chat pace the answers: 120 over the fixture's chats.
const WEB_COUNT = 120
const TEXT_LIMIT = 150 * 1024
const CARD_LIMIT = 30 * 1024

const dbPath = tempDbPath(tempDir())
seedReliabilityFixture(dbPath)
const h = createHarness(dbPath, { fast: true })
h.db.exec(`INSERT INTO chat_bindings (chat_id, zone_id, bound_by, bound_at) VALUES
  ('oc_zone1', 1, 'test', 0), ('oc_zone2', 2, 'test', 0), ('oc_hq', NULL, 'test', 0)`)

describe(`fuzz: ${COUNT} hostile commands in-process (seed ${SEED}; FUZZ_SEED/FUZZ_COUNT to replay)`, () => {
  it('never crashes, answers every command once, writes nothing for a refused one, leaks nothing', async () => {
    const problems: string[] = []
    const outcomes: Record<string, number> = {}
    let before = stateOf(h.db)
    const inputs = fuzzInputs(SEED, COUNT)
    for (const [i, input] of inputs.entries()) {
      const said = await h.say(input.text, input)
      outcomes[said.outcome] = (outcomes[said.outcome] ?? 0) + 1
      const after = stateOf(h.db)
      const where = `#${i} ${JSON.stringify(input.text.slice(0, 120))} as ${input.openId} in ${input.chatId}`
      if (said.outcome === 'error' || said.outcome === 'none') problems.push(`${said.outcome}: ${where} → ${said.text.slice(0, 120)}`)
      if (said.replies !== 1) problems.push(`${said.replies} replies: ${where}`)
      if (said.outcome !== 'ok' && JSON.stringify(after) !== JSON.stringify(before)) {
        problems.push(`partial write on ${said.outcome}: ${where}: ${diff(before, after)}`)
      }
      if (input.chatType === 'group' && fullIdsIn(said.raw).length) problems.push(`full ID in a group reply: ${where}`)
      if (/<at\b/i.test(said.raw)) problems.push(`mention markup in a reply: ${where}`)
      const bytes = Buffer.byteLength(said.raw)
      if (bytes > (said.msgType === 'text' ? TEXT_LIMIT : CARD_LIMIT)) problems.push(`reply of ${bytes} bytes (${said.msgType}) Lark would refuse: ${where}`)
      before = after
    }
    problems.push(...personalDataIn(h.logs))
    console.log(`fuzz outcomes: ${JSON.stringify(outcomes)}`)
    expect(problems.slice(0, 30)).toEqual([])
    // The fuzz really reached the write paths and the refusals.
    expect(outcomes.ok).toBeGreaterThan(COUNT / 10)
    expect(outcomes['user-error']).toBeGreaterThan(COUNT / 10)
    expect(outcomes.denied).toBeGreaterThan(0)
    expect(stateOf(h.db).records).toBeGreaterThan(COUNT / 200)
  }, 600_000)
})

function diff(a: Record<string, number>, b: Record<string, number>) {
  return Object.keys(b).filter((k) => a[k] !== b[k]).map((k) => `${k} ${a[k]}→${b[k]}`).join(', ')
}

// ---------------------------------------------------------------------------------------------------
// The same fuzz, a few hundred messages through the real webhook, and hostile HTTP and card callbacks.

const sim = await startSim()
const webDb = tempDbPath(tempDir())
seedReliabilityFixture(webDb)
const bot = await startBot(sim, {
  dbPath: webDb, clock: () => FIXTURE_NOW,
  sender: { perAppPerSecond: 500, perAppPerMinute: 100_000, perChatPerSecond: 100 },
})
const webhook = `${bot.url}/webhook/event`
const peek = <T>(f: (db: Database.Database) => T): T => {
  const db = new Database(webDb, { readonly: true })
  try {
    return f(db)
  } finally {
    db.close()
  }
}
let n = 0
const mid = () => `om_fzw_${process.pid}_${++n}`

describe('fuzz through the real webhook', () => {
  it(`answers each of ${WEB_COUNT} fuzz messages exactly once, never a full ID in a group`, async () => {
    const inputs = fuzzInputs(SEED + 1, WEB_COUNT).map((i) => ({ ...i, messageId: mid() }))
    // A 600 kB text is more than the webhook reads (100 KB): refused whole, never half-read.
    const huge = sim.messageEvent({ text: `/村 上报 ${'长'.repeat(200_000)} T001 1/15`, openId: PEOPLE.team1, chatId: 'oc_zone1', chatType: 'group', mentionBot: true })
    expect((await sim.postEvent(webhook, huge)).status).toBe(413)
    // One that only the transport sees: a text with only a mention.
    inputs.push({ text: '', openId: PEOPLE.team1, chatId: 'oc_zone1', chatType: 'group', messageId: mid() })
    const statuses = await inParallel(inputs, 16, async (i) =>
      (await sim.postEvent(webhook, sim.messageEvent({ ...i, mentionBot: i.chatType === 'group' }))).status)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    const ids = new Set(inputs.map((i) => i.messageId))
    await sim.waitFor(() => new Set(sim.messages.filter((m) => ids.has(m.reply_to!)).map((m) => m.reply_to)).size === ids.size, 30_000, 'a reply to every message')
    await sleep(300)
    const byMessage = new Map<string, number>()
    for (const m of sim.messages) if (m.reply_to && ids.has(m.reply_to)) byMessage.set(m.reply_to, (byMessage.get(m.reply_to) ?? 0) + 1)
    expect([...byMessage.values()].filter((c) => c !== 1)).toEqual([])
    const groupReplies = sim.messages.filter((m) => m.reply_to && ids.has(m.reply_to) && !m.chat_id?.startsWith('oc_p2p'))
    expect(groupReplies.filter((m) => fullIdsIn(m.raw_content).length > 0).map((m) => m.raw_content.slice(0, 200))).toEqual([])
    expect(peek((db) => db.prepare(`SELECT COUNT(*) FROM outbox WHERE status <> 'sent'`).pluck().get())).toBe(0)
  }, 60_000)

  it('answers malformed JSON with 400, over 100 KB with 413, a forged or missing signature and a wrong token with 401', async () => {
    const before = peek((db) => db.prepare('SELECT COUNT(*) FROM inbox').pluck().get())
    const malformed = ['{', '', 'null', '[]', '"text"', '42', '{"encrypt": "bm90IGVuY3J5cHRlZA=="}', '\u0000\u0001', '\xff\xfe{}']
    for (const raw of malformed) {
      const r = await sim.postEvent(webhook, {}, { rawBody: raw, encrypt: false })
      expect(r.status, JSON.stringify(raw)).toBe(400)
    }
    const huge = sim.messageEvent({ text: `/帮助 ${'x'.repeat(1_100_000)}`, messageId: mid() })
    expect((await sim.postEvent(webhook, huge)).status).toBe(413)
    expect((await sim.postEvent(webhook, huge, { encrypt: false })).status).toBe(413)
    const event = () => sim.messageEvent({ text: '/帮助', messageId: mid(), openId: PEOPLE.team1 })
    expect((await sim.postEvent(webhook, event(), { badSignature: true })).status).toBe(401)
    expect((await sim.postEvent(webhook, event(), { sign: false })).status).toBe(401)
    expect((await sim.postEvent(webhook, event(), { encrypt: false, sign: false })).status).toBe(401)
    expect((await sim.postEvent(webhook, event(), { encrypt: false, badSignature: true })).status).toBe(401)
    // signed over different bytes than were sent
    const signedElsewhere = await fetch(webhook, { method: 'POST', headers: { 'x-lark-request-timestamp': '1', 'x-lark-request-nonce': 'n', 'x-lark-signature': 'f'.repeat(64) }, body: '{}' })
    expect(signedElsewhere.status).toBe(401)
    for (const token of ['someone-else', '', null]) {
      const body = event() as any
      body.header.token = token
      expect((await sim.postEvent(webhook, body)).status).toBe(401)
    }
    const noToken = await sim.postEvent(webhook, {}, { rawBody: '{"encrypt": 5}', encrypt: false })
    expect(noToken.status).toBe(401)
    const challenge = await sim.postEvent(webhook, sim.challengeBody('c-1', 'not-our-token'))
    expect(challenge.status).toBe(401)
    await sleep(200)
    expect(peek((db) => db.prepare('SELECT COUNT(*) FROM inbox').pluck().get())).toBe(before)
  })

  it('takes signed but oddly shaped events without a 5xx, and keeps answering', async () => {
    const odd: any[] = [
      { schema: '2.0', header: null, event: null },
      { schema: '2.0', header: { event_type: 'im.message.receive_v1', event_id: 'ev_odd_1', token: VERIFICATION_TOKEN } },
      { schema: '2.0', header: { event_type: 'im.message.receive_v1', event_id: 'ev_odd_2', token: VERIFICATION_TOKEN }, event: { message: 'x', sender: 5 } },
      { schema: '2.0', header: { event_type: 'im.message.receive_v1', event_id: 'ev_odd_3', token: VERIFICATION_TOKEN },
        event: { sender: { sender_id: { open_id: PEOPLE.team1 }, sender_type: 'user' }, message: { message_id: mid(), chat_id: 'oc_zone1', chat_type: 'group', message_type: 'text', content: '{not json' } } },
      { schema: '2.0', header: { event_type: 'im.message.receive_v1', event_id: 'ev_odd_4', token: VERIFICATION_TOKEN },
        event: { sender: { sender_id: { open_id: PEOPLE.team1 }, sender_type: 'user' }, message: { message_id: 12345, chat_id: 'oc_zone1', message_type: 'text', content: '{"text":"/帮助"}' } } },
      { schema: '2.0', header: { event_type: 'card.action.trigger', event_id: 'ev_odd_5', token: VERIFICATION_TOKEN }, event: { action: 'x', operator: null, context: 5 } },
      { schema: '2.0', header: { event_type: 'no.such.event', event_id: 'ev_odd_6', token: VERIFICATION_TOKEN }, event: {} },
      { schema: '2.0', header: { event_type: 'im.chat.member.bot.added_v1', event_id: 'ev_odd_7', token: VERIFICATION_TOKEN }, event: { chat_id: { nested: true } } },
      { type: 'event_callback', token: VERIFICATION_TOKEN, event: { type: 'message' } },
    ]
    for (const body of odd) {
      const r = await sim.postEvent(webhook, body)
      expect(r.status, JSON.stringify(body).slice(0, 120)).toBeLessThan(500)
    }
    const probe = mid()
    await sim.postEvent(webhook, sim.messageEvent({ text: '/帮助', messageId: probe, openId: PEOPLE.team1, chatId: 'oc_zone1', mentionBot: true }))
    await sim.waitFor(() => sim.messages.some((m) => m.reply_to === probe), 5000, 'the bot still answers')
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200)
  })

  it('refuses card callbacks with forged values, writing nothing', async () => {
    const counts = () => peek((db) => stateOf(db as any))
    const before = counts()
    const submit = async (openId: string, value: unknown, form: unknown = { item_0: '是' }, chatId = 'oc_zone1') =>
      (await sim.postEvent(webhook, sim.cardActionEvent({ openId, chatId, messageId: 'om_card', value, formValue: form }))).body
    const forged: [string, unknown, unknown][] = [
      [PEOPLE.team1, { action: 'household-check', household: 'H003' }, { item_0: '是' }],               // another village's household
      [PEOPLE.team3, { action: 'household-check', household: 'H001' }, { item_0: '是' }],
      [PEOPLE.commander1, { action: 'household-check', household: 'H001' }, { item_0: '是' }],          // may read, not write
      [PEOPLE.leader, { action: 'sixiao-add', household: 'H001' }, { kind: '养殖', content: '南江黄羊' }],
      [PEOPLE.team1, { action: 'sixiao-add', household: 'H003' }, { kind: '养殖', content: '南江黄羊' }],
      [PEOPLE.stranger, { action: 'household-check', household: 'H001' }, { item_0: '是' }],
      ['ou_nobody', { action: 'sixiao-add', household: 'H001' }, { kind: '养殖', content: '南江黄羊' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H999' }, { item_0: '是' }],
      [PEOPLE.team1, { action: 'household-check', household: { code: 'H001' } }, { item_0: '是' }],
      [PEOPLE.team1, { action: 'household-check', household: ["H001'; DROP TABLE checks; --"] }, { item_0: '是' }],
      [PEOPLE.team1, { action: 'household-check', household: '__proto__' }, { item_0: '是' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H001' }, { item_0: '<at id=all></at>', income: '1e309' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H001' }, { income: '-1' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H001' }, { item_0: '是', date: '2099-01-01' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H001' }, { item_0: '是', date: '2018-02-30' }],
      [PEOPLE.team1, { action: 'household-check', household: 'H001' }, 'not an object'],
      [PEOPLE.team1, { action: 'sixiao-add', household: 'H001' }, { kind: '捕鱼', content: '鱼' }],
      [PEOPLE.team1, { action: 'sixiao-add', household: 'H001' }, { kind: '养殖', content: 'x'.repeat(10_000) }],
      [PEOPLE.team1, { action: 'withdraw', record: 1 }, {}],                                            // no such card action
      [PEOPLE.team1, { action: '__proto__' }, {}],
      [PEOPLE.team1, 'household-check', {}],
      [PEOPLE.team1, null, null],
    ]
    for (const [who, value, form] of forged) {
      const body = await submit(who, value, form)
      expect(body?.toast?.type, JSON.stringify([who, value, form]).slice(0, 150)).toMatch(/^(error|info|warning)$/)
      expect(JSON.stringify(body)).not.toMatch(/已记录/)
    }
    expect(counts()).toEqual(before)
  })

  it('leaves `admin stats --json` unchanged after 100 refused commands through the webhook', async () => {
    const stats = async () => {
      const out: string[] = []
      expect(await runCli(['stats', '--json'], { env: { DATABASE_PATH: webDb }, out: (l) => out.push(l), err: () => {} })).toBe(0)
      return JSON.parse(out.join(''))
    }
    const before = await stats()
    // Refused for every reason there is: not on the roster, another village, another zone, not a writer,
    // someone else's record, arguments that do not parse, a record that does not exist.
    const refused: [string, string][] = [
      [PEOPLE.stranger, '/村 上报 红岩洞村@团结乡 T001 5/15'], ['ou_nobody', '/户 核查 H001 住房=是'],
      [PEOPLE.team1, '/村 上报 惠民村 T003 50%'], [PEOPLE.team3, '/户 核查 H001 住房=是'], [PEOPLE.commander1, '/村 上报 V001 T001 1/15'],
      [PEOPLE.leader, '/户 四小 H001 养殖 南江黄羊 5只'], [PEOPLE.cadre, '/任务 完成 T001'], [PEOPLE.inspector, '/任务 完成 T003'],
      [PEOPLE.team3, '/撤销 #1'], [PEOPLE.team1, '/村 上报 V001 T001 16/15'], [PEOPLE.team1, '/户 核查 H001 住房=也许'],
      [PEOPLE.team1, `/村 上报 V001 T001 1/15 日期=2018-02-30`], [PEOPLE.team1, '/撤销 #99999999'], [PEOPLE.commander2, '/绑定 第一战区'],
      [PEOPLE.team1, '/提醒 暂停 3'], [PEOPLE.commander1, '/提醒 暂停 99'], [PEOPLE.team1, `/户 四小 H001 养殖 ${'羊'.repeat(900)}`],
      [PEOPLE.team1, `/村 上报 V001 T001 1/15 ${'长'.repeat(5000)}`], [PEOPLE.stranger, "/认证 ' OR 1=1 -- 1234"], [PEOPLE.team3, '/村 上报 V003 T003 50% 日期=2099-01-01'],
    ]
    const ids: string[] = []
    await inParallel(Array.from({ length: 100 }, (_, i) => refused[i % refused.length]!), 16, async ([openId, text]) => {
      const messageId = mid()
      ids.push(messageId)
      expect((await sim.postEvent(webhook, sim.messageEvent({ text, openId, messageId, chatId: 'oc_zone1', chatType: 'group', mentionBot: true }))).status).toBe(200)
    })
    await sim.waitFor(() => ids.every((id) => sim.messages.some((m) => m.reply_to === id)), 30_000, 'every refusal answered')
    const after = await stats()
    // /认证 failures are counted for the lock-out: the only table a refusal may write (auth_failures, not in stats).
    expect({ ...after, outbox_sent: 0, outbox_pending: 0 }).toEqual({ ...before, outbox_sent: 0, outbox_pending: 0 })
    for (const id of ids) expect(readable(sim.messages.find((m) => m.reply_to === id)!)).not.toMatch(/^已记录/)
  }, 60_000)

  it('logged no personal data', () => {
    expect(personalDataIn(bot.logs)).toEqual([])
    expect(personalDataIn(h.logs)).toEqual([])
  })
})

async function inParallel<T, R>(items: T[], width: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await f(items[i]!)
    }
  }))
  return out
}
