import ExcelJS from 'exceljs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { tempDbPath, tempDir } from './helpers/temp'
import { openDatabase } from '../db/open'
import { rankingJob } from '../scheduler/ranking'
import { cardSchema } from '../src/lark/cards/schema'

/*
 * Three townships whose scores differ only past the second decimal. Each has township tasks due 20 May,
 * past due on 31 May (expected 100 %), all reported at 80 % or more (yellow, no penalty):
 *   甲乡: one task at 0.80003, reported 25 May (current)       → 40 × 0.80003 × 100/55 + 15 × 100/55 = 85.45673
 *   乙乡: tasks at 0.99 (25 May) and 0.98498 (1 April, stale)  → 40 × 0.98749 × 100/55 + 7.5 × 100/55 = 85.45382
 *   丙乡: one task at 0.80001, reported 25 May                  → 85.45527
 * Summing components rounded to 2 decimals gave 甲 85.45, 乙 85.46, 丙 85.45: 乙 first and 甲 tied with
 * 丙. On the unrounded scores the order is 甲, 丙, 乙; 甲 and 丙 both read 85.46, so they show 3 decimals.
 * Zones (weighted by 总户数: 甲 100, 乙 300): 第一战区 (85.45673 × 100 + 85.45382 × 300) / 400 = 85.45455,
 * 第二战区 85.45527 — rounded first, 第一战区 came out ahead (85.46 against 85.45).
 */
const dir = tempDir()
const dbPath = tempDbPath(dir)
openDatabase(dbPath).close()
const seed = new Database(dbPath)
seed.exec(`
  INSERT INTO zones (id, name) VALUES (1, '第一战区'), (2, '第二战区');
  INSERT INTO townships (code, name, kind, zone_id) VALUES ('T1', '甲乡', '乡', 1), ('T2', '乙乡', '乡', 1), ('T3', '丙乡', '乡', 2);
  INSERT INTO villages (code, name, township_code, category, households, agri_population, poor_population) VALUES
    ('V1', '甲村', 'T1', '非贫困村', 100, 400, 0), ('V2', '乙村', 'T2', '非贫困村', 300, 1200, 0), ('V3', '丙村', 'T3', '非贫困村', 100, 400, 0);
  INSERT INTO members (name, phone, role, open_id) VALUES ('县领导乙', '13900000009', '县领导', 'ou_leader');
  INSERT INTO tasks (code, list, category, title, township_code, start_date, due_date) VALUES
    ('A1', '乡镇主体', '公共服务', '便民服务中心', 'T1', '2018-03-01', '2018-05-20'),
    ('B1', '乡镇主体', '公共服务', '中心校改造', 'T2', '2018-03-01', '2018-05-20'),
    ('B2', '乡镇主体', '公共服务', '卫生院规范化', 'T2', '2018-03-01', '2018-05-20'),
    ('C1', '乡镇主体', '公共服务', '便民服务中心', 'T3', '2018-03-01', '2018-05-20');
`)
seed.close()

const sim = await startSim()
const bot = await startBot(sim, { dbPath, clock: () => new Date('2018-06-01T04:00:00Z') })
const { chat } = createChat(sim, bot, { chatId: 'oc_hq', openId: 'ou_leader' })
const deps = bot.bot.deps
const report = (task: string, township: string, ratio: number, on: string) =>
  deps.records.addReport(
    { kind: 'report', townshipCode: township, villageCode: null, authorOpenId: 'ou_leader', authorMemberId: null, createdAt: Date.now(), visitedOn: on, sourceMessageId: null, note: null },
    { taskCode: task, item: null, input: `${ratio * 100}%`, ratio, amount: null, done: false })
report('A1', 'T1', 0.80003, '2018-05-25')
report('B1', 'T2', 0.99, '2018-05-25')
report('B2', 'T2', 0.98498, '2018-04-01')
report('C1', 'T3', 0.80001, '2018-05-25')
deps.bindings.bind('oc_hq', null, 'test', 0)
const at = new Date('2018-06-01T09:00:00+08:00')

describe('the ranking ranks on the unrounded score', () => {
  it('publishes the order of the unrounded scores, with 3 decimals where 2 would hide a rank', async () => {
    expect(await bot.bot.scheduler.tick(rankingJob, at, 'schedule')).toEqual(['2018-05'])
    const s = deps.rankings.snapshot('2018-05')!
    expect(s.rows.map((r) => [r.townshipName, r.rank])).toEqual([['甲乡', 1], ['丙乡', 2], ['乙乡', 3]])
    expect(s.rows.map((r) => r.score)).toEqual([expect.closeTo(85.456727, 5), expect.closeTo(85.455273, 5), expect.closeTo(85.453818, 5)])
    expect(s.zones.map((z) => [z.zoneName, z.rank])).toEqual([['第二战区', 1], ['第一战区', 2]])
    expect(s.zones[1]!.score).toBeCloseTo((s.rows[0]!.score! * 100 + s.rows[2]!.score! * 300) / 400, 12)

    await sim.waitFor(() => sim.messages.some((m) => m.chat_id === 'oc_hq' && m.msg_type === 'file'), 10_000, 'the workbook')
    const card = sim.messages.find((m) => m.chat_id === 'oc_hq' && m.msg_type === 'interactive')!
    expect(cardSchema.safeParse(card.content).success).toBe(true)
    const text = readable(card)
    expect(text).toContain('1. 第二战区　85.46 分（1 个乡镇）\n2. 第一战区　85.45 分（2 个乡镇）')
    expect(text).toContain('1. 甲乡（第一战区）　85.457 分')
    expect(text).toContain('2. 丙乡（第二战区）　85.455 分')
    expect(text).toContain('3. 乙乡（第一战区）　85.45 分')   // no other score reads 85.45: 2 decimals
    expect(text).toContain('分项四舍五入到两位小数显示；得分和排名按未取整的分项合计')

    // The workbook holds the unrounded score and shows 3 decimals, since two would read alike.
    const file = sim.files.find((f) => f.file_name === '考核排名-2018-05.xlsx')!
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer)
    const score = wb.getWorksheet('乡镇排名')!.getRow(2).getCell(6)
    expect(score.value).toBe(s.rows[0]!.score)
    expect(score.numFmt).toBe('0.000')
  })

  it('shows the same figures in /排名 and a township\'s detail, and they stay frozen', async () => {
    const hq = await chat('/排名 2018-05')
    expect(hq).toContain('1. 甲乡（第一战区）　85.457 分')
    const detail = await chat('/排名 2018-05 甲乡')
    expect(detail).toContain('得分：85.457')
    expect(detail).toContain('任务进度 58.18（满分 40）')
    expect(detail).toContain('分项四舍五入到两位小数显示')
    report('C1', 'T3', 0.95, '2018-05-30')   // entered late for May: the published ranking does not move
    expect(await chat('/排名 2018-05')).toBe(hq)
  })
})
