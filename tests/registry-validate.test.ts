import { describe, expect, it } from 'vitest'
import { registryStore } from '../db/repos/registry'
import { freshDb, GOOD, importSheets, tableCounts, withRows } from './fixtures/registry'

// Every rule, one bad row each, and the exact line an operator sees. Bad rows are appended to the good
// set, so a sheet with k good rows reports its bad row as row k + 2 (the header is row 1).
const CASES: [string, Record<string, string[]>, string][] = [
  ['required value', { 村: [',无名村,511922204,非贫困村,,100,300,0'] }, '村 第 5 行 A 列「村代码」：必填，不能为空'],
  ['enumeration', { 村: ['511922204209,谷仓村,511922204,贫困,,100,300,0'] },
    '村 第 5 行 D 列「类别」："贫困" 不是有效类别（应为 已脱贫村/预脱贫村/贫困村/非贫困村）'],
  ['township kind', { 乡镇: ['511922212,朱公乡,县,第一战区'] }, '乡镇 第 4 行 C 列「类型」："县" 不是有效类型（应为 镇/乡）'],
  ['integer', { 村: ['511922204209,谷仓村,511922204,非贫困村,,12.5,300,0'] }, '村 第 5 行 F 列「总户数」："12.5" 不是整数'],
  ['not negative', { 村: ['511922204209,谷仓村,511922204,非贫困村,,100,-3,0'] }, '村 第 5 行 G 列「农业人口」："-3" 不能为负数'],
  ['household size > 0', { 户: ['5119222042070003,511922204207,孙大成,,0,,非贫困户,,,'] }, '户 第 4 行 E 列「家庭人口」："0" 应大于 0'],
  ['poor ≤ agricultural', { 村: ['511922204209,谷仓村,511922204,贫困村,2019,100,300,400'] },
    '村 第 5 行 H 列「贫困人口」：贫困人口（400）不能大于农业人口（300）'],
  ['year range', { 村: ['511922204209,谷仓村,511922204,贫困村,2035,100,300,40'] },
    '村 第 5 行 E 列「计划脱贫年度」："2035" 不是有效年度（应为 2014–2030 之间的四位年份）'],
  ['calendar date', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,3,公里,2018-01-01,2018-02-30'] },
    '任务 第 4 行 L 列「截止日期」："2018-02-30" 不是有效日期（应为 YYYY-MM-DD，例如 2018-06-30）'],
  ['date format', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,3,公里,30/06/2018,2018-08-30'] },
    '任务 第 4 行 K 列「开始日期」："30/06/2018" 不是有效日期（应为 YYYY-MM-DD，例如 2018-06-30）'],
  ['deadline ≥ start', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,3,公里,2018-06-30,2018-03-01'] },
    '任务 第 4 行 L 列「截止日期」：截止日期 2018-03-01 早于开始日期 2018-06-30'],
  ['task needs a place', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,,,,,3,公里,,2018-08-30'] },
    '任务 第 4 行 E 列「村代码」：村代码 和 乡镇代码 必须填一个（村的任务填村代码，乡镇的任务填乡镇代码）'],
  ['task has one place only', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,511922204,,,3,公里,,2018-08-30'] },
    '任务 第 4 行 F 列「乡镇代码」：村代码 和 乡镇代码 只能填一个'],
  ['task list', { 任务: ['RW2018-0003,县级清单,基础设施,通村硬化路,511922204207,,,,3,公里,,2018-08-30'] },
    '任务 第 4 行 B 列「清单」："县级清单" 不是有效清单（应为 乡镇主体/行业投入/部门帮扶/村社责任）'],
  ['task target > 0', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,0,公里,,2018-08-30'] },
    '任务 第 4 行 I 列「目标数量」："0" 应大于 0'],
  ['duplicate code in the import', { 村: ['511922204207,红岩洞村,511922204,预脱贫村,2018,326,1150,86'] },
    '村 第 5 行 A 列「村代码」：村代码 511922204207 重复（与第 2 行相同）'],
  ['duplicate zone name', { 战区: ['第一战区,李四,13900003333'] }, '战区 第 4 行 A 列「战区名称」：战区名称 第一战区 重复（与第 2 行相同）'],
  ['duplicate phone, masked', { 成员: ['张三,13890001234,队员,,,511922204207,'] },
    '成员 第 6 行 B 列「手机」：手机 138****1234 重复（与第 2 行相同）'],
  ['village → township', { 村: ['511922999201,某村,511922999,非贫困村,,100,300,0'] },
    '村 第 5 行 C 列「所属乡镇代码」：乡镇 511922999 不存在（本次导入和已有数据里都没有）'],
  ['township → zone', { 乡镇: ['511922212,朱公乡,乡,第六战区'] }, '乡镇 第 4 行 D 列「所属战区」：战区 第六战区 不存在（本次导入和已有数据里都没有）'],
  ['household → village', { 户: ['5119222042990001,511922204299,孙大成,,3,,非贫困户,,,'] },
    '户 第 4 行 B 列「村代码」：村 511922204299 不存在（本次导入和已有数据里都没有）'],
  ['task → village', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204299,,,,3,公里,,2018-08-30'] },
    '任务 第 4 行 E 列「村代码」：村 511922204299 不存在（本次导入和已有数据里都没有）'],
  ['task → township', { 任务: ['RW2018-0003,乡镇主体,基础设施,乡村道路建设,,511922999,,,3,公里,,2018-08-30'] },
    '任务 第 4 行 F 列「乡镇代码」：乡镇 511922999 不存在（本次导入和已有数据里都没有）'],
  ['ID check digit, masked', { 户: ['5119222042070003,511922204207,孙大成,511922196803120214,3,,非贫困户,,,'] },
    '户 第 4 行 D 列「证件号码」：校验位错误（511922********0214）'],
  ['15-digit legacy ID', { 户: ['5119222042070003,511922204207,孙大成,511922680312021,3,,非贫困户,,,'] },
    '户 第 4 行 D 列「证件号码」：是 15 位旧号码，请改为 18 位居民身份证号码（511922*****2021）'],
  ['ID birth date', { 户: ['5119222042070003,511922204207,孙大成,511922196802300213,3,,非贫困户,,,'] },
    '户 第 4 行 D 列「证件号码」：出生日期无效（511922********0213）'],
  ['duplicate ID in the import', { 户: ['5119222042070003,511922204207,孙大成,511922196803120213,3,,非贫困户,,,'] },
    '户 第 4 行 D 列「证件号码」：与第 2 行重复（511922********0213）'],
  ['mobile number', { 成员: ['张三,1389000123,队员,,,511922204207,'] },
    '成员 第 6 行 B 列「手机」：手机号码无效（138***0123；应为 11 位数字，以 13–19 开头）'],
  ['mobile prefix', { 户: ['5119222042070003,511922204207,孙大成,,3,,非贫困户,,,12345678901'] },
    '户 第 4 行 J 列「联系电话」：手机号码无效（123****8901；应为 11 位数字，以 13–19 开头）'],
  ['指挥长 needs a zone', { 成员: ['王立新,13900002222,指挥长,,,,'] }, '成员 第 6 行 D 列「所属战区」：角色为指挥长时必填'],
  ['乡镇干部 needs a township', { 成员: ['张三,13890009999,乡镇干部,第一战区,,,'] }, '成员 第 6 行 E 列「所属乡镇代码」：角色为乡镇干部时必填'],
  ['队员 needs a village', { 成员: ['张三,13890009999,队员,,511922204,,'] }, '成员 第 6 行 F 列「所属村代码」：角色为队员时必填'],
  ['role', { 成员: ['张三,13890009999,村长,,,511922204207,'] },
    '成员 第 6 行 C 列「角色」："村长" 不是有效角色（应为 管理员/县领导/指挥长/督查/乡镇干部/第一书记/队长/队员）'],
  ['member village vs township', { 成员: ['张三,13890009999,队员,,511922207,511922204207,'] },
    '成员 第 6 行 E 列「所属乡镇代码」：所属乡镇代码 511922207 与村 511922204207 所在乡镇 511922204 不一致'],
  ['member township vs zone', { 成员: ['张三,13890009999,乡镇干部,第二战区,511922204,,'] },
    '成员 第 6 行 D 列「所属战区」：所属战区 第二战区 与乡镇 511922204 所属战区 第一战区 不一致'],
  ['member → village', { 成员: ['张三,13890009999,队员,,,511922204299,'] },
    '成员 第 6 行 F 列「所属村代码」：村 511922204299 不存在（本次导入和已有数据里都没有）'],
  ['open_id twice', { 成员: ['张三,13890009999,督查,,,,ou_admin_1'] }, '成员 第 6 行 G 列「飞书open_id」：飞书open_id 与第 5 行重复'],
  ['a replacement character (U+FFFD) left by a wrong decoding', { 户: ['5119222042070003,511922204207,孙\uFFFD成,,3,,非贫困户,,,'] },
    '户 第 4 行 C 列「户主姓名」：有无法识别的字（�），可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx'],
  ['a question mark in a place name', { 村: ['511922204209,谷？村,511922204,非贫困村,,100,300,0'] },
    '村 第 5 行 B 列「村名称」：村名称中有无法识别的字（?），可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx'],
  ['a 16-digit code as CSV text in scientific notation', { 户: ['5.11922E+15,511922204207,孙大成,,3,,非贫困户,,,'] },
    '户 第 4 行 A 列「户编号」："5.11922E+15" 是科学计数法，原来的数字已丢失（Excel 打开 CSV 时会把长数字改成这样）。请把该列设为「文本」后重新填写'],
  ['a date outside the campaign years', { 任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,3,公里,,1905-07-10'] },
    '任务 第 4 行 L 列「截止日期」：1905-07-10 不在 2014–2030 年之间，请核对（单元格里的数字可能被当成了日期）'],
  ['code characters', { 村: ['5119 22,谷仓村,511922204,非贫困村,,100,300,0'] },
    '村 第 5 行 A 列「村代码」："5119 22" 只能包含数字、字母和 - _ .，不超过 40 个字符'],
  // A digest mentions a task's owner by this id: `all` would page the whole zone chat.
  ['an open_id that is not one', { 成员: ['张三,13890009999,督查,,,,all'] },
    '成员 第 6 行 G 列「飞书open_id」："all" 应为飞书的 open_id：ou_ 后接字母、数字或下划线（可不填，成员 /认证 后自动关联）'],
]

describe('import validation: one rule per bad row, exact messages', () => {
  it.each(CASES)('%s', async (_name, extra, expected) => {
    const { db, dir } = freshDb()
    const { problems } = await importSheets(db, dir, withRows(extra))
    expect(problems).toEqual([expected])
    expect(Object.values(tableCounts(db)).every((n) => n === 0)).toBe(true) // nothing written
    db.close()
  })
})

describe('import validation: the whole file', () => {
  it('lists every problem, in sheet/row/column order, in the exact frame', async () => {
    const { db, dir } = freshDb()
    const { problems } = await importSheets(db, dir, withRows({
      任务: ['RW2018-0003,村社责任,基础设施,通村硬化路,511922204207,,,,3,公里,2018-06-30,2018-03-01'],
      村: ['511922204209,谷仓村,511922204,贫困,,abc,300,0', ',x村,511922204,非贫困村,,1,1,0'],
    }))
    expect(problems).toEqual([
      '村 第 5 行 D 列「类别」："贫困" 不是有效类别（应为 已脱贫村/预脱贫村/贫困村/非贫困村）',
      '村 第 5 行 F 列「总户数」："abc" 不是整数',
      '村 第 6 行 A 列「村代码」：必填，不能为空',
      '任务 第 4 行 L 列「截止日期」：截止日期 2018-03-01 早于开始日期 2018-06-30',
    ])
    for (const p of problems) expect(p).toMatch(/^(战区|乡镇|村|户|成员|任务) 第 \d+ 行 [A-Z]+ 列「[^」]+」：\S/)
  })

  it('reports a missing required column at the header row', async () => {
    const { db, dir } = freshDb()
    const 村 = GOOD.村!.map((l) => l.split(',').filter((_, i) => i !== 3).join(','))
    const { problems } = await importSheets(db, dir, { ...GOOD, 村 })
    expect(problems).toEqual(['村 第 1 行「类别」：缺少必填列'])
  })

  it('never prints a whole ID number or phone number', async () => {
    const { db, dir } = freshDb()
    const { problems } = await importSheets(db, dir, withRows({
      户: ['5119222042070003,511922204207,孙大成,511922196803120214,3,,非贫困户,,,1234567890'],
      成员: ['张三,13890001234,队员,,,511922204207,'],
    }))
    const text = problems.join('\n')
    expect(problems.length).toBe(3)
    for (const secret of ['511922196803120214', '1234567890', '13890001234', '孙大成']) expect(text).not.toContain(secret)
  })

  it('resolves references against what is already stored', async () => {
    const { db, dir } = freshDb()
    expect((await importSheets(db, dir, { 战区: GOOD.战区!, 乡镇: GOOD.乡镇! })).problems).toEqual([])
    expect((await importSheets(db, dir, { 村: GOOD.村! })).problems).toEqual([])
    const second = await importSheets(db, dir, { 户: GOOD.户!, 成员: GOOD.成员!, 任务: GOOD.任务! })
    expect(second.problems).toEqual([])
    expect(tableCounts(db)).toEqual({ zones: 2, townships: 2, villages: 3, households: 2, members: 4, tasks: 2 })
  })

  it('fills in a member\'s township and zone from the village', async () => {
    const { db, dir } = freshDb()
    await importSheets(db, dir, GOOD)
    const m = db.prepare(`SELECT m.township_code AS t, z.name AS z FROM members m JOIN zones z ON z.id = m.zone_id
                          WHERE phone = '13890001234'`).get()
    expect(m).toEqual({ t: '511922204', z: '第一战区' })
  })

  it('refuses files it cannot place, with the reason', async () => {
    const { db, dir } = freshDb()
    const { writeFileSync } = await import('node:fs')
    writeFileSync(`${dir}/人员.csv`, '姓名*\n张三\n')
    writeFileSync(`${dir}/户籍.csv`, '姓名*\n张三\n')
    writeFileSync(`${dir}/村.xls`, 'x')
    const { importRegistry } = await import('../src/registry/import')
    const { formatProblem } = await import('../src/registry/types')
    const r = await importRegistry({ ...registryStore(db), now: () => new Date() }, [`${dir}/人员.csv`, `${dir}/户籍.csv`, `${dir}/村.xls`, `${dir}/无.csv`])
    expect(r.ok).toBe(false)
    const lines = r.ok ? [] : r.problems.map(formatProblem)
    expect(lines[0]).toMatch(/^人员\.csv：无法从文件名判断是哪张表/)
    expect(lines[1]).toMatch(/^户籍\.csv：无法从文件名判断是哪张表/)
    expect(lines[2]).toBe('村.xls：不支持旧版 .xls 格式：请在 Excel/WPS 中另存为 .xlsx 后再导入')
    expect(lines[3]).toBe('无.csv：文件不存在')
  })
})
