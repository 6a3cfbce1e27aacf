import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { changeLines, writeChangeReport } from '../src/registry/change-report'
import { fieldText } from '../src/registry/changes'
import { importRegistry } from '../src/registry/import'
import { registryStore } from '../db/repos/registry'
import { formatProblem } from '../src/registry/types'
import { SHEET_BY_NAME } from '../src/registry/sheets'
import { freshDb, GOOD, importSheets, tableCounts } from './fixtures/registry'

const H = GOOD.户!
const household = (i: number) => `511922204207${7100 + i},511922204207,新户${i},,3,,非贫困户,,,`

async function seeded() {
  const { db, dir } = freshDb()
  expect((await importSheets(db, dir, GOOD)).problems).toEqual([])
  return { db, dir }
}

describe('the dry run is a diff', () => {
  it('lists every changed field old → new, a replaced household head first as 请核对', async () => {
    const { db, dir } = await seeded()
    const 乡镇 = GOOD.乡镇!.map((l) => l.replace('511922204,团结乡,乡,第一战区', '511922204,团结乡,乡,第二战区'))
    const 户 = [H[0]!, H[1]!.replace('王大明', '王小明').replace('13700001234', '13700009999'),
      H[2]!.replace(',2,低保贫困户', ',3,低保贫困户'), household(1)]
    const { result } = await importSheets(db, dir, { 乡镇, 户 }, { dryRun: true })
    expect(result.ok && changeLines(result.changes, undefined)).toEqual([
      '请核对：1 户的户主姓名或证件号码将被替换（户编号填错时也是这样）：',
      '  户 5119222042070001：户主姓名 王大明 → 王小明；联系电话 137****1234 → 137****9999（户.csv 第 2 行）',
      '改动明细：',
      '  乡镇 511922204 团结乡：所属战区 第一战区 → 第二战区',
      '  户 5119222042070002：家庭人口 2 → 3',
      '  户 5119222042077101：新增',
      '  成员 138****1234 李小红：所属战区 第一战区 → 第二战区', // their township moved: their zone follows
      '  成员 138****5678 赵志强：所属战区 第一战区 → 第二战区',
    ])
    expect(db.prepare(`SELECT head_name FROM households WHERE code = '5119222042070001'`).pluck().get()).toBe('王大明')
  })

  it('shows 50 lines per sheet, then how many more and where to see them all (--report)', async () => {
    const { db, dir } = await seeded()
    const { result } = await importSheets(db, dir, { 户: [...H, ...Array.from({ length: 60 }, (_, i) => household(i))] }, { dryRun: true })
    if (!result.ok) throw new Error('refused')
    const lines = changeLines(result.changes, undefined)
    expect(lines).toHaveLength(1 + 50 + 1)
    expect(lines.at(-1)).toBe('  …「户」表还有 10 处改动，全部列出请加 --report <file>（CSV）')
    const report = join(dir, '改动.csv')
    expect(changeLines(result.changes, report).at(-1)).toBe(`  …「户」表还有 10 处改动，全部见 ${report}`)
    expect(writeChangeReport(report, result.changes)).toBe(60)
    const csv = readFileSync(report, 'utf8').split('\r\n')
    expect(csv[0]).toBe('\ufeff表,行,改动,列,原值,新值,文件,行号')
    expect(csv[1]).toBe('户,5119222042077100,新增,,,,户.csv,4')
    expect(csv).toHaveLength(62) // header, 60 rows, the final empty line
  })

  it('masked ID numbers that look alike are said to differ', () => {
    const column = SHEET_BY_NAME.get('户')!.columns.find((c) => c.key === 'idNumber')!
    expect(fieldText({ column, old: '511922196803120213', new: '511922196903120213' }))
      .toBe('证件号码 511922********0213 → 511922********0213（中间几位不同）')
  })
})

