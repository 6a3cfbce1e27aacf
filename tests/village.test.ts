import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo } = createChat(sim, bot)
const as = (openId: string, chatType: 'group' | 'p2p' = 'group') => ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_zone1' })

describe('/村 进度', () => {
  it('shows the village card: 一低五有 item by item, tasks with lights, households', async () => {
    const { messageId } = await send('/村 进度 团结乡红岩洞村', as(PEOPLE.team1))
    const reply = await replyTo(messageId)
    expect(reply.msg_type).toBe('interactive')
    expect(cardSchema.safeParse(reply.content).success).toBe(true)
    const text = JSON.stringify(reply.content)
    expect(text).toContain('团结乡红岩洞村 · 脱贫进度')
    expect(text).toContain('贫困发生率 2.00%（20/1000')
    // T002 卫生室建设 is overdue since 05-31: 15 days on 06-15, not done → the 卫生室 item follows it
    expect(text).toContain('任务 T002 未完成')
    expect(text).toContain('逾期 15 天')
    expect(text).toContain('工作队**\\n2 人 / 应 8 人')
  })

  it('defaults to the sender\'s own village', async () => {
    expect(await chat('/村 进度', as(PEOPLE.team1))).toContain('红岩洞村')
  })

  it('asks which one when a name is ambiguous, and suggests close names for unknown ones', async () => {
    const ambiguous = await chat('/村 进度 红岩洞', as(PEOPLE.admin))
    expect(ambiguous).toContain('团结乡红岩洞村')
    expect(ambiguous).toContain('南江镇红岩洞村')
    expect(ambiguous).toContain('用法：/村 进度 [村]')
    expect(await chat('/村 进度 周三村', as(PEOPLE.admin))).toContain('您是不是要找：周山村')
  })

  it('refuses villages outside the remit and people outside the roster, showing no data', async () => {
    const other = await chat('/村 进度 惠民村', as(PEOPLE.team1))
    expect(other).toContain('不在您的查看范围内')
    expect(other).not.toContain('贫困发生率')
    expect(await chat('/村 进度 惠民村', as(PEOPLE.commander1))).toContain('不在您的查看范围内')
    expect(await chat('/村 进度 惠民村', as(PEOPLE.commander2))).toContain('惠民村 · 脱贫进度')
    expect(await chat('/村 进度 周山村', as(PEOPLE.stranger))).toContain('/认证')
  })
})

describe('/村 上报', () => {
  it('records progress on a task and answers with the record number and the new progress', async () => {
    const answer = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 12/15 已完成路基', as(PEOPLE.team1))
    expect(answer).toMatch(/^已记录 #\d+：红岩洞村 · T001 通村道路硬化\n进度：12\/15 公里（80%）\n走访日期：2018-06-15\n备注：已完成路基\n/)
    expect(answer).toContain('任务当前进度：▓▓▓▓▓▓▓▓░░ 80%')
  })

  it('accepts full-width input, amounts in 万 and a visit date', async () => {
    expect(await chat('／村　上报　团结乡红岩洞村　道路硬化　１４／１５', as(PEOPLE.team1))).toContain('93%')
    expect(await chat('/村 上报 团结乡红岩洞村 集体经济 3.2万元 日期=2018-06-01', as(PEOPLE.team1))).toContain('集体经济（一低五有）\n金额：3.2 万元\n走访日期：2018-06-01')
  })

  it('explains every kind of bad input with the usage and an example', async () => {
    const cases: [string, string][] = [
      ['/村 上报 团结乡红岩洞村 通村道路硬化', '没有写进度'],
      ['/村 上报 团结乡红岩洞村 通村道路硬化 20/15', '完成数 20 大于总数 15'],
      ['/村 上报 团结乡红岩洞村 通村道路硬化 -1', '进度不能为负数'],
      ['/村 上报 团结乡红岩洞村 修桥 50%', '红岩洞村没有「修桥」这个事项'],
      ['/村 上报 团结乡红岩洞村 通村道路硬化 50% 日期=2099-01-01', '不能晚于今天'],
      ['/村 上报 团结乡红岩洞村 通村道路硬化 50% 日期=2018-02-30', '不存在'],
      ['/村 上报 团结乡红岩洞村 卫生室建设 12', '没有目标数量'],
      ["/村 上报 团结乡红岩洞村 通村道路硬化 50% '; DROP TABLE records; --", '已记录'],
    ]
    for (const [input, expected] of cases) {
      const answer = await chat(input, as(PEOPLE.team1))
      expect(answer, input).toContain(expected)
      if (expected !== '已记录') expect(answer, input).toContain('例如：/村 上报')
    }
  })

  it('answers a bare /村 上报 with the report form, and an example that works (the form itself: tests/report-form.test.ts)', async () => {
    const form = await chat('/村 上报', as(PEOPLE.team1))
    expect(form).toMatch(/^团结乡红岩洞村 · 上报\n/)
    expect(form).toContain('[提交上报]')
    expect(await chat('/村 上报 团结乡红岩洞村', as(PEOPLE.team1))).toBe(form)
    const example = /例如：(.+)/.exec(form)![1]!
    expect(example).toMatch(/^\/村 上报 团结乡红岩洞村 /)   // qualified: 南江镇 has a 红岩洞村 too
    expect(await chat(example, as(PEOPLE.team1))).toMatch(/^已记录 #\d+/)
    expect(await chat('/村 上报', as(PEOPLE.admin))).toMatch(/^上报 · 选择村\n/)
    expect(await chat('/村 上报', as(PEOPLE.stranger))).toContain('/认证')
  })

  it('lets only the village team, inspectors and admins report', async () => {
    expect(await chat('/村 上报 惠民村 黄羊养殖合作社 50%', as(PEOPLE.team1))).toContain('您不能为「惠民村」上报')
    expect(await chat('/村 上报 惠民村 黄羊养殖合作社 50%', as(PEOPLE.commander2))).toContain('只有工作队（本村）；督查、管理员可以用')
    expect(await chat('/村 上报 惠民村 黄羊养殖合作社 50%', as(PEOPLE.inspector))).toContain('已记录')
    expect(await chat('/村 上报 惠民村 黄羊养殖合作社 60%', as(PEOPLE.team3))).toContain('已记录')
  })

  it('marks the task done when a report says 完成, and the village card follows', async () => {
    await chat('/村 上报 团结乡红岩洞村 卫生室建设 完成', as(PEOPLE.team1))
    const card = await chat('/村 进度 团结乡红岩洞村', as(PEOPLE.team1))
    expect(card).toContain('任务 T002 已完成')
  })
})
