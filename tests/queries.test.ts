import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
let now = FIXTURE_NOW
const bot = await startBot(sim, { dbPath, clock: () => now })
const { chat, send, replyTo } = createChat(sim, bot)
const as = (openId: string, chatType: 'group' | 'p2p' = 'group', chatId = 'oc_unbound') =>
  ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : chatId })
const recordNo = (answer: string) => Number(/#(\d+)/.exec(answer)![1])

describe('/战区 进度', () => {
  it('summarises the zone: categories, households, tasks and a township chart', async () => {
    const { messageId } = await send('/战区 进度 第一战区', as(PEOPLE.commander1))
    const reply = await replyTo(messageId)
    expect(cardSchema.safeParse(reply.content).success).toBe(true)
    const text = readable(reply)
    expect(text).toContain('第一战区 · 攻坚进度')
    expect(text).toContain('预脱贫村 1 个')
    expect(text).toContain('已脱贫村 1 个')
    expect(text).toContain('非贫困村 1 个')
    // zone 1: T001 (open), T002 (overdue), T004 (township, overdue) → 0/3 done, 2 overdue
    expect(text).toContain('任务完成率：0/3 项（0%），逾期 2 项')
    // 村达标: 红岩洞村 (预脱贫村) and 周山村 (已脱贫村), neither meets 一低五有 yet; 户达标: H001 and H004, unchecked.
    expect(text).toContain('村达标：0/2 个（0%）')
    expect(text).toContain('户达标：0/2 户（0%）')
    expect(text).toContain('总户数 登记 670 户，已录入 4 户')
    expect(text).toContain('团结乡　村达标 0/2 个（0%）　户达标 0/2 户（0%）　任务完成率 0/3 项（0%）　逾期 2 项')
    expect(text).toContain('各乡镇的村：/乡 进度 南江镇')   // townships in code order
    const chart = (reply.content as any).body.elements.find((e: any) => e.tag === 'chart')
    expect(chart.chart_spec.data.values.map((v: any) => v.x)).toEqual(['南江镇', '南江镇', '团结乡', '团结乡'])
    expect(text).toContain('"四小"项目（2018 年） 有项目 0/4 户')   // zone 1: H001 H002 H004 H005
    expect(text).not.toContain('惠民村')
  })

  it('defaults to the sender\'s zone, or the chat\'s, and to the county for county roles', async () => {
    expect(await chat('/战区 进度', as(PEOPLE.team1))).toContain('第一战区 · 攻坚进度')
    expect(await chat('/战区 进度', as(PEOPLE.leader))).toContain('全县 · 攻坚进度')
  })

  it('compares the zones county-wide, a row and a bar each, and names the command one level down', async () => {
    const { messageId } = await send('/战区 进度 全县', as(PEOPLE.leader))
    const reply = await replyTo(messageId)
    expect(cardSchema.safeParse(reply.content).success).toBe(true)
    const text = readable(reply)
    expect(text).toContain('全县 · 攻坚进度')
    expect(text).toContain('各战区\n第一战区　村达标 0/2 个（0%）　户达标 0/2 户（0%）　任务完成率 0/3 项（0%）　逾期 2 项\n第二战区　村达标 0/0 个（—）')
    expect(text).not.toContain('团结乡　')                  // townships are one level down
    const chart = (reply.content as any).body.elements.find((e: any) => e.tag === 'chart')
    expect(chart.chart_spec.title.text).toBe('各战区进度（%）')
    expect([...new Set(chart.chart_spec.data.values.map((v: any) => v.x))]).toEqual(['第一战区', '第二战区'])
    const down = /各战区的乡镇：(\/战区 进度 \S+)/.exec(text)![1]!
    const zone = await chat(down, as(PEOPLE.leader))
    expect(zone).toContain('第一战区 · 攻坚进度')
    expect(zone).toContain('团结乡　村达标')
  })

  it('refuses another zone to a commander and a team member', async () => {
    expect(await chat('/战区 进度 第二战区', as(PEOPLE.commander1))).toContain('不在您的查看范围内')
    expect(await chat('/战区 进度 第二', as(PEOPLE.team1))).toContain('不在您的查看范围内')
    expect(await chat('/战区 进度 第九战区', as(PEOPLE.admin))).toContain('没有找到「第九战区」')
  })
})

describe('/乡 进度', () => {
  it('shows 三有 from the township\'s own tasks and its villages', async () => {
    const text = await chat('/乡 进度 团结乡', as(PEOPLE.cadre))
    expect(text).toContain('团结乡 · 攻坚进度')
    expect(text).toContain('❌ 卫生院')
    expect(text).toContain('红岩洞村（预脱贫村）')
    expect(text).toContain('周山村（已脱贫村）')
  })
  it('keeps a township cadre to their township', async () => {
    expect(await chat('/乡 进度 红四乡', as(PEOPLE.cadre))).toContain('不在您的查看范围内')
  })
})

describe('/任务, /逾期 and /任务 完成', () => {
  it('lists open tasks with lights and owners, masked in a group', async () => {
    const text = await chat('/任务 团结乡红岩洞村', as(PEOPLE.team1))
    expect(text).toContain('T002')
    expect(text).toContain('逾期 15 天')
    expect(text).toContain('责任人 何*')
    expect(text).not.toContain('何伟')
    expect(await chat('/任务 我的', as(PEOPLE.team1, 'p2p'))).toContain('责任人 何伟')
  })

  it('lists overdue tasks longest first', async () => {
    const text = await chat('/逾期 第一战区', as(PEOPLE.commander1))
    expect(text).toContain('逾期任务 2 项')
    expect(text.indexOf('T004')).toBeLessThan(text.indexOf('T002'))   // 76 days vs 15 days
  })

  it('marks a task done for its owner and refuses others', async () => {
    expect(await chat('/任务 完成 T002', as(PEOPLE.commander1))).toContain('只有任务责任人')
    expect(await chat('/任务 完成 T999', as(PEOPLE.team1))).toContain('没有编号为「T999」的任务')
    const done = await chat('/任务 完成 T002 已验收', as(PEOPLE.team1))
    expect(done).toMatch(/已记录 #\d+：任务 T002「卫生室建设」已完成/)
    expect(await chat('/任务 完成 T002', as(PEOPLE.team1))).toMatch(/已经是完成状态（#\d+ 任务完成），无需重复，这次没有记录/)
    expect(await chat('/逾期 第一战区', as(PEOPLE.commander1))).toContain('逾期任务 1 项')
  })
})

describe('/撤销', () => {
  it('withdraws a report and every figure recomputes without it; the record stays', async () => {
    const first = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 6/15', as(PEOPLE.team1))
    const second = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 完成', as(PEOPLE.team1))
    expect(second).toContain('已完成')
    expect(await chat(`/撤销 ${recordNo(second)}`, as(PEOPLE.team1))).toContain(`已撤销 #${recordNo(second)}`)
    expect(await chat('/任务 团结乡红岩洞村', as(PEOPLE.team1))).toContain('40%')
    expect(await chat(`/撤销 ${recordNo(second)}`, as(PEOPLE.team1))).toContain('已经撤销过了')
    expect(recordNo(first)).toBeLessThan(recordNo(second))
  })

  it('recomputes a household\'s standard when its check is withdrawn', async () => {
    const ok = await chat('/户 核查 H001 收入=4000 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是', as(PEOPLE.team1))
    expect(ok).toContain('已达到')
    await chat(`/撤销 #${recordNo(ok)}`, as(PEOPLE.team1))
    expect(await chat('/户 核查 H001', as(PEOPLE.team1))).toContain('尚无核查记录')
  })

  it('lets only the author within 7 days, or an admin, withdraw', async () => {
    const answer = await chat('/村 上报 团结乡红岩洞村 通村道路硬化 7/15', as(PEOPLE.team1))
    const n = recordNo(answer)
    expect(await chat(`/撤销 ${n}`, as(PEOPLE.inspector))).toContain('不是您录入的')
    now = new Date(FIXTURE_NOW.getTime() + 8 * 86_400_000)
    expect(await chat(`/撤销 ${n}`, as(PEOPLE.team1))).toContain('已超过 7 天')
    expect(await chat(`/撤销 ${n}`, as(PEOPLE.admin))).toContain(`已撤销 #${n}`)
    now = FIXTURE_NOW
    for (const bad of ['/撤销', '/撤销 abc', '/撤销 99999999', '/撤销 1 2']) expect(await chat(bad, as(PEOPLE.team1)), bad).toMatch(/记录编号|没有编号|参数太多/)
  })
})
