import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { plainText } from '../src/lark/cards/kit'
import { cardSchema } from '../src/lark/cards/schema'
import { overdueJob } from '../scheduler/overdue'
import { runJob } from '../scheduler/run-job'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot)
const deps = bot.bot.deps
const db = bot.bot.db
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`)
const digests = async (date: string) => {
  const outcome = await runJob(deps, overdueJob, { period: date, now: at(date), trigger: 'admin' })
  // The group chats' digests; the owners' own messages are tests/direct-reminders.test.ts's.
  const digests = outcome.messages.filter((m) => m.receiveIdType !== 'open_id')
  return { outcome, byChat: new Map(digests.map((m) => [m.receiveId, JSON.parse(m.content)])) }
}
deps.bindings.bind('oc_zone1', 1, 'test', 0)
deps.bindings.bind('oc_zone2', 2, 'test', 0)
deps.bindings.bind('oc_hq', null, 'test', 0)

describe('the overdue job', () => {
  it('sends one digest per chat with owners and the commander mentioned, and HQ the severe ones', async () => {
    const { outcome, byChat } = await digests('2018-06-15')
    expect(outcome.status).toBe('sent')
    expect([...byChat.keys()].sort()).toEqual(['oc_hq', 'oc_zone1', 'oc_zone2'])
    for (const c of byChat.values()) expect(cardSchema.safeParse(c).success).toBe(true)
    const zone1 = JSON.stringify(byChat.get('oc_zone1'))
    const zone1Text = plainText(byChat.get('oc_zone1'))
    expect(zone1Text).toContain('逾期 2 项')
    expect(zone1Text.indexOf('T004')).toBeLessThan(zone1Text.indexOf('T002'))
    expect(zone1).toContain('<at id=ou_team1></at>')   // T002's owner
    expect(zone1).toContain('<at id=ou_cadre></at>')   // T004's owner
    expect(zone1).toContain('请 <at id=ou_cmd1></at> 督办')  // 76 days > 7
    expect(zone1).not.toContain('T003')                 // zone 2's task never leaks
    const zone2 = JSON.stringify(byChat.get('oc_zone2'))
    expect(zone2).toContain('T003')
    expect(zone2).not.toContain('督办')                 // 5 days: not escalated
    const hq = plainText(byChat.get('oc_hq'))
    expect(hq).toContain('T004')
    expect(hq).not.toContain('T002')                    // exactly 15 days is not "more than 15"
  })

  it('sends nothing the second time for the same date', async () => {
    expect((await digests('2018-06-15')).outcome.status).toBe('already-done')
  })

  it('lists tasks due within three days, and shrinks unchanged ones to one line each, place, title and owner kept', async () => {
    await chat('/村 上报 团结乡红岩洞村 通村道路硬化 3/15', { openId: PEOPLE.team1 })
    const { byChat } = await digests('2018-06-27')
    const card = byChat.get('oc_zone1')
    const text = plainText(card)
    expect(text).toContain('即将到期（3 天内，1 项）')
    expect(text).toContain('T001')
    expect(text).toContain('逾期 2 项（其中 2 项昨日已提醒、无新进展，列在后面）')
    const stale = text.slice(text.indexOf('仍逾期，无新进展'))
    expect(stale).toContain('🔴 T004 团结乡 · 乡卫生院规范化　逾期 88 天　@ou_cadre')
    expect(stale).toContain('🔴 T002 团结乡红岩洞村 · 卫生室建设　逾期 27 天　@ou_team1')
    expect(JSON.stringify(card)).toContain('<at id=ou_team1></at>')   // a real mention, so the owner is notified
  })

  it('forgets a finished task and respects a paused chat', async () => {
    await chat('/任务 完成 T002', { openId: PEOPLE.team1, chatId: 'oc_zone1' })
    expect(await chat('/提醒 暂停 2', { openId: PEOPLE.commander2, chatId: 'oc_zone2' })).toContain('暂停到')
    expect(await chat('/提醒 暂停 2', { openId: PEOPLE.commander1, chatId: 'oc_zone2' })).toContain('只有管理员或那个战区的指挥长')
    expect(await chat('/提醒 暂停 2', { openId: PEOPLE.team1, chatId: 'oc_zone1' })).toContain('只有指挥长（本战区）；管理员可以用')
    const { byChat } = await digests('2018-06-16')   // paused on 06-15 for 2 days: 06-15 and 06-16
    expect(JSON.stringify(byChat.get('oc_zone1'))).toContain('T004')
    expect(JSON.stringify(byChat.get('oc_zone1'))).not.toContain('T002')
    expect(byChat.has('oc_zone2')).toBe(false)
    expect((await digests('2018-06-17')).byChat.has('oc_zone2')).toBe(true)   // resumed by itself
    await chat('/提醒 暂停 5', { openId: PEOPLE.admin, chatId: 'oc_zone2' })
    expect(await chat('/提醒 恢复', { openId: PEOPLE.commander2, chatId: 'oc_zone2' })).toContain('已恢复')
    expect((await digests('2018-06-20')).byChat.has('oc_zone2')).toBe(true)
  })

  it('sends no digest to a chat with nothing to say', async () => {
    deps.bindings.bind('oc_empty_zone', 2, 'test', 0)
    const { byChat } = await digests('2018-02-01')   // before any deadline
    expect(byChat.size).toBe(0)
  })
})

describe('the scheduler', () => {
  it('runs on working days only, including 调休 Saturdays and Sundays, and never in quiet hours', async () => {
    const sched = bot.bot.scheduler
    expect(await sched.tick(overdueJob, at('2018-06-16'), 'schedule')).toEqual([])        // Saturday
    expect(await sched.tick(overdueJob, at('2018-06-18'), 'schedule')).toEqual([])        // 端午节 (Dragon Boat holiday)
    expect(await sched.tick(overdueJob, at('2018-06-19', 22), 'schedule')).toEqual([])    // 22:00, quiet hours
    expect(await sched.tick(overdueJob, at('2018-06-19'), 'schedule')).toEqual(['2018-06-19'])
    expect(await sched.tick(overdueJob, at('2018-06-19'), 'schedule')).toEqual([])        // exactly once
    expect(await sched.tick(overdueJob, at('2018-02-11'), 'schedule')).toEqual(['2018-02-11'])  // Sunday, make-up workday
  })

  it('catches up a missed run at most three days late', async () => {
    const sched = bot.bot.scheduler
    await sched.catchUp(at('2018-07-02', 11))   // Monday 09:00 was missed by two hours
    expect(db.prepare(`SELECT trigger FROM job_runs WHERE job = 'overdue' AND period = '2018-07-02'`).pluck().get()).toBe('catch-up')
  })

  it('skips, and logs, a monthly run missed by more than the window; catches it up inside it', async () => {
    const sched = bot.bot.scheduler
    const ranked = () => db.prepare(`SELECT trigger FROM job_runs WHERE job = 'ranking' AND period = '2018-07'`).pluck().get()
    await sched.catchUp(at('2018-08-06', 10))   // the 1st's 09:00 run is five days late
    expect(ranked()).toBeUndefined()
    expect(bot.logs.join('')).toContain('missed run more than 3 days late')
    await sched.catchUp(at('2018-08-03', 10))   // two days late: within the window
    expect(ranked()).toBe('catch-up')
  })
})
