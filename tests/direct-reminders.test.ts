import Database from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim, type TestBot } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { plainText } from '../src/lark/cards/kit'
import { cardSchema } from '../src/lark/cards/schema'
import { overdueJob } from '../scheduler/overdue'
import { p2pChatId, type LarkSimulator, type SimMessage } from './sim'

const dir = tempDir()
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`)

/** The fixture county, plus T005: 刘洋's task (his phone is on the roster, his Feishu account is not linked). */
function county(): string {
  const dbPath = tempDbPath(dir)
  seedFixture(dbPath)
  const db = new Database(dbPath)
  db.exec(`INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, owner_phone, target, measure, start_date, due_date)
           VALUES ('T005', '村社责任', '公共服务', '文化室建设', 'V001', NULL, '团结乡', '13700001234', NULL, NULL, '2018-03-01', '2018-06-01')`)
  db.close()
  return dbPath
}

async function botWith(sim: LarkSimulator, reminders: object): Promise<TestBot> {
  const configPath = join(dir, `config-${JSON.stringify(reminders).replace(/\W/g, '')}.json`)
  writeFileSync(configPath, JSON.stringify({ reminders }))
  const bot = await startBot(sim, { dbPath: county(), clock: () => FIXTURE_NOW, env: { CONFIG_PATH: configPath } })
  bot.bot.deps.bindings.bind('oc_zone1', 1, 'test', 0)
  bot.bot.deps.bindings.bind('oc_zone2', 2, 'test', 0)
  return bot
}

/** Runs the scheduled overdue job at 09:00 (or `hour`) on `date`; returns the direct messages Lark got from it. */
async function run(sim: LarkSimulator, bot: TestBot, date: string, hour = 9): Promise<{ periods: string[]; direct: SimMessage[] }> {
  const drained = () => sim.waitFor(() => bot.bot.deps.outbox.counts().pending === 0, 15_000, 'the outbox drained')
  await drained()   // earlier replies are not counted as this run's
  const before = sim.messages.length
  const periods = await bot.bot.scheduler.tick(overdueJob, at(date, hour), 'schedule')
  await drained()
  return { periods, direct: sim.messages.slice(before).filter((m) => m.receive_id_type === 'open_id') }
}
const to = (ms: SimMessage[], openId: string) => ms.filter((m) => m.receive_id === openId)

describe('personal overdue reminders (reminders.direct, on by default)', async () => {
  const sim = await startSim()
  const bot = await botWith(sim, {})
  const { chat } = createChat(sim, bot)

  it('sends each linked owner one direct message with only their own overdue and due-soon tasks', async () => {
    const { periods, direct } = await run(sim, bot, '2018-06-15')
    expect(periods).toEqual(['2018-06-15'])
    expect(direct.map((m) => m.receive_id).sort()).toEqual([PEOPLE.cadre, PEOPLE.team1, PEOPLE.team3])
    for (const m of direct) expect(cardSchema.safeParse(m.content).success).toBe(true)
    const mine = plainText(to(direct, PEOPLE.team1)[0]!.content)
    expect(mine).toContain('🔴 T002 团结乡红岩洞村 · 卫生室建设\n逾期 15 天')
    expect(mine).not.toMatch(/T00[1345]/)   // T001 is due in 15 days; the rest are others'
    expect(plainText(to(direct, PEOPLE.team3)[0]!.content)).toMatch(/T003[^]*逾期 5 天/)
    expect(plainText(to(direct, PEOPLE.team3)[0]!.content)).not.toMatch(/T00[1245]/)
    // A township's task has no village form: no 上报 button, only the line.
    expect(JSON.stringify(to(direct, PEOPLE.cadre)[0]!.content)).not.toContain('report-open')
    // 刘洋 is not linked: no message for him; his task stays in the group's digest, by name.
    const digest = sim.messages.find((m) => m.chat_id === 'oc_zone1' && m.kind === 'create')!
    expect(plainText(digest.content)).toContain('T005')
    expect(plainText(digest.content)).toContain('刘')
  })

  it('sends them once a day, on working days, never in quiet hours', async () => {
    expect((await run(sim, bot, '2018-06-15')).direct).toEqual([])          // the day's run is claimed
    expect((await run(sim, bot, '2018-06-16')).direct).toEqual([])          // Saturday
    expect((await run(sim, bot, '2018-06-19', 22)).direct).toEqual([])      // 22:00
    expect((await run(sim, bot, '2018-06-19', 7)).direct).toEqual([])       // 07:00
    const { direct } = await run(sim, bot, '2018-06-19')
    expect(direct.map((m) => m.receive_id).sort()).toEqual([PEOPLE.cadre, PEOPLE.team1, PEOPLE.team3])
  })

  it('opens the report form on the task from the 上报 button, and records what it submits', async () => {
    const { direct } = await run(sim, bot, '2018-06-20')
    const card = to(direct, PEOPLE.team1)[0]!
    const button = JSON.stringify(card.content).match(/"value":(\{"action":"report-open","ref":"[^"]+"\})/)!
    const value = JSON.parse(button[1]!)
    expect(value.ref).not.toMatch(/T002|卫生室/)
    const press = await sim.postEvent(`${bot.url}/webhook/event`, sim.cardActionEvent({ openId: PEOPLE.team1, chatId: card.chat_id!, messageId: card.message_id, value }))
    const form = press.body.card.data
    expect(form.header.title.content).toBe('团结乡红岩洞村 · 上报')
    const target = JSON.stringify(form).match(/"name":"target"[^]*?"initial_option":"([^"]+)"/)
    expect(target?.[1]).toBe(value.ref)   // opened on T002
    const submit = JSON.stringify(form).match(/"value":(\{"action":"village-report","ref":"[^"]+"\})/)!
    const sent = await sim.postEvent(`${bot.url}/webhook/event`, sim.cardActionEvent({
      openId: PEOPLE.team1, chatId: card.chat_id!, messageId: card.message_id, value: JSON.parse(submit[1]!), formValue: { target: value.ref, progress: '完成', date: '2018-06-15 +0800' },
    }))
    expect(sent.body.toast).toEqual({ type: 'success', content: expect.stringContaining('T002 卫生室建设') })
    // Someone else pressing the button (the card forwarded to their direct chat) is refused.
    const other = await sim.postEvent(`${bot.url}/webhook/event`, sim.cardActionEvent({ openId: PEOPLE.team3, chatId: p2pChatId(PEOPLE.team3), messageId: card.message_id, value }))
    expect(other.body.toast.content).toContain('您不能为「红岩洞村」上报')
  })

  it('lets a person pause and resume their own reminders in a direct chat, leaving the groups\' alone', async () => {
    const dm = { openId: PEOPLE.team3, chatType: 'p2p' as const, chatId: p2pChatId(PEOPLE.team3) }
    expect(await chat('/提醒 暂停 2', dm)).toContain('发给您本人的逾期提醒暂停到 2018-06-16（含）')
    expect(await chat('/提醒 暂停 2', { ...dm, openId: PEOPLE.stranger })).toContain('/认证')
    expect(await chat('/提醒 暂停 40', dm)).toContain('1 到 30')
    const paused = await run(sim, bot, '2018-06-21')   // counted from the bot's today (06-15): over after 06-16
    expect(to(paused.direct, PEOPLE.team3)).toHaveLength(1)
    await chat('/提醒 暂停 10', dm)                                         // through 06-24
    const { direct } = await run(sim, bot, '2018-06-22')
    expect(direct.map((m) => m.receive_id).sort()).toEqual([PEOPLE.cadre])   // team1's T002 is done now
    expect(sim.messages.filter((m) => m.chat_id === 'oc_zone2' && m.kind === 'create').length).toBeGreaterThan(0)   // the group still hears of T003
    expect(plainText(sim.messages.filter((m) => m.chat_id === 'oc_zone2' && m.kind === 'create').at(-1)!.content)).toContain('T003')
    expect(await chat('/提醒 恢复', dm)).toContain('已恢复')
    expect(await chat('/提醒 恢复', dm)).toContain('没有暂停')
    expect(to((await run(sim, bot, '2018-06-25')).direct, PEOPLE.team3)).toHaveLength(1)
  })

  it('never urges when reminders.urgent is off', () => {
    expect(sim.urgent).toEqual([])
  })
})

describe('加急 (reminders.urgent = app)', async () => {
  const sim = await startSim()
  const bot = await botWith(sim, { urgent: 'app' })
  const db = new Database(bot.dbPath, { readonly: true })
  const urgesPending = db.prepare(`SELECT COUNT(*) FROM outbox WHERE urgent_open_id IS NOT NULL AND urgent_result IS NULL`).pluck()
  const urgedOn = async (date: string) => {
    const before = sim.urgent.length
    const { direct } = await run(sim, bot, date)
    // The urgent follows the send: wait until Lark has answered it.
    await sim.waitFor(() => urgesPending.get() === 0, 15_000, 'the urgent calls answered')
    return sim.urgent.slice(before).map((u) => {
      const m = direct.find((d) => d.message_id === u.message_id)!
      expect(u.user_ids).toEqual([m.receive_id])   // the owner, on their own reminder
      expect(u.user_id_type).toBe('open_id')
      return m.receive_id
    }).sort()
  }

  it('urges an owner past the county threshold (15 days) on their direct reminder, at most once a week per task', async () => {
    expect(await urgedOn('2018-06-15')).toEqual([PEOPLE.cadre])                  // T004: 76 days; T002: exactly 15 is not past it
    expect(await urgedOn('2018-06-19')).toEqual([PEOPLE.team1])                  // T002: 19 days; T004 was urged 4 days ago
    expect(await urgedOn('2018-06-20')).toEqual([])
    expect(await urgedOn('2018-06-22')).toEqual([PEOPLE.cadre])                  // T004 again, a week on
    const results = db.prepare(`SELECT urgent_result FROM outbox WHERE urgent_open_id IS NOT NULL`).pluck().all()
    expect(results).toEqual(['ok', 'ok', 'ok'])
  })

  it('keeps Lark\'s refusal of an urgent on the row, and the reminder delivered', async () => {
    sim.fault({ path: /\/urgent_app$/, status: 400, body: { code: 230024, msg: 'Reach the upper limit of urgent message.' }, times: 5 })
    expect(await urgedOn('2018-06-29')).toEqual([])   // T002 and T003 were due an urgent; Lark refused both
    expect(db.prepare(`SELECT receive_id AS to_, status, urgent_result AS result FROM outbox WHERE urgent_open_id IS NOT NULL ORDER BY id DESC LIMIT 2`).all()).toEqual([
      { to_: PEOPLE.team3, status: 'sent', result: '230024: Reach the upper limit of urgent message.' },
      { to_: PEOPLE.team1, status: 'sent', result: '230024: Reach the upper limit of urgent message.' },
    ])
  })
})

describe('reminders.direct = false', async () => {
  const sim = await startSim()
  const bot = await botWith(sim, { direct: false, urgent: 'app' })
  it('sends no direct message (and so no urgent); the group digests go on', async () => {
    const { periods, direct } = await run(sim, bot, '2018-06-15')
    expect(periods).toEqual(['2018-06-15'])
    expect(direct).toEqual([])
    expect(sim.urgent).toEqual([])
    expect(sim.messages.some((m) => m.chat_id === 'oc_zone1')).toBe(true)
  })
})