describe('nothing the file does not say is written', () => {
  it('a blank required cell is refused; `-` in a required column is refused', async () => {
    const { db, dir } = await seeded()
    const { problems } = await importSheets(db, dir, { 户: [H[0]!, H[1]!.replace(',4,', ',-,')] })
    expect(problems).toEqual(['户 第 2 行 E 列「家庭人口」：必填，不能清空'])
  })

  it('a task moved from a village to a township: giving one of the two codes empties the other', async () => {
    const { db, dir } = await seeded()
    const 任务 = [GOOD.任务![0]!, GOOD.任务![1]!.replace('危房改造,511922204207,,', '危房改造,,511922204,')]
    expect((await importSheets(db, dir, { 任务 })).problems).toEqual([])
    expect(db.prepare(`SELECT village_code, township_code FROM tasks WHERE code = 'RW2018-0001'`).get())
      .toEqual({ village_code: null, township_code: '511922204' })
  })

  it('a member\'s place is one: absent columns keep it; a new township replaces it and its zone', async () => {
    const { db, dir } = await seeded()
    const 成员 = ['姓名*,手机*,角色*', '李小红,13890001234,第一书记']
    expect((await importSheets(db, dir, { 成员 })).problems).toEqual([])
    expect(db.prepare(`SELECT village_code, township_code FROM members WHERE phone = '13890001234'`).get())
      .toEqual({ village_code: '511922204207', township_code: '511922204' })
    const moved = ['姓名*,手机*,角色*,所属战区,所属乡镇代码,所属村代码', '赵志强,13890005678,乡镇干部,,511922207,']
    expect((await importSheets(db, dir, { 成员: moved })).problems).toEqual([])
    expect(db.prepare(`SELECT z.name AS zone, m.township_code AS township FROM members m JOIN zones z ON z.id = m.zone_id
                       WHERE phone = '13890005678'`).get()).toEqual({ zone: '第二战区', township: '511922207' })
  })

  it('an ID number held by another stored household is refused, unless the file moves it', async () => {
    const { db, dir } = await seeded()
    const moved = '5119222042070003,511922204207,王大明,511922196803120213,4,,非贫困户,,,'
    const { problems } = await importSheets(db, dir, { 户: [H[0]!, moved] })
    expect(problems).toEqual(['户 第 2 行 D 列「证件号码」：与已有的户 5119222042070001 的证件号码相同（511922********0213）：同一人不能是两户的户主，请核对户编号'])
    const cleared = H[1]!.replace('511922196803120213', '-') // clearing a head's ID number is confirmed like replacing it
    const { result } = await importSheets(db, dir, { 户: [H[0]!, cleared, moved] }, { confirmHeads: true })
    expect(result.ok && result.written).toBe(true)
    expect(db.prepare(`SELECT code FROM households WHERE id_number = '511922196803120213'`).pluck().all()).toEqual(['5119222042070003'])
  })

  it('a refused 户编号 does not also claim that its own ID number belongs to another household', async () => {
    const { db, dir } = await seeded()
    const typo = H[1]!.replace('5119222042070001', '5119 2220 4207 0001')
    expect((await importSheets(db, dir, { 户: [H[0]!, typo] })).problems)
      .toEqual(['户 第 2 行 A 列「户编号」："5119 2220 4207 0001" 只能包含数字、字母和 - _ .，不超过 40 个字符'])
  })

  it('a row repeated in a second file is reported once, and says which file the first is in', async () => {
    const { db, dir } = await seeded()
    const file = (name: string, lines: string[]) => {
      writeFileSync(join(dir, name), `${lines.join('\r\n')}\r\n`)
      return join(dir, name)
    }
    const newcomer = H[1]!.replace('5119222042070001', '5119222042070003')
    const files = [file('户-1.csv', [H[0]!, H[1]!]), file('户-2.csv', [H[0]!, H[1]!, newcomer])]
    const r = await importRegistry({ ...registryStore(db), now: () => new Date('2018-06-15T04:00:00Z') }, files)
    expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([
      '户 第 2 行 A 列「户编号」：户编号 5119222042070001 重复（与 户-1.csv 第 2 行相同）',
      '户 第 3 行 D 列「证件号码」：与 户-1.csv 第 2 行重复（511922********0213）',
    ])
  })

  it('a township moved to another zone, or a village to another township, takes the members the file does not list along', async () => {
    const { db, dir } = await seeded()
    const place = () => db.prepare(`SELECT m.phone, m.township_code AS township, z.name AS zone FROM members m
                                    LEFT JOIN zones z ON z.id = m.zone_id ORDER BY m.phone`).all()
    const before = place()
    const moved = { 乡镇: [GOOD.乡镇![0]!, '511922204,团结乡,乡,第二战区'] }
    const dry = await importSheets(db, dir, moved, { dryRun: true })
    expect(dry.result.ok && changeLines(dry.result.changes, undefined)).toEqual([
      '改动明细：',
      '  乡镇 511922204 团结乡：所属战区 第一战区 → 第二战区',
      '  成员 138****1234 李小红：所属战区 第一战区 → 第二战区',
      '  成员 138****5678 赵志强：所属战区 第一战区 → 第二战区',
    ])
    expect(dry.result.ok && dry.result.counts.members).toEqual({ added: 0, updated: 2, unchanged: 0 })
    expect(place()).toEqual(before)
    expect((await importSheets(db, dir, moved)).problems).toEqual([])
    const village = { 村: [GOOD.村![0]!, '511922204207,红岩洞村,511922207,预脱贫村,2018,326,1150,86'] }
    expect((await importSheets(db, dir, village)).problems).toEqual([])
    expect(place()).toEqual([
      { phone: '13600000001', township: null, zone: null },
      { phone: '13890001234', township: '511922207', zone: '第二战区' }, // 红岩洞村 is now in 红四乡
      { phone: '13890005678', township: '511922204', zone: '第二战区' },
      { phone: '13900001111', township: null, zone: '第一战区' }, // a commander's zone is their own, not derived
    ])
    // Listed without place columns, a member's place is still the stored one, and still follows a move.
    const roles = { 乡镇: [GOOD.乡镇![0]!, '511922207,红四乡,乡,第一战区'], 成员: ['姓名*,手机*,角色*', '李小红,13890001234,队长'] }
    expect((await importSheets(db, dir, roles)).problems).toEqual([])
    expect(db.prepare(`SELECT m.role, m.township_code AS township, z.name AS zone FROM members m JOIN zones z ON z.id = m.zone_id
                       WHERE phone = '13890001234'`).get()).toEqual({ role: '队长', township: '511922207', zone: '第一战区' })
  })

  it('a column with data but no header is refused (its data would be lost)', async () => {
    const { db, dir } = await seeded()
    const 战区 = ['战区名称*,指挥长姓名,指挥长手机,', '第三战区,李四,13900003333,备用号码13900004444']
    const { problems } = await importSheets(db, dir, { 战区 })
    expect(problems).toEqual(['战区 第 2 行 D 列：这一列有内容但没有列名：请在第 1 行填上模板中的列名，或删除这一列'])
    expect(tableCounts(db).zones).toBe(2)
  })
})
