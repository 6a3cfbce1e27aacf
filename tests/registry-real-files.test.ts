import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshDb, GOOD, writeCsvSet } from './fixtures/registry'
import { dump, fx, importFile, seeded } from './fixtures/real-files'
import { runProcess } from './helpers/process'

/** GOOD as stored, with the one date the xlsx fixtures write differently (2018-04-30, an ISO date cell). */
async function expectedRegistry() {
  const { db } = await seeded()
  db.prepare(`UPDATE tasks SET due_date = '2018-04-30' WHERE code = 'RW2018-0002'`).run()
  return dump(db)
}

describe('real files: whole registries are read exactly', () => {
  it.each(['openpyxl-registry.xlsx', 'libreoffice-registry.xlsx', 'gnumeric-registry.xlsx'])('%s', async (name) => {
    const { db } = freshDb()
    const { problems, notes } = await importFile(db, fx(name))
    expect(problems).toEqual([])
    expect(dump(db)).toEqual(await expectedRegistry())
    expect(notes).toEqual([]) // the 说明 sheet is the template's own and expected
  })
})

describe('real files: dates are the calendar day written, whatever the server time zone', () => {
  const files = ['openpyxl-registry.xlsx', 'libreoffice-registry.xlsx', 'gnumeric-registry.xlsx', 'openpyxl-1904.xlsx']
  const tasks = [
    { code: 'RW2018-0001', startDate: '2018-03-01', dueDate: '2018-06-30' },
    { code: 'RW2018-0002', startDate: '2018-01-15', dueDate: '2018-04-30' },
  ]
  // A time zone set on process.env at run time does not reach every date API reliably: each zone gets a process.
  it.each(['Asia/Shanghai', 'America/Los_Angeles'])('TZ=%s', async (tz) => {
    const { dir } = freshDb()
    const base = writeCsvSet(join(dir, 'base'), { 战区: GOOD.战区!, 乡镇: GOOD.乡镇!, 村: GOOD.村!, 成员: GOOD.成员! })
    const r = await runProcess('tests/helpers/import-each.ts', { TZ: tz }, [base.join(','), ...files.map(fx)])
    expect(r.stderr).toBe('')
    expect(JSON.parse(r.stdout)).toEqual({ tz, ...Object.fromEntries(files.map((f) => [f, tasks])) })
  }, 30_000)
})

describe('real files: refused with a message that says how to fix it, and nothing changes', () => {
  const NUMBER = 'Excel 把它存成了数字，末位可能已丢失。请把该列设为「文本」后重新填写'
  const ENCODING = '可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx'
  it.each([
    ['openpyxl-long-code.xlsx', [`户 第 2 行 A 列「户编号」：${NUMBER}`]],
    ['libreoffice-long-code.xlsx', [`户 第 2 行 A 列「户编号」：${NUMBER}`]],
    ['openpyxl-scientific.xlsx', [`村 第 2 行 A 列「村代码」：${NUMBER}`]],
    ['户-scientific.csv', ['户 第 2 行 A 列「户编号」："5.11922E+15" 是科学计数法，原来的数字已丢失（Excel 打开 CSV 时会把长数字改成这样）。请把该列设为「文本」后重新填写']],
    ['openpyxl-formula.xlsx', ['村 第 2 行 F 列「总户数」：公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入']],
    ['openpyxl-unknown-header.xlsx', ['户 第 1 行 D 列「证件号码【身份证】」：不是模板中的列，是不是「证件号码」？请改成模板中的列名，或删除这一列']],
    ['openpyxl-totals.xlsx', ['村 第 5 行：合计/小计行不是数据，请删除这一行后再导入']],
    ['户-gbk.csv', [`户 第 2 行 C 列「户主姓名」：户主姓名中有无法识别的字（?），${ENCODING}`]],
  ])('%s', async (name, expected) => {
    const { db } = await seeded()
    const before = dump(db)
    const { problems } = await importFile(db, fx(name))
    expect(problems).toEqual(expected)
    expect(dump(db)).toEqual(before)
  })
})

