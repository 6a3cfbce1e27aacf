import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, seedFixture } from './helpers/fixture'
import { recorder } from './helpers/ranking-scenario'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import { plainText } from '../src/lark/cards/kit'
import { monthlyReviewJob } from '../scheduler/monthly-review'
import { runJob } from '../scheduler/run-job'
import { reviewFigures } from '../src/review/figures'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const deps = bot.bot.deps
const db = bot.bot.db
const r = recorder(deps)
const yes = { housing: true, water: true, power: true, tv: true, education: true, medical: true }
r.task('T001', 'V001', '511922204', 0.4, '2018-05-20')
r.task('T002', 'V001', '511922204', 1, '2018-05-10')                 // 卫生室 of 红岩洞村, through its task
for (const item of ['硬化路', '文化室']) r.item('V001', item, '2018-05-08')
r.item('V001', '集体经济', '2018-05-08', { amount: 32000 })
r.item('V001', '通信网络', '2018-06-10')                              // 红岩洞村 meets 一低五有 from 10 June
r.check('H001', 'V001', '2018-06-12', 4000, yes)                     // the one 当年脱贫 household, 4 people
r.check('H004', 'V002', '2018-05-01', 3000, { ...yes, medical: false })
r.check('H004', 'V002', '2018-06-02', null, { medical: true })
deps.bindings.bind('oc_zone1', 1, 'test', 0)
deps.bindings.bind('oc_zone2', 2, 'test', 0)
deps.bindings.bind('oc_hq', null, 'test', 0)
const at = (date: string) => new Date(`${date}T09:00:00+08:00`)

describe('the monthly review', () => {
  it('computes this month (to today) and last month (to its end) from the records visited by then', () => {
    const { now, before } = reviewFigures(deps, { kind: 'zone', zoneId: 1 }, '2018-06', '2018-06-25')
    expect(now.asOf).toBe('2018-06-25')
    expect(before.asOf).toBe('2018-05-31')
    expect(now.exits).toEqual({ villages: { target: 1, met: 1 }, households: { target: 1, met: 1 }, people: { target: 4, met: 4 } })
    expect(before.exits).toEqual({ villages: { target: 1, met: 0 }, households: { target: 1, met: 0 }, people: { target: 4, met: 0 } })
    // 村达标 over the zone's 预脱贫村 and 已脱贫村 (红岩洞村, 周山村); 户达标 over its 当年脱贫 and 已脱贫
    // households (H001, H004); 建档立卡户达标 over its three registered households (H001, H002, H004).
    expect(now.standards).toEqual({
      villages: { target: 2, met: 1 }, households: { target: 2, met: 2 }, registered: { target: 3, met: 2 }, townships: { target: 2, met: 0 },
    })
    expect(before.standards.households).toEqual({ target: 2, met: 0 })
    // T001 (due 30 June), T002 (done 10 May), T004 (due 31 March, open).
    expect(now.tasks).toEqual({ total: 3, done: 1, dueThisMonth: 1, dueDone: 0, overdue: 1 })
    // T001 is 96% expected, 40% done; 周山村 has reported none of its 五有 and has 5% incidence.
    expect(now.gaps.map((g) => [g.village, g.item, g.text])).toEqual([
      ['周山村', '集体经济、硬化路、卫生室、文化室、通信网络', '尚无上报'],
      ['红岩洞村', '通村道路硬化', '应完成 96%，实际 40%'],
      ['周山村', '贫困发生率', '5.00%（30/600，按村登记的贫困人口），须低于 3%'],
    ])
  })

  it('sends one card per zone chat on the 25th and the county\'s to the HQ chat, once', async () => {
    expect(await bot.bot.scheduler.tick(monthlyReviewJob, at('2018-06-25'), 'schedule')).toEqual(['2018-06'])
    const outcome = await runJob(deps, monthlyReviewJob, { period: '2018-06', now: at('2018-06-25'), trigger: 'admin' })
    expect(outcome.status).toBe('already-done')
    const rows = db.prepare(`SELECT receive_id AS chat, content FROM outbox WHERE source = 'job:monthly-review:2018-06' ORDER BY id`).all() as { chat: string; content: string }[]
    expect(rows.map((x) => x.chat).sort()).toEqual(['oc_hq', 'oc_zone1', 'oc_zone2'])
    const content = (chat: string) => rows.find((x) => x.chat === chat)!.content
    const card = JSON.parse(content('oc_zone1'))
    expect(cardSchema.safeParse(card).success).toBe(true)
    const text = plainText(card)
    expect(text).toContain('第一战区 · 2018年6月 月度调度')
    expect(text).toContain('数据截至 2018-06-25，与上月末（2018-05-31）比较')
    expect(text).toContain('脱贫村：1/1 个（100%，较上月 +1）')
    expect(text).toContain('脱贫户：1/1 户（100%，较上月 +1）')
    expect(text).toContain('脱贫人口：4/4 人（100%，较上月 +4）')
    expect(text).toContain('村达标：1/2 个村（50%，较上月 +1）')
    expect(text).toContain('户达标：2/2 户（100%，较上月 +2）')
    expect(text).toContain('建档立卡户达标：2/3 户（67%，较上月 +2）')
    expect(text).toContain('任务完成率：1/3 项（33%，较上月 ±0）')
    expect(text).toContain('乡"三有"：0/2 个乡镇（0%，较上月 ±0）')
    expect(text).toContain('本月到期 1 项，已完成 0 项')
    expect(text).toContain('1. 周山村 · 集体经济、硬化路、卫生室、文化室、通信网络：尚无上报')
    const chart = card.body.elements.find((e: any) => e.tag === 'chart')
    expect(chart.chart_spec.data.values).toContainEqual({ x: '脱贫人口', series: '上月末', value: 0 })
    expect(chart.chart_spec.data.values).toContainEqual({ x: '脱贫人口', series: '本月', value: 100 })
    expect(plainText(JSON.parse(content('oc_zone2')))).toContain('1. 惠民村 · 黄羊养殖合作社：应完成 100%，实际 0%')
    // The HQ chat: the whole county — both zones' villages, households, townships and tasks.
    const county = JSON.parse(content('oc_hq'))
    expect(cardSchema.safeParse(county).success).toBe(true)
    const hq = plainText(county)
    expect(hq).toContain('全县 · 2018年6月 月度调度')
    expect(hq).toContain('村达标：1/2 个村')                    // 惠民村 is a 贫困村, 红岩洞村 of 南江镇 a 非贫困村
    expect(hq).toContain('建档立卡户达标：2/4 户')               // H003 of 惠民村 joins the three of 第一战区
    expect(hq).toContain('乡"三有"：0/3 个乡镇')
    expect(hq).toContain('任务完成率：1/4 项')
    expect(hq).toContain('1. 周山村 · 集体经济、硬化路、卫生室、文化室、通信网络：尚无上报')
  })

  it('refuses a month that has not begun, and a period that is not a month', async () => {
    expect(monthlyReviewJob.checkPeriod('2018-Q2')).toContain('应为月份')
    expect(monthlyReviewJob.checkPeriod('2018-6')).toContain('应为月份')
    await expect(runJob(deps, monthlyReviewJob, { period: '2018-08', now: at('2018-06-25'), trigger: 'admin' })).rejects.toThrow('还没有开始')
    expect(db.prepare(`SELECT COUNT(*) FROM job_runs WHERE period = '2018-08'`).pluck().get()).toBe(0)   // no claim left behind
  })
})
