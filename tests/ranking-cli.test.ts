import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { createDeps } from '../src/deps'
import { loadConfig } from '../src/config'
import { DEFAULT_SETTINGS } from '../src/settings'
import { createLogger } from '../src/log'
import { runAdmin } from './helpers/admin'
import { seedFixture } from './helpers/fixture'
import { extraTasks, recordScenario } from './helpers/ranking-scenario'
import { tempDbPath, tempDir } from './helpers/temp'

const dir = tempDir('zhanqu-ranking-cli-')
const dbPath = tempDbPath(dir)
seedFixture(dbPath)
extraTasks(dbPath)
{
  const db = openDatabase(dbPath)
  const deps = createDeps(db, loadConfig({ DATABASE_PATH: dbPath }, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))
  recordScenario(deps)
  deps.records.addReport({
    kind: 'report', townshipCode: '511922204', villageCode: 'V001', authorOpenId: 'ou_team1', authorMemberId: 7, createdAt: Date.UTC(2018, 4, 21),
    visitedOn: '2018-05-21', sourceMessageId: null, note: '联系村民 13912340001 核实',
  }, { taskCode: 'T001', item: null, input: '6/15', ratio: 0.4, amount: null, done: false })
  deps.bindings.bind('oc_zone1', 1, 'test', 0)
  deps.bindings.bind('oc_hq', null, 'test', 0)
  db.close()
}
const admin = (args: string[]) => runAdmin(args, { DATABASE_PATH: dbPath, CONFIG_PATH: join(dir, 'none.json') })

async function readBook(path: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

describe('admin run ranking', () => {
  it('publishes once: a second run, in another process, sends nothing', async () => {
    const first = await admin(['run', 'ranking', '--period', '2018-05', '--date', '2018-06-01'])
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/ranking 2018-05：已生成 4 条消息/)   // a card and a workbook for each of two chats
    expect(first.stdout).toContain('消息已加入发送队列')
    const second = await admin(['run', 'ranking', '--period', '2018-05', '--date', '2018-06-02'])
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('ranking 2018-05 已经运行过，这次没有发送任何消息。')
  })

  it('two processes at once: exactly one of them publishes', async () => {
    const runs = await Promise.all([1, 2].map(() => admin(['run', 'ranking', '--period', '2018-06', '--date', '2018-07-01'])))
    expect(runs.map((r) => r.code)).toEqual([0, 0])
    expect(runs.filter((r) => r.stdout.includes('已生成 4 条消息')).length).toBe(1)
    expect(runs.filter((r) => r.stdout.includes('已经运行过')).length).toBe(1)
  }, 30_000)

  it('refuses a bad or future period with exit 2, and shows a dry run without recording it', async () => {
    const [bad, lower, future, dry] = await Promise.all([
      admin(['run', 'ranking', '--period', '2018-13']),
      admin(['run', 'ranking', '--period', '2018-q2']),
      admin(['run', 'ranking', '--period', '2018-09', '--date', '2018-07-01']),
      admin(['run', 'ranking', '--period', '2018-04', '--date', '2018-07-01', '--dry-run']),
    ])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--period「2018-13」：应为月份 YYYY-MM（如 2018-05）或季度 YYYY-Qn（如 2018-Q2）')
    expect(lower.stderr).toContain('请写成 2018-Q2')
    expect(future.code).toBe(2)
    expect(future.stderr).toContain('期间 2018-09 还没有开始（今天是 2018-07-01）')
    expect(dry.stderr).toBe('')
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('[文件] 考核排名-2018-04.xlsx')
    expect(dry.stdout).toContain('全县 · 2018年4月 考核排名')
    expect((await admin(['export', 'ranking', '--period', '2018-04', join(dir, 'x.xlsx')])).stderr).toContain('2018-04 的排名还没有发布。已发布：2018-06、2018-05')
  }, 30_000)
})

