import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { importRegistry } from '../src/registry/import'
import { registryStore } from '../db/repos/registry'
import { writeTemplate } from '../src/registry/template'
import { formatProblem } from '../src/registry/types'
import { freshDb, GOOD, GOOD_COUNTS, importSheets, tableCounts, withRows, writeCsvSet } from './fixtures/registry'

const now = () => new Date('2018-06-15T04:00:00Z')
const counts = (r: Awaited<ReturnType<typeof importRegistry>>) => (r.ok ? r.counts : null)

describe('import: writes', () => {
  it('imports a good set and counts per sheet', async () => {
    const { db, dir } = freshDb()
    const { result, problems } = await importSheets(db, dir, GOOD)
    expect(problems).toEqual([])
    expect(tableCounts(db)).toEqual({ zones: 2, townships: 2, villages: 3, households: 2, members: 4, tasks: 2 })
    expect(counts(result)?.villages).toEqual({ added: GOOD_COUNTS.村, updated: 0, unchanged: 0 })
    const audit = db.prepare(`SELECT actor, action, detail FROM audit_log`).all() as { actor: string; action: string; detail: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor: 'admin-cli', action: 'registry.import' })
    expect(audit[0]!.detail).not.toMatch(/1389000|5119221968|王大明/) // counts only, no personal data
  })

  it('is all or nothing: one bad row among good ones imports nothing', async () => {
    const { db, dir } = freshDb()
    const { problems } = await importSheets(db, dir, withRows({ 户: ['5119222042070003,511922204207,孙大成,,0,,非贫困户,,,'] }))
    expect(problems).toHaveLength(1)
    expect(Object.values(tableCounts(db))).toEqual([0, 0, 0, 0, 0, 0])
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(0)
  })

  it('re-importing the same files changes nothing, and says so in the counts', async () => {
    const { db, dir } = freshDb()
    await importSheets(db, dir, GOOD)
    const before = db.prepare('SELECT * FROM households ORDER BY code').all()
    const { result } = await importSheets(db, dir, GOOD)
    const c = counts(result)!
    for (const k of Object.keys(c) as (keyof typeof c)[]) expect(c[k].added + c[k].updated).toBe(0)
    expect(c.households.unchanged).toBe(2)
    expect(db.prepare('SELECT * FROM households ORDER BY code').all()).toEqual(before)
  })

  it('updates by code and counts 新增/更新/未变', async () => {
    const { db, dir } = freshDb()
    await importSheets(db, dir, GOOD)
    const 村 = [...GOOD.村!.slice(0, 2).map((l) => l.replace('预脱贫村', '已脱贫村')), GOOD.村![3]!, '511922207202,三清村,511922207,非贫困村,,150,480,3']
    const { result } = await importSheets(db, dir, { 村 })
    expect(counts(result)?.villages).toEqual({ added: 1, updated: 1, unchanged: 1 })
    expect(db.prepare(`SELECT category FROM villages WHERE code = '511922204207'`).pluck().get()).toBe('已脱贫村')
  })

  it('--dry-run validates and counts but writes nothing', async () => {
    const { db, dir } = freshDb()
    const { result } = await importSheets(db, dir, GOOD, { dryRun: true })
    expect(result.ok && result.dryRun).toBe(true)
    expect(counts(result)?.households).toEqual({ added: 2, updated: 0, unchanged: 0 })
    expect(Object.values(tableCounts(db))).toEqual([0, 0, 0, 0, 0, 0])
    expect((db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n).toBe(0)
  })

  it('keeps a Feishu link made by /认证 when the roster is re-imported with the column blank', async () => {
    const { db, dir } = freshDb()
    await importSheets(db, dir, GOOD)
    db.prepare(`UPDATE members SET open_id = 'ou_linked' WHERE phone = '13890001234'`).run()
    const { result } = await importSheets(db, dir, GOOD)
    expect(counts(result)?.members.unchanged).toBe(4)
    expect(db.prepare(`SELECT open_id FROM members WHERE phone = '13890001234'`).pluck().get()).toBe('ou_linked')
  })

  it('accepts several files for one sheet, and names the other file for a duplicate', async () => {
    const { db, dir } = freshDb()
    const files = writeCsvSet(join(dir, 'multi'), GOOD)
    writeFileSync(join(dir, 'multi', '村-2018.csv'), `${GOOD.村![0]}\n511922204202,亭子村,511922204,非贫困村,,90,280,1\n${GOOD.村![1]}\n`)
    const r = await importRegistry({ ...registryStore(db), now }, [...files, join(dir, 'multi', '村-2018.csv')])
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual(['村 第 3 行 A 列「村代码」：村代码 511922204207 重复（与 村.csv 第 2 行相同）'])
  })
})

