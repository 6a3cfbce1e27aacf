import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { seedSpotFixture } from './helpers/spot-fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { openLink, textOf, tokenIn } from './helpers/map'
import { createRng } from '../src/domain/prng'
import { runJob } from '../scheduler/run-job'
import { jobByName } from '../scheduler/jobs'
import { plainText } from '../src/lark/cards/kit'
import { spotCheckExporter } from '../src/export/spot-checks'
import { createDeps } from '../src/deps'
import { createRouter } from '../src/router'
import { createLogger } from '../src/log'
import { openDatabase } from '../db/open'
import { commands } from '../commands/index'

const sim = await startSim()
const dir = tempDir()
const dbPath = tempDbPath(dir)
const { configPath } = seedSpotFixture(dbPath, dir)
let now = FIXTURE_NOW
const later = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000))
const bot = await startBot(sim, { dbPath, clock: () => now, env: { CONFIG_PATH: configPath }, random: createRng(7).next })
const { chat } = createChat(sim, bot)
const deps = bot.bot.deps
const as = (openId: string, chatType: 'group' | 'p2p' = 'group') => ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_zone1' })
const recordNo = (reply: string) => Number(/^已记录 #(\d+)/.exec(reply)![1])
const jobCard = async (name: string, period: string, at: Date) => {
  const out = await runJob(deps, jobByName(name)!, { period, now: at, dryRun: true, trigger: 'admin' })
  return out.messages.filter((m) => m.receiveId === 'oc_zone1').map((m) => plainText(JSON.parse(m.content))).join('\n')
}

// The team's checks before the draw, then one draw of 团结乡红岩洞村's 11 exited households.
await chat('/户 核查 H001 收入=3800 住房=是 饮水=是 用电=否', as(PEOPLE.team1))
await chat('/户 核查 H101 收入=3100 住房=是', as(PEOPLE.team1))
await chat('/户 核查 H103 收入=5000 住房=是', as(PEOPLE.team1))
later(1)
await chat('/抽查 团结乡红岩洞村 户数=全部', as(PEOPLE.inspector))
const D = bot.bot.db.prepare(`SELECT MAX(id) FROM spot_draws`).pluck().get() as number
later(1)

describe('comparison with the team’s checks before the draw, by hand', () => {
  it('H001: income 3,450 against 3,800 is 9.2 % apart, both above 2,995: agrees; 住房 disagrees; 教育 the team never checked', async () => {
    const reply = await chat('/复核 H001 收入=3450 住房=否 饮水=是 教育=是 备注=屋顶漏雨', as(PEOPLE.inspector))
    expect(reply).toMatch(new RegExp(`^已记录 #\\d+：复核 红岩洞村 H001（何\\*\\*）· 抽查 #${D}\\n本次复核：收入 3,450 元/人·年；住房 否；饮水 是；教育 是\\n`))
    expect(reply).toContain('对比工作队抽查前的核查（最近 2018-06-15）：\n✅ 一致：收入、饮水\n❌ 不一致：住房（工作队 达标，复核 不达标）\n⚪ 工作队抽查前未核查：教育')
    expect(reply).toContain(`不一致的 1 项待跟进：工作队重新 /户 核查 该户后关闭，或由管理员 /抽查 关闭 ${D} H001 <原因>。`)
    expect(reply).toContain('复核不改变该户的"一超六有"状态。')
    // and indeed it does not: the household card still shows the team's 住房
    expect(await chat('/户 核查 H001', as(PEOPLE.inspector))).toContain('住房：✅ 达标')
  })

  it('H101: 2,990 against 3,100 is only 3.5 % apart, but on the other side of the line 2,995: disagrees', async () => {
    const reply = await chat('/复核 H101 收入=2990', as(PEOPLE.inspector))
    expect(reply).toContain('❌ 不一致：收入（工作队 3,100 元，复核 2,990 元，相差 4%）')
  })

  it('H102, never checked by the team: nothing to compare, not an agreement either', async () => {
    const reply = await chat('/复核 H102 住房=是 收入=6000', as(PEOPLE.admin))
    expect(reply).toContain('工作队在抽查前没有核查过该户：\n⚪ 工作队抽查前未核查：收入、住房')
    expect(reply).not.toContain('待跟进')
  })

  it('/抽查 结果 <编号> lists every disagreement; without a number, the month per township', async () => {
    const result = await chat(`/抽查 结果 ${D}`, as(PEOPLE.commander1))
    expect(result).toContain('已复核 3/11 户　一致率 0/3 户（0%）')
    expect(result).toContain('另有 1 户只复核了工作队抽查前未核查的项，无从比较。')
    expect(result).toMatch(/H001　何\*\* · 红岩洞村\n❌ 住房（工作队 达标，复核 不达标）　督查丙 2018-06-15 复核 #\d+　待跟进/)
    expect(result).toMatch(/H101　黄\*\* · 红岩洞村\n❌ 收入（工作队 3,100 元，复核 2,990 元，相差 4%）　督查丙 2018-06-15 复核 #\d+　待跟进/)
    const month = await chat('/抽查 结果', as(PEOPLE.commander1))
    expect(month).toContain('团结乡 抽查 1 次 · 复核 3 户 · 一致率 0/3 户（0%） · 待跟进 2 项')
    expect(await chat('/抽查 结果', as(PEOPLE.team1))).toContain('您的角色（队长）不能用这个命令')
    // a township's code is a place, not a draw number
    expect(await chat('/抽查 结果 511922204', as(PEOPLE.commander1))).toContain('团结乡 · 本月抽查复核')
    expect(await chat('/抽查 结果 红四乡', as(PEOPLE.commander1))).toContain('「红四乡」不在您的查看范围内')
  })
})

describe('following up a disagreement', () => {
  it('the team’s next check of the item closes it and states the corrected value; a check of other items does not', async () => {
    later(1)
    const fix = recordNo(await chat('/户 核查 H001 住房=否', as(PEOPLE.team1)))
    await chat('/户 核查 H101 住房=是', as(PEOPLE.team1))
    const result = await chat(`/抽查 结果 ${D}`, as(PEOPLE.inspector))
    expect(result).toContain(`❌ 住房（工作队 达标，复核 不达标）　督查丙 2018-06-15 复核 #${fix - 3}　已由工作队 #${fix} 重新核查为 不达标（2018-06-15 12:03）`)
    expect(result).toMatch(/收入（工作队 3,100 元，复核 2,990 元，相差 4%）[^\n]*待跟进/)
  })

  it('an admin closes it with a reason; nobody else, and not without a reason', async () => {
    expect(await chat(`/抽查 关闭 ${D} H101 务工收入漏报，已核实`, as(PEOPLE.inspector))).toContain('您的角色（督查）不能用这个命令')
    expect(await chat(`/抽查 关闭 ${D} H101`, as(PEOPLE.admin))).toContain('请写关闭的原因')
    expect(await chat(`/抽查 关闭 ${D} H002 原因`, as(PEOPLE.admin))).toContain(`户 H002 不在抽查 #${D} 的名单中`)
    expect(await chat(`/抽查 关闭 ${D} H105 原因`, as(PEOPLE.admin))).toContain('没有待跟进的不一致（还没有复核）')
    const closed = await chat(`/抽查 关闭 ${D} H101 务工收入漏报，已核实`, as(PEOPLE.admin))
    expect(closed).toBe(`已关闭抽查 #${D} 中户 H101（红岩洞村）的 1 项不一致：\n· 收入（工作队 3,100 元，复核 2,990 元，相差 4%）\n原因：务工收入漏报,已核实`)
    expect(await chat(`/抽查 关闭 ${D} H101 再关一次`, as(PEOPLE.admin))).toContain('没有待跟进的不一致')
    expect(await chat(`/抽查 结果 ${D}`, as(PEOPLE.inspector))).toContain('已关闭：务工收入漏报,已核实（管理员甲，2018-06-15 12:03）')
    expect(await chat('/抽查 结果', as(PEOPLE.commander1))).toContain('待跟进 0 项')
  })

  it('a 复核 is withdrawn by its author within 7 days (an admin at any time), and its disagreement goes with it', async () => {
    const id = recordNo(await chat('/复核 H001 用电=是', as(PEOPLE.inspector)))
    expect(await chat('/抽查 结果', as(PEOPLE.commander1))).toContain('待跟进 1 项')
    expect(await chat(`/撤销 ${id}`, as(PEOPLE.team3))).toContain('不是您录入的')
    expect(await chat(`/撤销 ${id}`, as(PEOPLE.inspector))).toBe(`已撤销 #${id}（复核，2018-06-15）。相关进度和达标情况已按其余记录重新计算。`)
    expect(await chat('/抽查 结果', as(PEOPLE.commander1))).toContain('待跟进 0 项')
    const old = recordNo(await chat('/复核 H103 住房=否', as(PEOPLE.inspector)))
    later(8 * 24 * 60)
    expect(await chat(`/撤销 ${old}`, as(PEOPLE.inspector))).toContain('已超过 7 天')
    // still open, now 8 days old: it is in the zone's overdue digest, masked, as an overdue task would be
    const digest = await jobCard('overdue', '2018-06-23', now)
    expect(digest).toContain('抽查复核的不一致超过 7 天未跟进（1 户）')
    expect(digest).toContain(`H103 黄** · 红岩洞村：住房（抽查 #${D}，2018-06-15 复核，已 8 天）`)
    expect(digest).not.toContain('黄丙英')
    expect(await jobCard('overdue', '2018-06-21', new Date(FIXTURE_NOW.getTime() + 6 * 86_400_000))).not.toContain('抽查复核的不一致')
    expect(await chat(`/撤销 ${old}`, as(PEOPLE.admin))).toContain(`已撤销 #${old}（复核`)
    expect(await jobCard('overdue', '2018-06-23', now)).not.toContain('抽查复核的不一致')
  })
})

describe('spot checks in the monthly review, the map and the export; the phases', () => {
  it('the review shows the month per township and the current phase in its heading', async () => {
    const review = await jobCard('monthly-review', '2018-06', now)
    expect(review).toContain('当前阶段：绣花帮扶（截至 2018-06-30，还有 7 天）')
    expect(review).toContain('四、抽查复核')
    expect(review).toContain('团结乡：抽查 1 次 · 复核 3 户 · 一致率 0/3 户（0%） · 待跟进 0 项')
  })

  it('/阶段 lists the phases and the current one', async () => {
    const phases = await chat('/阶段', as(PEOPLE.team1))
    expect(phases).toContain('1. 集中攻坚　✅ 已结束　截至 2018-03-31')
    expect(phases).toContain('2. 绣花帮扶　▶ 当前　截至 2018-06-30，还有 7 天')
    expect(phases).toContain('4. 整改补短　⏳ 未开始　截止日期未设定')
    expect(await chat('/阶段', as(PEOPLE.stranger))).toContain('/认证')
  })

  it('the map shows the phase and the month’s spot checks per township, and no names', async () => {
    const page = await openLink(bot, tokenIn(await chat('/作战图', as(PEOPLE.commander1, 'p2p'))))
    expect(page.status).toBe(200)
    const text = textOf(page.html)
    expect(text).toContain('当前阶段：绣花帮扶（截至 2018-06-30，还有 7 天）')
    expect(text).toContain('抽查复核')
    expect(text).toContain('团结乡 1 3 户 0/3 户（0%） 0 项')
    expect(text).not.toContain('黄')
  })

  it('admin export spotcheck: per township, every compared item, every draw with its seed; names masked', () => {
    const { book, label } = spotCheckExporter.build(deps, { period: '2018-06', today: '2018-06-23' })
    expect(label).toBe('抽查复核 2018-06（抽查 1 次，复核 3 户）')
    const [townships, items, draws] = book.sheets.map((s) => [...s.rows]) as [unknown[][], unknown[][], unknown[][]]
    expect(townships).toEqual([['511922204', '团结乡', 1, 3, 0, 0, 0], [null, '合计', 1, 3, 0, 0, 0]])
    expect(items.map((r) => [r[1], r[5], r[8]])).toEqual([
      ['H001', '收入', '一致'], ['H001', '住房', '不一致'], ['H001', '饮水', '一致'], ['H001', '教育', '工作队抽查前未核查'],
      ['H101', '收入', '不一致'], ['H102', '收入', '工作队抽查前未核查'], ['H102', '住房', '工作队抽查前未核查'],
    ])
    expect(items[1]![2]).toBe('何**')
    expect(String(items[1]![12])).toMatch(/^已由工作队 #\d+ 重新核查为 不达标/)
    const seed = bot.bot.db.prepare(`SELECT seed FROM spot_draws WHERE id = ?`).pluck().get(D)
    expect(draws).toEqual([[D, '2018-06-15 12:01', '督查丙', '团结乡红岩洞村', '当年脱贫、已脱贫', 11, 11, 3, seed, expect.stringContaining('Fisher–Yates')]])
    expect(() => spotCheckExporter.build(deps, { period: '2018-13', today: '2018-06-23' })).toThrow('应为月份')
    expect(() => spotCheckExporter.build(deps, { period: '2018-07', today: '2018-06-23' })).toThrow('还没有开始')
  })
})

describe('spotCheck.overrides: where the county says a 复核 counts as the household’s check', () => {
  it('the 复核 changes the household’s standing (and its withdrawal changes it back), but never passes for the team’s check in a later draw', () => {
    const db = openDatabase(dbPath)
    const counting = createDeps(db, deps.config, { ...deps.settings, spotCheck: { overrides: true } }, createLogger('silent'))
    const router = createRouter(commands, counting, createRng(9).next)
    let n = 0
    const say = (text: string, who: string) => router.route({ text, me: counting.identity.identify(who), chat: { id: 'oc_zone1', type: 'group', binding: { zoneId: 1 } }, messageId: `om_override_${++n}`, now }).replies[0]!.text
    const standing = () => counting.households.standing('H105')
    expect(standing()).toBeUndefined()
    const reply = say('/复核 H105 收入=9000 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是', PEOPLE.inspector)
    expect(reply).toContain('按本县规定，复核同时计为该户的核查：\n该户现已达到"一超六有"。✅')
    expect(standing()).toMatchObject({ income: 9000, housing: 1 })
    expect(say('/抽查 团结乡红岩洞村 户数=全部', PEOPLE.inspector)).toContain('抽查 #')
    const drawn = db.prepare(`SELECT team_checked_on FROM spot_draw_households WHERE household_code = 'H105' ORDER BY draw_id DESC LIMIT 1`).pluck().get()
    expect(drawn).toBeNull()   // the team never checked H105: the 复核 is not what the team said
    expect(say(`/撤销 ${recordNo(reply)}`, PEOPLE.inspector)).toContain('已撤销')
    expect(standing()).toBeUndefined()
    db.close()
  })
})