describe('admin export', () => {
  it('ranking: the frozen snapshot, frozen header, widths, numbers as numbers', async () => {
    const out = join(dir, 'out', '排名-2018-05.xlsx')
    const r = await admin(['export', 'ranking', '--period', '2018-05', out])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/已导出 考核排名 2018-05（3 个乡镇，截至 2018-05-31，发布于 2018-06-01）/)
    const wb = await readBook(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['乡镇排名', '战区排名', '任务明细', '说明'])
    const sheet = wb.getWorksheet('乡镇排名')!
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet.getRow(1).font?.bold).toBe(true)
    expect(sheet.getColumn(2).width).toBe(12)
    expect(sheet.getRow(1).values).toEqual([undefined, '全县排名', '乡镇代码', '乡镇', '战区', '战区内排名', '得分', '任务进度(40)', '户达标(25)',
      '村达标(20)', '数据时效(15)', '扣分', '已开始任务', '红灯任务', '应达标户', '达标户', '应达标村', '达标村', '总户数'])
    // Scores and components are written unrounded and shown with 2 decimals (docs/figures.md).
    const close = (x: number) => expect.closeTo(x, 2)
    expect(sheet.getRow(3).values).toEqual([undefined, 2, '511922204', '团结乡', '第一战区', 1, close(53.09), close(27.09), 12.5, 10, 7.5, 4, 3, 2, 2, 1, 2, 1, 470])
    expect(sheet.getRow(3).getCell(6).value).not.toBe(53.09)
    expect(sheet.getRow(3).getCell(6).numFmt).toBe('0.00')
    expect(typeof sheet.getCell('F2').value).toBe('number')
    expect(wb.getWorksheet('战区排名')!.getRow(3).values).toEqual([undefined, 2, '第一战区', expect.closeTo(50.27, 2), 2, 670])
    const tasks = wb.getWorksheet('任务明细')!
    const t001 = tasks.getRows(2, tasks.rowCount - 1)!.find((row) => row.getCell(2).value === 'T001')!
    expect(t001.getCell(8).value).toBe(0.7521)
    expect(t001.getCell(8).numFmt).toBe('0.0%')
    expect(t001.getCell(5).value).toEqual(new Date(Date.UTC(2018, 2, 1)))
  })

  it('reports: one row per record of the period, withdrawn ones marked, no personal data in the clear', async () => {
    const out = join(dir, 'reports-2018-05.xlsx')
    const r = await admin(['export', 'reports', '--period', '2018-05', out])
    expect(r.code).toBe(0)
    const sheet = (await readBook(out)).getWorksheet('记录明细')!
    const rows = sheet.getRows(2, sheet.rowCount - 1)!.map((row) => (row.values as unknown[]).slice(1))
    // May: T001, T002, T004 (withdrawn), T003, four village items, H001, H004, twelve 南江镇 reports, the noted one.
    expect(rows.length).toBe(23)
    expect(r.stdout).toContain('记录明细 2018-05（23 条）')
    const check = rows.find((x) => x[11] === 'H001')!
    expect(check.slice(0, 3)).toEqual([expect.any(Number), '户核查', new Date(Date.UTC(2018, 4, 12))])
    expect(check[8]).toBe('收入 4000；住房 是；饮水 是；用电 是；广电 是；教育 是；医疗 是')
    expect(check[12]).toBe('何**')
    expect(rows.find((x) => x[7] === 'T004 乡卫生院规范化' && x[9] === 1)![14]).toMatch(/^已撤销/)
    const all = JSON.stringify(rows)
    expect(all).not.toMatch(/何桂英|王五|13912340001|511922196505120023/)
    expect(all).toContain('139****0001')
    expect((await admin(['export', 'reports', '--year', '2018', join(dir, 'year.xlsx')])).stdout).toMatch(/记录明细 2018 年（\d+ 条）/)
  })

  it('bad input: exit 2 with what was wrong', async () => {
    const cases: [string[], string][] = [
      [['export', 'nope', join(dir, 'a.xlsx')], '没有「nope」这种导出，可用：ranking、reports'],
      [['export', 'ranking', join(dir, 'a.txt')], '输出文件应以 .xlsx 结尾'],
      [['export', 'ranking', '--year', '2018', join(dir, 'a.xlsx')], 'ranking 不接受 --year'],
      [['export', 'reports', '--period', '2018-05', '--year', '2018', join(dir, 'a.xlsx')], '--period 和 --year 只能写一个'],
      [['export', 'reports', '--period', 'May', join(dir, 'a.xlsx')], '--period「May」应为 YYYY-MM'],
    ]
    const results = await Promise.all(cases.map(([args]) => admin(args)))
    cases.forEach(([args, message], i) => {
      expect({ args, code: results[i]!.code }).toEqual({ args, code: 2 })
      expect(results[i]!.stderr).toContain(message)
    })
  }, 40_000)
})

describe('admin run ranking: a frozen ranking cannot be undone', () => {
  it('refuses the running month or quarter, and one before the campaign, unless --force', async () => {
    const running = await admin(['run', 'ranking', '--period', '2018-07', '--date', '2018-07-20'])
    expect(running.code).toBe(2)
    expect(running.stderr).toContain('--period「2018-07」还没有结束（到 2018-07-31）')
    expect(running.stderr).toContain('请加 --force')
    const quarter = await admin(['run', 'ranking', '--period', '2018-Q3', '--date', '2018-07-20'])
    expect(quarter.stderr).toContain('还没有结束（到 2018-09-30）')
    const before = await admin(['run', 'ranking', '--period', '2013-12', '--date', '2018-07-20'])
    expect(before.code).toBe(2)
    expect(before.stderr).toContain('在攻坚开始（2014-01-01）之前')
    const published = () => admin(['export', 'ranking', '--period', '2018-07', join(dir, 'running.xlsx')])
    expect((await published()).code).toBe(2)   // nothing was frozen by the refusals
    expect((await admin(['run', 'ranking', '--period', '2018-07', '--date', '2018-07-20', '--dry-run'])).code).toBe(0)
    const forced = await admin(['run', 'ranking', '--period', '2018-07', '--date', '2018-07-20', '--force'])
    expect(forced.code, forced.stderr).toBe(0)
    expect((await published()).code).toBe(0)
  })
})
