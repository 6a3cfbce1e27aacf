import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { plainText } from '../src/lark/cards/kit'
import { monthlyReviewJob } from '../scheduler/monthly-review'
import { rankingJob } from '../scheduler/ranking'
import { runJob } from '../scheduler/run-job'
import { rankingBook } from '../src/export/ranking'

/*
 * One figure, one name, one meaning (docs/figures.md). The fixture county plus 全录村, a 预脱贫村 of 团结乡
 * whose two households are all the registry counts (总户数 2), so its 贫困发生率 comes from them.
 */
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const seed = new Database(dbPath)
seed.exec(`
  INSERT INTO villages (code, name, township_code, category, households, agri_population, poor_population) VALUES ('V777', '全录村', '511922204', '预脱贫村', 2, 100, 9);
  INSERT INTO households (code, village_code, head_name, size, status) VALUES ('HX1', 'V777', '甲', 2, '未脱贫'), ('HX2', 'V777', '乙', 4, '已脱贫');
`)
seed.close()

const sim = await startSim()
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot, { openId: PEOPLE.admin, chatId: 'oc_p2p_admin', chatType: 'p2p' })
const deps = bot.bot.deps
const db = bot.bot.db
const yes = '住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是'
await chat(`/户 核查 H001 收入=4000 ${yes}`)                    // 当年脱贫, meets
await chat(`/户 核查 H002 收入=4000 ${yes}`)                    // 未脱贫, meets
await chat('/户 核查 H004 收入=4000 住房=是 医疗=否')            // 已脱贫, does not
deps.bindings.bind('oc_zone1', 1, 'test', 0)

/** 户达标 of a set of villages, straight from its definition: 当年脱贫 and 已脱贫 households meeting 一超六有. */
function householdsByDefinition(villages: string[]) {
  const r = db.prepare(`
    SELECT COUNT(*) AS of, COALESCE(SUM(hs.meets), 0) AS met FROM households h LEFT JOIN household_standing hs ON hs.household_code = h.code
    WHERE h.status IN ('当年脱贫', '已脱贫') AND h.village_code IN (SELECT value FROM json_each(?))`).get(JSON.stringify(villages)) as { of: number; met: number }
  return `${r.met}/${r.of} 户`
}
const households = (text: string) => [...text.matchAll(/(?<!立卡)户达标[：:\s]*(\d+\/\d+ 户)/g)].map((m) => m[1])

describe('户达标 means one thing everywhere', () => {
  it('in /村 进度, /乡 进度, /战区 进度, the monthly review, the ranking and its workbook', async () => {
    const tuanjie = ['V001', 'V002', 'V777']
    expect(householdsByDefinition(['V001'])).toBe('1/1 户')
    expect(householdsByDefinition(tuanjie)).toBe('1/3 户')   // H001 meets; H004 and HX2 (已脱贫) do not
    expect(households(await chat('/村 进度 团结乡红岩洞村'))).toEqual(['1/1 户'])
    // The township's headline, then its villages.
    expect(households(await chat('/乡 进度 团结乡'))).toEqual(['1/3 户', '1/1 户', '0/1 户', '0/1 户'])
    // The zone's headline, then its townships (南江镇 has no exited households).
    expect(households(await chat('/战区 进度 第一战区'))).toEqual(['1/3 户', '0/0 户', '1/3 户'])
    const review = await runJob(deps, monthlyReviewJob, { period: '2018-06', now: FIXTURE_NOW, trigger: 'admin' })
    expect(households(plainText(JSON.parse(review.messages[0]!.content)))).toEqual(['1/3 户'])
    // The ranking's 25 points weigh the same share, and its workbook counts the same households.
    await runJob(deps, rankingJob, { period: '2018-06', now: FIXTURE_NOW, trigger: 'admin' })
    expect(await chat('/排名 2018-06 团结乡')).toContain('：当年脱贫和已脱贫户 3 户，一超六有达标 1 户')
    const sheet = rankingBook(deps.rankings.snapshot('2018-06')!).sheets[0]!
    const row = [...sheet.rows].find((r) => r[2] === '团结乡')!
    const col = (header: string) => row[sheet.columns.findIndex((c) => c.header === header)]
    expect([col('达标户'), col('应达标户')]).toEqual([1, 3])
  })

  it('is told apart from 建档立卡户达标, which counts every registered household', async () => {
    const village = await chat('/村 进度 团结乡红岩洞村')
    expect(village).toContain('户达标 1/1 户（100%）　建档立卡户达标 2/2 户（100%）')   // H001; H001 and H002 (H005 is 非贫困户)
  })
})

describe('村达标, 任务完成率 and 总户数', () => {
  it('村达标 counts 预脱贫村 and 已脱贫村 only; 任务完成率 done of all tasks; 总户数 shows both figures when they differ', async () => {
    await chat('/任务 完成 T002')
    const zone = await chat('/战区 进度 第一战区')
    expect(zone).toContain('村达标：0/3 个（0%）')              // 红岩洞村, 周山村, 全录村 — not 南江镇's 非贫困村
    expect(zone).toContain('任务完成率：1/3 项（33%），逾期 1 项')
    expect(zone).toContain('总户数 登记 672 户，已录入 6 户')
    expect(await chat('/村 进度 团结乡红岩洞村')).toContain('总户数 登记 320 户，已录入 3 户')
    expect(await chat('/村 进度 全录村')).toContain('总户数 2 户')
  })
})

describe('贫困发生率', () => {
  it('comes from the households\' current status once all of them are imported, and says so', async () => {
    // 全录村: the registry says 9 poor of 100; its households say 2 (HX1, 未脱贫) — HX2 has exited.
    expect(await chat('/村 进度 全录村')).toContain('✅ 贫困发生率 2.00%（2/100，按已录入户的当前脱贫状态），须低于 3%')
    // 红岩洞村: 3 of its 320 households are imported: the registry's figure, said as such.
    expect(await chat('/村 进度 团结乡红岩洞村')).toContain('✅ 贫困发生率 2.00%（20/1000，按村登记的贫困人口），须低于 3%')
  })

  it('follows a re-import that changes a household\'s status or size', async () => {
    const other = new Database(dbPath)
    other.prepare(`UPDATE households SET status = '返贫' WHERE code = 'HX2'`).run()
    expect(await chat('/村 进度 全录村')).toContain('❌ 贫困发生率 6.00%（6/100，按已录入户的当前脱贫状态）')
    other.prepare(`UPDATE households SET size = 3 WHERE code = 'HX1'`).run()
    expect(await chat('/村 进度 全录村')).toContain('贫困发生率 7.00%（7/100')
    // One more household in the registry than imported: back to the registry's figure.
    other.prepare(`UPDATE villages SET households = 3 WHERE code = 'V777'`).run()
    other.close()
    const text = await chat('/村 进度 全录村')
    expect(text).toContain('❌ 贫困发生率 9.00%（9/100，按村登记的贫困人口）')
    expect(text).toContain('总户数 登记 3 户，已录入 2 户')
  })
})
