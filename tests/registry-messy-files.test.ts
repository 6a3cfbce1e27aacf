import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../src/admin/cli'
import { dump, fx, importFile, seeded } from './fixtures/real-files'

// Files as officials really hand them over, beyond the clean cases in registry-real-files.test.ts: merged
// cells, hidden columns, 1904 workbooks, renamed files, damaged encodings, codes with stray marks.

describe('messy files: read exactly', () => {
  it('a date typed as a plain number in a 1904 workbook counts from 1904, not 1900', async () => {
    const { db } = await seeded()
    const { problems } = await importFile(db, fx('openpyxl-1904-serials.xlsx'))
    expect(problems).toEqual([])
    expect(db.prepare(`SELECT start_date, due_date FROM tasks WHERE code = 'RW2018-0001'`).get())
      .toEqual({ start_date: '2018-03-01', due_date: '2018-07-31' })
  })
})

describe('messy files: numbers', () => {
  it('a Java export\'s exact numbers in scientific notation (5.11922204207E11) are read as the numbers they are', async () => {
    const { db } = await seeded()
    const { problems } = await importFile(db, fx('java-numbers.xlsx'))
    expect(problems).toEqual([])
    expect(db.prepare(`SELECT village_code, size, exit_year, phone FROM households WHERE code = '5119222042070001'`).get())
      .toEqual({ village_code: '511922204207', size: 5, exit_year: 2018, phone: '13700001234' })
  })
})

describe('messy files: merged cells', () => {
  it.each(['openpyxl-merged.xlsx', 'libreoffice-merged.xlsx'])('%s: a cell merged down a column is read on every row of it, and said', async (name) => {
    const { db } = await seeded()
    const { problems, notes } = await importFile(db, fx(name))
    expect(problems).toEqual([])
    expect(notes).toEqual([`${name}「户」表：B 列「村代码」第 2–4 行，I 列「帮扶责任人」第 2–4 行是合并单元格，已按每一行都填了合并单元格中的内容读取`])
    expect(db.prepare('SELECT code, village_code, head_name, helper, phone FROM households ORDER BY code').all()).toEqual([
      { code: '5119222042070001', village_code: '511922204207', head_name: '王大明', helper: '赵志强', phone: '13700001234' },
      { code: '5119222042070002', village_code: '511922204207', head_name: '刘秀英', helper: '赵志强', phone: null },
      { code: '5119222042070003', village_code: '511922204207', head_name: '孙大成', helper: '赵志强', phone: null },
    ])
  })

  it('a note merged across the row under the data is refused once, and nothing changes', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const { problems } = await importFile(db, fx('openpyxl-merged-note.xlsx'))
    expect(problems).toEqual(['户 第 3 行 A 列：A–J 列合并成了一个单元格：如果是说明或备注，请删除这一行；如果是数据，请取消合并，在每个单元格分别填写'])
    expect(dump(db)).toEqual(before)
  })
})

describe('messy files: what the official cannot see is said', () => {
  it.each(['openpyxl-hidden-column.xlsx', 'libreoffice-hidden-column.xlsx'])('%s: a hidden column is imported, and said', async (name) => {
    const { db } = await seeded()
    const { problems, notes } = await importFile(db, fx(name))
    expect(problems).toEqual([])
    expect(notes).toEqual([`${name}「户」表：I 列「帮扶责任人」是隐藏列，已一并导入（请确认这些列确实要导入）`])
    expect(db.prepare(`SELECT helper FROM households WHERE code = '5119222042070001'`).pluck().get()).toBe('赵志强')
  })
})

describe('messy files: a file that is not what its name says is refused with what to do', () => {
  const ODS = '不支持 .ods 格式（LibreOffice/WPS 的开放文档格式）：请另存为 Excel 工作簿（.xlsx）后再导入'
  const OLE = '这个文件其实是旧版 .xls（或 WPS .et）格式，不支持：请在 Excel/WPS 中另存为 .xlsx 后再导入'
  it.each([
    ['libreoffice-some-columns.xls', '户.xls', '不支持旧版 .xls 格式：请在 Excel/WPS 中另存为 .xlsx 后再导入'],
    ['libreoffice-some-columns.xls', '户.xlsx', OLE],
    ['libreoffice-some-columns.xls', '户.csv', OLE],
    ['libreoffice-some-columns.ods', '户.ods', ODS],
    ['libreoffice-some-columns.ods', '户.xlsx', ODS],
    ['openpyxl-some-columns.xlsx', '户.csv', '这个文件其实是 Excel 工作簿（.xlsx），扩展名却是 .csv：请把扩展名改回 .xlsx 后再导入'],
  ])('%s named %s', async (fixture, name, reason) => {
    const { db, dir } = await seeded()
    const before = dump(db)
    copyFileSync(fx(fixture), join(dir, name))
    expect((await importFile(db, join(dir, name))).problems).toEqual([`${name}：${reason}`])
    expect(dump(db)).toEqual(before)
  })

  it('an .xlsm (a workbook with macros) is read as the workbook it is', async () => {
    const { db, dir } = await seeded()
    copyFileSync(fx('openpyxl-some-columns.xlsx'), join(dir, '花名册.xlsm'))
    expect((await importFile(db, join(dir, '花名册.xlsm'), { dryRun: true })).problems).toEqual([])
  })
})

describe('messy files: damaged text', () => {
  it('a UTF-8 CSV with a row pasted from a GBK file: that row is refused, not the whole file as gibberish', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const { problems, notes } = await importFile(db, fx('户-utf8-mixed.csv'))
    const lost = '有无法识别的字（�），可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx'
    expect(notes).toEqual(['户-utf8-mixed.csv 是 UTF-8 编码，但其中有些字节不是 UTF-8（可能混入了 GBK 编码的内容），这些单元格无法识别'])
    expect(problems).toEqual([`户 第 3 行 C 列「户主姓名」：${lost}`, `户 第 3 行 G 列「脱贫状态」：${lost}`])
    expect(dump(db)).toEqual(before)
  })
})

