import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { extraTasks, recordScenario } from './helpers/ranking-scenario'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import { plainText } from '../src/lark/cards/kit'
import { rankingJob } from '../scheduler/ranking'
import { runJob } from '../scheduler/run-job'
import { readFileMessage } from '../src/export/file-message'
import { NOT_ROSTERED } from '../commands/rights'
import { fixed } from '../src/domain/score'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
extraTasks(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot)
const deps = bot.bot.deps
const db = bot.bot.db
const ids = recordScenario(deps)
deps.bindings.bind('oc_zone1', 1, 'test', 0)
deps.bindings.bind('oc_zone2', 2, 'test', 0)
deps.bindings.bind('oc_hq', null, 'test', 0)
const at = (date: string, hour = 9) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`)
const group = (openId: string, chatId: string) => ({ openId, chatId, chatType: 'group' as const })
const direct = (openId: string) => ({ openId, chatId: `oc_p2p_${openId}`, chatType: 'p2p' as const })
const sentTo = (chatId: string) => sim.messages.filter((m) => m.chat_id === chatId || m.receive_id === chatId)

async function workbook(bytes: Buffer) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  return wb
}

describe('the ranking job', () => {
  it('on the 1st publishes last month once, and broadcasts a card and the workbook to every bound chat', async () => {
    const started = performance.now()
    expect(await bot.bot.scheduler.tick(rankingJob, at('2018-06-01'), 'schedule')).toEqual(['2018-05'])
    const ms = performance.now() - started
    expect(ms).toBeLessThan(10_000)
    expect(await bot.bot.scheduler.tick(rankingJob, at('2018-06-01', 10), 'schedule')).toEqual([])   // exactly once
    await sim.waitFor(() => sim.messages.filter((m) => m.msg_type === 'file').length === 3, 10_000, 'three file messages')

    const zone1 = sentTo('oc_zone1')
    expect(zone1.map((m) => m.msg_type)).toEqual(['interactive', 'file'])   // the card first, then its workbook
    expect(cardSchema.safeParse(zone1[0]!.content).success).toBe(true)
    const text = readable(zone1[0]!)
    expect(text).toContain('第一战区 · 2018年5月 考核排名')
    expect(text).toContain('战区得分：50.27')
    expect(text).toContain('全县战区排名：第 2 / 2')
    expect(text).toMatch(/1\. 团结乡　53\.09 分（全县第 2）\n　任务进度 27\.09 · 户达标 12\.50 · 村达标 10\.00 · 数据时效 7\.50 · 扣 4/)
    expect(text).toContain('2. 南江镇　43.64 分（全县第 3）')
    expect(text).toContain('分项四舍五入到两位小数显示；得分和排名按未取整的分项合计')
    expect(text).not.toContain('红四乡')                       // another zone's township stays out of the zone chat

    const hq = readable(sentTo('oc_hq')[0]!)
    expect(hq).toContain('全县 · 2018年5月 考核排名')
    expect(hq).toMatch(/1\. 第二战区　90\.34 分（1 个乡镇）\n2\. 第一战区　50\.27 分（2 个乡镇）/)
    expect(hq).toContain('1. 红四乡（第二战区）　90.34 分')

    // Uploaded as a named part (not a bare Buffer), then sent as a file message with the upload's key.
    const hqFile = sim.files.find((f) => f.file_name === '考核排名-2018-05.xlsx')!
    expect(hqFile).toMatchObject({ file_type: 'xls', part_filename: '考核排名-2018-05.xlsx' })
    expect(sentTo('oc_hq')[1]!.content).toEqual({ file_key: hqFile.file_key })
    const wb = await workbook(hqFile.bytes)
    const sheet = wb.getWorksheet('乡镇排名')!
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining([1, '511922207', '红四乡', '第二战区', expect.closeTo(90.34, 2)]))
    // Written unrounded, shown with 2 decimals: a sum in Excel matches the rank.
    expect(sheet.getRow(2).getCell(6).value).toBe(deps.rankings.snapshot('2018-05')!.rows[0]!.score)
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('0.00')
    expect(wb.getWorksheet('任务明细')!.getRow(1).values).toContain('最新上报记录')

    const zoneFile = sim.files.find((f) => f.file_name === '考核排名-2018-05-第一战区.xlsx')!
    const zoneSheet = (await workbook(zoneFile.bytes)).getWorksheet('乡镇排名')!
    expect(zoneSheet.rowCount).toBe(3)                          // header + 团结乡 + 南江镇
    expect(JSON.stringify(zoneSheet.getColumn(3).values)).not.toContain('红四乡')
  })

  it('on a quarter\'s first day publishes the month and the quarter; a run missed while the bot was down is caught up on start', async () => {
    expect(rankingJob.scheduledPeriods!('2018-07-01')).toEqual(['2018-06', '2018-Q2'])
    expect(rankingJob.scheduledPeriods!('2018-08-01')).toEqual(['2018-07'])
    expect(rankingJob.scheduledPeriods!('2019-01-01')).toEqual(['2018-12', '2018-Q4'])
    expect(rankingJob.defaultPeriod('2018-01-15')).toEqual('2017-12')
    // The bot was down at 09:00 on 1 July and comes back at 11:00: both periods are caught up, once.
    await bot.bot.scheduler.catchUp(at('2018-07-01', 11))
    const runs = db.prepare(`SELECT period, trigger FROM job_runs WHERE job = 'ranking' ORDER BY period`).all()
    expect(runs).toEqual([{ period: '2018-05', trigger: 'schedule' }, { period: '2018-06', trigger: 'catch-up' }, { period: '2018-Q2', trigger: 'catch-up' }])
    await bot.bot.scheduler.catchUp(at('2018-07-01', 12))
    expect(db.prepare(`SELECT COUNT(*) FROM job_runs WHERE job = 'ranking'`).pluck().get()).toBe(3)
    expect(fixed(deps.rankings.snapshot('2018-Q2')!.rows.find((r) => r.townshipName === '团结乡')!.score!)).toBe('39.25')
    expect((await runJob(deps, rankingJob, { period: '2018-Q2', now: at('2018-07-02'), trigger: 'admin' })).status).toBe('already-done')
  })

  it('a dry run computes the messages and leaves nothing behind', async () => {
    const outcome = await runJob(deps, rankingJob, { period: '2018-04', now: at('2018-07-02'), trigger: 'admin', dryRun: true })
    expect(outcome.status).toBe('dry-run')
    expect(outcome.messages.filter((m) => m.msgType === 'file').map((m) => readFileMessage(m.content)?.file_name)).toContain('考核排名-2018-04.xlsx')
    expect(deps.rankings.head('2018-04')).toBeUndefined()
  })
})

describe('/排名', () => {
  it('shows the zone of a zone chat, the county in the HQ chat', async () => {
    const zone = await chat('/排名 2018-05', group(PEOPLE.commander1, 'oc_zone1'))
    expect(zone).toContain('第一战区 · 2018年5月 考核排名')
    expect(zone).not.toContain('红四乡')
    const hq = await chat('/排名 2018-05', group(PEOPLE.leader, 'oc_hq'))
    expect(hq).toContain('全县 · 2018年5月 考核排名')
    expect(hq).toContain('红四乡')
  })

  it('defaults to the latest published period; in a direct chat, the sender\'s zone or the county for county roles', async () => {
    const latest = await chat('/排名', direct(PEOPLE.team1))
    expect(latest).toContain('第一战区 · 2018年第二季度 考核排名')
    expect(latest).toContain('其他已发布：2018-06、2018-05')
    expect(await chat('/排名', direct(PEOPLE.leader))).toContain('全县 · 2018年第二季度 考核排名')
    expect(await chat('/排名 2018-06', direct(PEOPLE.inspector))).toContain('全县 · 2018年6月 考核排名')
    expect(await chat('/排名 2018-06', direct(PEOPLE.commander2))).toContain('第二战区 · 2018年6月 考核排名')
  })

  it('reads periods as people type them, full-width included', async () => {
    const ascii = await chat('/排名 2018-05', direct(PEOPLE.team1))
    expect(await chat('/排名 ２０１８－０５', direct(PEOPLE.team1))).toBe(ascii)
    expect(await chat('/排名 2018年5月', direct(PEOPLE.team1))).toBe(ascii)
    expect(await chat('/排名 2018q2', direct(PEOPLE.team1))).toContain('2018年第二季度')
  })

  it('says what is wrong with a bad period, and which periods are published', async () => {
    const bad = await chat('/排名 2018-13', direct(PEOPLE.team1))
    expect(bad).toContain('「2018-13」不是有效的月份')
    expect(bad).toContain('用法：/排名 [YYYY-MM 或 YYYY-Qn] [乡镇]')
    expect(await chat('/排名 abc', direct(PEOPLE.team1))).toContain('「abc」看不懂：期间请写 YYYY-MM')
    expect(await chat('/排名 2018-03', direct(PEOPLE.team1))).toBe('2018年3月（2018-03）的排名还没有发布。已发布：2018-Q2、2018-06、2018-05。')
    expect(await chat('/排名 2018-05', direct(PEOPLE.stranger))).toBe(NOT_ROSTERED)
  })

  it('shows a township\'s components and the records behind them, within the sender\'s remit', async () => {
    const detail = await chat('/排名 2018-05 团结乡', group(PEOPLE.cadre, 'oc_zone1'))
    expect(detail).toContain('团结乡 · 2018年5月 考核得分')
    expect(detail).toContain('全县排名：第 2 / 3')
    expect(detail).toContain('任务进度 27.09（满分 40）：已开始 3 项，平均完成度 68%；未开始 1 项不计')
    expect(detail).toContain(`T001 通村道路硬化（红岩洞村）：应 75% 实际 40% → 53%；上报 #${ids.t001May}（2018-05-20）`)
    expect(detail).toContain('户达标 12.50（满分 25）：当年脱贫和已脱贫户 2 户，一超六有达标 1 户')
    expect(detail).toContain(`集体经济 #${ids.collective}`)
    expect(detail).toContain('扣分 4：红灯任务 2 项（T001、T004）')
    expect(detail).not.toMatch(/何桂英|王五/)                 // household names never appear
    expect(await chat('/排名 2018-05 红四乡', group(PEOPLE.commander1, 'oc_zone1'))).toContain('不在您的查看范围内')
    expect(await chat('/排名 2018-Q2 团结乡', direct(PEOPLE.leader))).toContain('2018年5月：53.09 分（已发布的月度排名）')
  })

  it('/战区 进度 shows the zone\'s place in the latest ranking', async () => {
    expect(await chat('/战区 进度', group(PEOPLE.commander1, 'oc_zone1'))).toMatch(/2018年第二季度考核：全县第 \d\/2 名（[\d.]+ 分）/)
  })
})

describe('the file upload path', () => {
  it('cards in the broadcast pass the card schema', () => {
    for (const m of sim.messages.filter((x) => x.msg_type === 'interactive' && /考核排名/.test(plainText(x.content)))) {
      expect(cardSchema.safeParse(m.content).success).toBe(true)
    }
  })
})