describe('import: CSV variants', () => {
  it.each([
    ['BOM + CRLF', { bom: true, eol: '\r\n' as const }],
    ['no BOM + LF', { bom: false, eol: '\n' as const }],
  ])('%s', async (_n, opts) => {
    const { db, dir } = freshDb()
    expect((await importSheets(db, dir, GOOD, opts)).problems).toEqual([])
    expect(tableCounts(db).members).toBe(4)
  })

  it('quoted fields with commas, quotes and newlines; row numbers count records like Excel', async () => {
    const { db, dir } = freshDb()
    const 任务 = [...GOOD.任务!,
      'RW2018-0003,村社责任,基础设施,"通村硬化路,第一批\n（含会车道）",511922204207,,"县交通运输局""二队""",,3,公里,,2018-08-30',
      'RW2018-0005,村社责任,基础设施,饮水工程,511922204207,,县水务局"三队",,3,处,,2018-08-30',
      'RW2018-0004,村社责任,基础设施,bad,511922204207,,,,3,公里,,2018-02-30']
    const { problems } = await importSheets(db, dir, { ...GOOD, 任务 })
    expect(problems).toEqual(['任务 第 6 行 L 列「截止日期」："2018-02-30" 不是有效日期（应为 YYYY-MM-DD，例如 2018-06-30）'])
    const ok = await importSheets(db, dir, { ...GOOD, 任务: 任务.slice(0, -1) })
    expect(ok.problems).toEqual([])
    expect(db.prepare(`SELECT title, unit FROM tasks WHERE code = 'RW2018-0003'`).get())
      .toEqual({ title: '通村硬化路,第一批 （含会车道）', unit: '县交通运输局"二队"' })
    expect(db.prepare(`SELECT unit FROM tasks WHERE code = 'RW2018-0005'`).pluck().get()).toBe('县水务局"三队"')
  })

  it('tolerates header variants: spaces, full-width forms, trailing *, hints in brackets', async () => {
    const { db, dir } = freshDb()
    const 村 = [' 村代码＊ ,村名称 *,所属乡镇代码*,类别（已脱贫村/预脱贫村/贫困村/非贫困村）*,计划脱贫年度,总户数,农业人口,贫困人口', ...GOOD.村!.slice(1)]
    expect((await importSheets(db, dir, { ...GOOD, 村 })).problems).toEqual([])
  })

  it('refuses a column it does not know, naming the closest (ignored, it would leave that column unchanged)', async () => {
    const { db, dir } = freshDb()
    const 户 = GOOD.户!.map((l, i) => (i === 0 ? l.replace('联系电话', '电话号码') : l))
    const { problems } = await importSheets(db, dir, { ...GOOD, 户 })
    expect(problems).toEqual(['户 第 1 行 J 列「电话号码」：不是模板中的列，是不是「证件号码」或「联系电话」？请改成模板中的列名，或删除这一列'])
    expect(Object.values(tableCounts(db))).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('explains a quote that is never closed', async () => {
    const { db, dir } = freshDb()
    const { problems } = await importSheets(db, dir, { 战区: ['战区名称*,指挥长姓名', '第一战区,"张建国', '第二战区,王立新'] })
    expect(problems).toEqual(['战区.csv：无法读取：CSV 格式错误：第 2 行的引号没有结束（含逗号或换行的内容要用英文双引号括起来，内容里的双引号写两遍）'])
  })

  it('reads a GB18030 file (Excel\'s default CSV) and says so', async () => {
    const { db, dir } = freshDb()
    const files = writeCsvSet(join(dir, 'gbk'), { 战区: GOOD.战区! }, { bom: false })
    const gb = Buffer.from(new Uint8Array([0xb5, 0xda, 0xc8, 0xfd, 0xd5, 0xbd, 0xc7, 0xf8])) // 第三战区
    writeFileSync(files[0]!, Buffer.concat([Buffer.from('\xd5\xbd\xc7\xf8\xc3\xfb\xb3\xc6*\r\n', 'latin1'), gb, Buffer.from('\r\n')]))
    const r = await importRegistry({ ...registryStore(db), now }, files)
    expect(r.ok).toBe(true)
    expect(r.notes.join()).toContain('GB18030')
    expect(db.prepare('SELECT name FROM zones').pluck().all()).toEqual(['第三战区'])
  })
})

describe('import: xlsx', () => {
  it('refuses the untouched template: each example row, nothing written', async () => {
    const { db, dir } = freshDb()
    const file = join(dir, '模板.xlsx')
    await writeTemplate(file)
    const r = await importRegistry({ ...registryStore(db), now }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual(['战区', '乡镇', '村', '户', '成员', '任务']
      .map((sheet) => `${sheet} 第 2 行：这是模板的示例行（内容以「示例」开头），请删除示例行后再导入`))
    expect(Object.values(tableCounts(db))).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('the template has every column of §5 in order, required ones starred, header frozen and bold', async () => {
    const { dir } = freshDb()
    const file = join(dir, 't.xlsx')
    await writeTemplate(file)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as string[]).slice(1)
    expect(header('村')).toEqual(['村代码*', '村名称*', '所属乡镇代码*', '类别*', '计划脱贫年度', '总户数*', '农业人口*', '贫困人口*'])
    expect(header('任务')).toEqual(['任务编号*', '清单*', '类别*', '事项*', '村代码', '乡镇代码', '责任单位', '责任人手机',
      '目标数量', '单位', '开始日期', '截止日期*'])
    expect(header('成员')).toEqual(['姓名*', '手机*', '角色*', '所属战区', '所属乡镇代码', '所属村代码', '飞书open_id'])
    const ws = wb.getWorksheet('户')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.getRow(1).font?.bold ?? ws.getCell('A1').font?.bold).toBe(true)
    expect(ws.getColumn(1).numFmt).toBe('@')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['战区', '乡镇', '村', '户', '成员', '任务', '说明'])
  })

  it('reads date cells, serial dates, numeric codes, leading zeros, rich text and formulas', async () => {
    const { db, dir } = freshDb()
    const wb = new ExcelJS.Workbook()
    const add = (name: string, rows: unknown[][]) => { const ws = wb.addWorksheet(name); for (const r of rows) ws.addRow(r) }
    add('战区', [['战区名称*'], ['第一战区']])
    add('乡镇', [['乡镇代码*', '乡镇名称*', '类型', '所属战区*'], [511922204, '团结乡', '乡', '第一战区']])
    add('村', [['村代码*', '村名称*', '所属乡镇代码*', '类别*', '计划脱贫年度', '总户数*', '农业人口*', '贫困人口*'],
      ['0042', '谷仓村', 511922204, '非贫困村', null, 120, { formula: '100*3', result: 300 }, 0]])
    add('户', [['户编号*', '村代码*', '户主姓名*', '证件号码', '家庭人口*', '贫困户属性', '脱贫状态*'],
      ['00420001', '0042', { richText: [{ text: '王' }, { font: { bold: true }, text: '大明' }] }, '511922196803120213', 4.0, null, '非贫困户']])
    add('任务', [['任务编号*', '清单*', '类别*', '事项*', '村代码', '乡镇代码', '责任单位', '责任人手机', '目标数量', '单位', '开始日期', '截止日期*'],
      [1001, '村社责任清单', '基础设施', '饮水工程', '0042', null, null, 13890001234, 2, '处', 43160, new Date(Date.UTC(2018, 5, 30))]])
    add('说明', [['随便写点什么']])
    const file = join(dir, 'cells.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await importRegistry({ ...registryStore(db), now }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([])
    expect(db.prepare('SELECT code, township_code, agri_population FROM villages').get())
      .toEqual({ code: '0042', township_code: '511922204', agri_population: 300 })
    expect(db.prepare('SELECT code, head_name, size FROM households').get()).toEqual({ code: '00420001', head_name: '王大明', size: 4 })
    expect(db.prepare('SELECT code, list, owner_phone, start_date, due_date FROM tasks').get())
      .toEqual({ code: '1001', list: '村社责任', owner_phone: '13890001234', start_date: '2018-03-01', due_date: '2018-06-30' })
  })

  it('explains an ID number that Excel stored as a number (digits lost)', async () => {
    const { db, dir } = freshDb()
    await importSheets(db, dir, GOOD)
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('户')
    ws.addRow(['户编号*', '村代码*', '户主姓名*', '证件号码', '家庭人口*', '贫困户属性', '脱贫状态*'])
    ws.addRow(['5119222042070009', '511922204207', '孙大成', 511922196803120213, 3, null, '非贫困户'])
    const file = join(dir, 'num.xlsx')
    await wb.xlsx.writeFile(file)
    const r = await importRegistry({ ...registryStore(db), now }, [file])
    expect(r.ok ? [] : r.problems.map(formatProblem))
      .toEqual(['户 第 2 行 D 列「证件号码」：Excel 把它存成了数字，末位可能已丢失。请把该列设为「文本」后重新填写'])
  })
})