describe('messy files: codes carrying the marks tools add to keep them text', () => {
  it('a literal leading apostrophe and a pasted zero-width space are not part of a code', async () => {
    const { db } = await seeded()
    const { problems } = await importFile(db, fx('openpyxl-code-marks.xlsx'))
    expect(problems).toEqual([])
    expect(db.prepare('SELECT code, village_code, id_number, size, phone FROM households ORDER BY code').all()).toEqual([
      { code: '5119222042070001', village_code: '511922204207', id_number: '511922196803120213', size: 5, phone: '13700001234' },
      { code: '5119222042070002', village_code: '511922204207', id_number: null, size: 3, phone: null },
    ])
  })

  it('a CSV export\'s ="…" around a code is read as the code', async () => {
    const { db } = await seeded()
    expect((await importFile(db, fx('户-text-formula.csv'))).problems).toEqual([])
    expect(db.prepare(`SELECT village_code, head_name FROM households WHERE code = '5119222042070003'`).get())
      .toEqual({ village_code: '511922204207', head_name: '刘䶮' })
  })
})

describe('messy files: headers', () => {
  it.each(['openpyxl-two-row-header.xlsx', 'libreoffice-two-row-header.xlsx'])('%s: a two-row header is read as one, and said', async (name) => {
    const { db } = await seeded()
    const { problems, notes } = await importFile(db, fx(name))
    expect(problems).toEqual([])
    expect(notes).toEqual([`${name}「户」表：第 1–2 行是两行表头，已合成一行读取（每列取下一行的列名，下一行空着的取上一行的）`])
    expect(db.prepare(`SELECT head_name, id_number, size FROM households WHERE code = '5119222042070001'`).get())
      .toEqual({ head_name: '王大明', id_number: '511922196803120213', size: 5 })
  })

  it('a header repeated on every page of an export is skipped, and said', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const { r, problems, notes } = await importFile(db, fx('openpyxl-repeated-header.xlsx'))
    expect(problems).toEqual([])
    expect(notes).toEqual(['openpyxl-repeated-header.xlsx「户」表：第 3 行是重复的表头（分页导出时常见），已跳过'])
    expect(r.ok && r.counts.households).toEqual({ added: 0, updated: 0, unchanged: 2 })
    expect(dump(db)).toEqual(before)
  })

  it('a sheet with only its header is said, so an official who forgot to fill it in sees it', async () => {
    const { db } = await seeded()
    const { r, problems, notes } = await importFile(db, fx('openpyxl-headers-only.xlsx'), { dryRun: true })
    expect(problems).toEqual([])
    expect(notes).toEqual(['战区', '乡镇', '村', '成员', '任务'].map((s) => `openpyxl-headers-only.xlsx「${s}」表：只有表头，没有数据行`))
    expect(r.ok && r.changes).toEqual([])
  })

  it('a header below the 10 rows searched is refused once, saying so — not as a dozen missing columns', async () => {
    const { db } = await seeded()
    const before = dump(db)
    const { problems } = await importFile(db, fx('openpyxl-deep-header.xlsx'))
    expect(problems).toEqual(['户 第 1 行：前 10 行里没有找到表头（写着 户编号、村代码、户主姓名… 等列名的一行）。' +
      '表头上方的标题和说明最多 9 行，请删去多余的行；或检查列名是否与模板一致'])
    expect(dump(db)).toEqual(before)
  })

  it('a header with a line break inside the cell is read, and shown on one line', async () => {
    const { db } = await seeded()
    const { problems, notes } = await importFile(db, fx('openpyxl-header-newline.xlsx'), { dryRun: true })
    expect(problems).toEqual([])
    expect(notes).toEqual([
      'openpyxl-header-newline.xlsx「户」表：C 列「户主 姓名*」按「户主姓名」读取',
      'openpyxl-header-newline.xlsx「户」表：D 列「证件号码 （身份证）」按「证件号码」读取',
    ])
  })
})

describe('messy command lines', () => {
  it('the same file given twice, or two files with one name, are refused: 第 2 行 would point at either', async () => {
    const { db, dir } = await seeded()
    const file = fx('openpyxl-some-columns.xlsx')
    expect((await importFile(db, [file, file])).problems).toEqual(['openpyxl-some-columns.xlsx：这个文件给了两次，只需给一次'])
    for (const sub of ['乡', '村']) mkdirSync(join(dir, sub))
    const [a, b] = ['乡', '村'].map((sub) => join(dir, sub, '户.xlsx'))
    copyFileSync(file, a!)
    copyFileSync(file, b!)
    expect((await importFile(db, [a!, b!])).problems).toEqual([`户.xlsx：与 ${a} 同名：请把其中一个改名后再导入，否则问题的位置无法区分`])
  })

  it('--report naming a folder is refused before importing, not after (exit 1 would read as nothing imported)', async () => {
    const { db, dir, path } = await seeded()
    const before = dump(db)
    const folder = join(dir, '改动.csv')
    mkdirSync(folder)
    const err: string[] = []
    const code = await runCli(['import', fx('openpyxl-some-columns.xlsx'), '--report', folder], { env: { DATABASE_PATH: path }, out: () => {}, err: (l) => err.push(l) })
    expect(code).toBe(2)
    expect(err[0]).toBe(`--report 应是一个文件，而 ${folder} 是文件夹`)
    expect(dump(db)).toEqual(before)
  })
})
