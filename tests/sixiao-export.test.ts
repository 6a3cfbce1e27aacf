import ExcelJS from 'exceljs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addProject, fixtureDeps } from './helpers/sixiao-deps'
import { tempDir } from './helpers/temp'
import { FIXTURE_NOW } from './helpers/fixture'
import { sixiaoBook } from '../src/export/sixiao'
import { villageLedger } from '../src/views/sixiao'
import { runCli } from '../src/admin/cli'

const dir = tempDir()
const deps = fixtureDeps()
const h001 = addProject(deps, 'H001', '2018-03-01')
addProject(deps, 'H001', '2018-04-01', { kind: '种植', content: '核桃' })           // 0 元: second this year
const withdrawn = addProject(deps, 'H002', '2018-05-01')
addProject(deps, 'H002', '2018-05-02', { kind: '加工', content: '茶叶' })             // paid once the first is withdrawn
deps.records.withdraw(withdrawn.id, 'ou_test', 0)
addProject(deps, 'H003', '2018-06-01', { kind: '种植', content: '金银花' })
addProject(deps, 'H004', '2018-06-02')
addProject(deps, 'H005', '2018-06-03', { kind: '经营', content: '农家乐', park: true })
addProject(deps, 'H004', '2017-06-02')                                                // another year

// Through the admin CLI, as the county office runs it (no --year: the current year of its clock).
const path = join(dir, 'sixiao.xlsx')
const out: string[] = []
const status = await runCli(['export', 'sixiao', path], {
  env: { DATABASE_PATH: deps.config.DATABASE_PATH }, out: (l) => out.push(l), err: (l) => out.push(l), now: () => FIXTURE_NOW,
})
const { year, projects: projectCount, amount } = sixiaoBook(deps, 2018)
const summary = { year, projects: projectCount, amount }
const wb = new ExcelJS.Workbook()
await wb.xlsx.readFile(path)
const [projects, totals] = [wb.getWorksheet('四小项目')!, wb.getWorksheet('汇总')!]
const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: ExcelJS.CellValue[][] = []
  ws.eachRow((r, n) => { if (n > 1) out.push((r.values as ExcelJS.CellValue[]).slice(1)) })
  return out
}
const header = (ws: ExcelJS.Worksheet) => (ws.getRow(1).values as string[]).slice(1)

describe('admin export sixiao: the workbook', () => {
  it('defaults to the current year and lists one row per project not withdrawn, numbers as numbers, names masked', () => {
    expect(status, out.join('\n')).toBe(0)
    expect(out.join('\n')).toContain('"四小"项目台账 2018 年（6 个项目，奖补合计 10000 元）')
    expect(summary).toEqual({ year: 2018, projects: 6, amount: 4000 + 1800 + 1200 + 2000 + 1000 })
    expect(header(projects)).toEqual(['户编号', '户主', '村', '乡镇', '项目日期时状态', '家庭人口', '类别', '内容', '规模', '产业园',
      '项目日期', '适用规则', '奖补金额（元）', '说明', '记录编号'])
    const rows = rowsOf(projects)
    expect(rows).toHaveLength(6)
    const first = rows.find((r) => r[14] === h001.id)!
    expect(first.slice(0, 8)).toEqual(['H001', '何**', '红岩洞村', '团结乡', '当年脱贫', 4, '养殖', '南江黄羊'])
    expect((first[10] as Date).toISOString().slice(0, 10)).toBe('2018-03-01')
    expect(first.slice(11, 13)).toEqual(['当年脱贫户 1000元/人 × 4人', 4000])
    const second = rows.find((r) => r[0] === 'H001' && r[14] !== h001.id)!
    expect([second[12], second[13]]).toEqual([0, `本年度已享受过奖补（#${h001.id}）`])
    expect(rows.some((r) => r[14] === withdrawn.id)).toBe(false)
    expect(rows.find((r) => r[0] === 'H005')!.slice(9, 13)).toEqual(['是', '2018-06-03', '非贫困户 1000元/户（建成"四小"产业园）', 1000].map((v, i) => (i === 1 ? expect.any(Date) : v)))
    for (const r of rows) expect(typeof r[12]).toBe('number')
    expect(JSON.stringify(rows)).not.toContain('何桂英')
    expect(projects.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(projects.getColumn(8).width).toBeGreaterThan(10)
  })

  it('has totals per village and township that match the /村 四小 ledger', () => {
    expect(header(totals).slice(0, 10)).toEqual(['层级', '战区', '乡镇', '村', '已录入户数', '有项目户数', '无项目户数', '项目数', '奖补项目数', '奖补合计（元）'])
    expect(totals.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const rows = rowsOf(totals)
    const villageRows = rows.filter((r) => r[0] === '村')
    expect(villageRows).toHaveLength(4)
    for (const code of ['V001', 'V002', 'V003', 'V004']) {
      const ledger = villageLedger(deps, deps.resolve.village(code), 2018)
      const row = villageRows.find((r) => r[2] === ledger.village.townshipName && r[3] === ledger.village.name)!
      const t = ledger.totals
      expect(row.slice(4, 14), code).toEqual([t.households, t.withProject, t.households - t.withProject, t.projects, t.paid, t.amount,
        t.byKind.种植, t.byKind.养殖, t.byKind.加工, t.byKind.经营])
    }
    const township = (name: string) => rows.find((r) => r[0] === '乡镇' && r[2] === name)!
    const sum = (name: string, col: number) => villageRows.filter((r) => r[2] === name).reduce((n, r) => n + (r[col] as number), 0)
    for (const name of ['团结乡', '南江镇', '红四乡']) for (const col of [4, 5, 7, 8, 9]) expect(township(name)[col], `${name} ${col}`).toBe(sum(name, col))
    expect(township('团结乡')[9]).toBe(4000 + 1800 + 2000 + 1000)
    const whole = rows.find((r) => r[0] === '合计')!
    expect([whole[4], whole[5], whole[7], whole[9]]).toEqual([5, 5, 6, summary.amount])
  })

  it('exports another year on request, and refuses a bad --year', async () => {
    const y = sixiaoBook(deps, 2017)
    expect([y.year, y.projects, y.amount]).toEqual([2017, 1, 2000])
    const lines: string[] = []
    const io = { env: { DATABASE_PATH: deps.config.DATABASE_PATH }, out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), now: () => FIXTURE_NOW }
    expect(await runCli(['export', 'sixiao', '--year', '2017', join(dir, 'y2017.xlsx')], io)).toBe(0)
    expect(lines.join('\n')).toContain('2017 年（1 个项目，奖补合计 2000 元）')
    expect(await runCli(['export', 'sixiao', '--year', '18', join(dir, 'bad.xlsx')], io)).toBe(2)
    expect(lines.join('\n')).toContain('--year「18」应为四位年份')
  })
})