describe('real files: read exactly on top of a stored registry', () => {
  it('a formula with its cached result (LibreOffice saved it) is that value', async () => {
    const { db } = await seeded()
    expect((await importFile(db, fx('libreoffice-formula.xlsx'))).problems).toEqual([])
    expect(db.prepare(`SELECT households FROM villages WHERE code = '511922204209'`).pluck().get()).toBe(200)
  })

  it('a government export: title rows, 序号, header variants, a hidden row and a hidden sheet — each said', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const { r, problems, notes } = await importFile(db, fx('openpyxl-title-rows.xlsx'))
    expect(problems).toEqual([])
    expect(notes).toEqual([
      'openpyxl-title-rows.xlsx：工作表 村 是隐藏的，已忽略（要导入请先取消隐藏）',
      'openpyxl-title-rows.xlsx「户」表：第 1–2 行在表头之上（标题或说明），已忽略',
      'openpyxl-title-rows.xlsx「户」表：A 列「序号」不是模板中的列，已忽略',
      'openpyxl-title-rows.xlsx「户」表：B 列「户 编号」按「户编号」读取',
      'openpyxl-title-rows.xlsx「户」表：C 列「村代码＊」按「村代码」读取',
      'openpyxl-title-rows.xlsx「户」表：D 列「户主姓名（必填）」按「户主姓名」读取',
      'openpyxl-title-rows.xlsx「户」表：第 5 行是隐藏行，已一并导入（请确认这些行确实要导入）',
    ])
    expect(r.ok && r.counts.households).toEqual({ added: 1, updated: 0, unchanged: 2 })
    const after = dump(db)
    expect(after.villages).toEqual(before.villages) // the hidden 村 sheet was not read
    expect(db.prepare(`SELECT head_name, size, status FROM households WHERE code = '5119222042070003'`).get())
      .toEqual({ head_name: '孙大成', size: 3, status: '非贫困户' })
  })

  it('absent columns and blank cells keep the stored values; `-` clears one on purpose', async () => {
    const { db } = await seeded()
    const { r, problems } = await importFile(db, fx('openpyxl-some-columns.xlsx'))
    expect(problems).toEqual([])
    expect(r.ok && r.changes.map((c) => [c.row.code, c.fields.map((f) => `${f.column.header} ${f.old} → ${f.new}`)])).toEqual([
      ['5119222042070001', ['家庭人口 4 → 5', '帮扶责任人 李小红 → null']],
    ])
    expect(db.prepare('SELECT code, id_number, size, helper, phone FROM households ORDER BY code').all()).toEqual([
      { code: '5119222042070001', id_number: '511922196803120213', size: 5, helper: null, phone: '13700001234' },
      { code: '5119222042070002', id_number: null, size: 2, helper: '李小红', phone: null },
    ])
  })

  it.each([
    ['户-gb18030.csv', 'GBK/GB18030（Excel 默认的 CSV）'],
    ['户-libreoffice-gbk.csv', 'GBK/GB18030（Excel 默认的 CSV）'],
    ['户-unicode.txt', 'UTF-16（Excel「Unicode 文本」）'],
    ['户-libreoffice-utf16.csv', 'UTF-16（Excel「Unicode 文本」）'],
    ['户-utf16be.csv', 'UTF-16 BE'],
  ])('%s: decoded, the rare character 䶮 intact', async (name, encoding) => {
    const { db } = await seeded()
    const { problems, notes } = await importFile(db, fx(name))
    expect(problems).toEqual([])
    expect(notes).toEqual([`${name} 是 ${encoding} 编码，已按此读取`])
    expect(db.prepare(`SELECT head_name FROM households WHERE code = '5119222042070003'`).pluck().get()).toBe('刘䶮')
  })
})

describe('real files: a replaced household head is imported only when confirmed', () => {
  it('dry run lists it first as 请核对; the import without --confirm-heads writes nothing; with it, writes', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const dry = await importFile(db, fx('openpyxl-head-change.xlsx'), { dryRun: true })
    expect(dry.r.ok && dry.r.changes.filter((c) => c.heads).map((c) => c.row.code)).toEqual(['5119222042070002'])
    const refused = await importFile(db, fx('openpyxl-head-change.xlsx'))
    expect(refused.r.ok && refused.r.written).toBe(false)
    expect(dump(db)).toEqual(before)
    const confirmed = await importFile(db, fx('openpyxl-head-change.xlsx'), { confirmHeads: true })
    expect(confirmed.r.ok && confirmed.r.written).toBe(true)
    expect(db.prepare(`SELECT head_name, id_number FROM households WHERE code = '5119222042070002'`).get())
      .toEqual({ head_name: '罗德明', id_number: '511922197001010017' })
  })
})
