import { describe, expect, it } from 'vitest'
import { addProject, backdateLastChange, fixtureDeps, importStatus, type FixtureDeps } from './helpers/sixiao-deps'
import { householdSixiao, sixiaoRollup, sixiaoWithdrawNote } from '../src/views/sixiao'
import { amountText } from '../src/views/sixiao-record'
import { allocateSixiao, effectiveStatus, parseSixiaoKind } from '../src/domain/sixiao-ledger'
import { localDate } from '../src/domain/dates'

const history = (deps: FixtureDeps, code: string) =>
  deps.db.prepare(`SELECT effective_on AS "on", status FROM household_status_history WHERE household_code = ? ORDER BY effective_on`).all(code)
const amounts = (deps: FixtureDeps, code: string, year = 2018) => householdSixiao(deps, code, year).map((l) => [l.id, l.amount])

describe('household_status_history (migration 0006 triggers)', () => {
  it('takes an imported status as held since before the campaign, and dates a change on the county\'s calendar day', () => {
    const deps = fixtureDeps()
    expect(history(deps, 'H002')).toEqual([{ on: '0000-01-01', status: '未脱贫' }])
    const before = localDate(new Date(), 'Asia/Shanghai')
    deps.db.prepare(`UPDATE households SET status = '当年脱贫' WHERE code = 'H002'`).run()
    const after = localDate(new Date(), 'Asia/Shanghai')
    const rows = history(deps, 'H002') as { on: string; status: string }[]
    expect(rows).toHaveLength(2)
    expect([before, after]).toContain(rows[1]!.on)
    expect(rows[1]!.status).toBe('当年脱贫')
    // a second change the same day replaces the first; a re-import with the same status or other columns writes nothing
    importStatus(deps, 'H002', '已脱贫')
    importStatus(deps, 'H002', '已脱贫')
    deps.db.prepare(`UPDATE households SET size = 4 WHERE code = 'H002'`).run()
    expect((history(deps, 'H002') as { status: string }[]).map((r) => r.status)).toEqual(['未脱贫', '已脱贫'])
    deps.db.prepare(`INSERT INTO households (code, village_code, head_name, size, status) VALUES ('H100', 'V001', '新户', 2, '返贫')`).run()
    expect(history(deps, 'H100')).toEqual([{ on: '0000-01-01', status: '返贫' }])
  })
})

describe('the rate follows the status on the project date', () => {
  it('uses 未脱贫 before an import made the household 当年脱贫, and 当年脱贫 from that day on', () => {
    const deps = fixtureDeps({ sixiaoOnePerYear: false })
    importStatus(deps, 'H002', '当年脱贫')
    backdateLastChange(deps, 'H002', '2018-05-01')
    // recorded after the import, dated before it (a backdated entry): the status of its date counts
    const march = addProject(deps, 'H002', '2018-03-10').line
    const mayFirst = addProject(deps, 'H002', '2018-05-01').line
    const june = addProject(deps, 'H002', '2018-06-10').line
    expect([march.status, march.amount, march.rule]).toEqual(['未脱贫', 1800, '未脱贫户 600元/人 × 3人'])
    expect([mayFirst.status, mayFirst.amount]).toEqual(['当年脱贫', 3000])
    expect([june.status, june.amount]).toEqual(['当年脱贫', 3000])
    // the ledger groups the household by today's status; the March project keeps its March rate
    const v = sixiaoRollup(deps, { kind: 'village', code: 'V001' }, 2018).villages[0]!
    expect(v.byStatus.当年脱贫).toEqual({ households: 2, withProject: 1, amount: 7800 })
    expect(v.byStatus.未脱贫).toEqual({ households: 0, withProject: 0, amount: 0 })
  })

  it('pays each status its published rate', () => {
    const deps = fixtureDeps()
    deps.db.prepare(`INSERT INTO households (code, village_code, head_name, size, status) VALUES ('H006', 'V001', '孙返贫', 3, '返贫')`).run()
    const cases: [string, number, string][] = [
      ['H001', 4000, '当年脱贫户 1000元/人 × 4人'],
      ['H002', 1800, '未脱贫户 600元/人 × 3人'],
      ['H006', 1800, '返贫户（按未脱贫户） 600元/人 × 3人'],
      ['H004', 2000, '已脱贫户 400元/人 × 5人'],
      ['H005', 0, '非贫困户 1000元/户（建成"四小"产业园）'],
    ]
    for (const [code, amount, rule] of cases) expect(addProject(deps, code, '2018-06-01').line, code).toMatchObject({ amount, rule })
    expect(addProject(deps, 'H005', '2018-06-02', { park: true }).line).toMatchObject({ amount: 1000 })
  })

  it('treats a 当年脱贫 household whose exit year has passed as 已脱贫', () => {
    const deps = fixtureDeps()
    const l = addProject(deps, 'H001', '2019-03-01').line   // H001: 当年脱贫, 脱贫年度 2018
    expect([l.status, l.ruleStatus, l.amount]).toEqual(['当年脱贫', '已脱贫', 1600])
    expect(effectiveStatus('当年脱贫', null, 2019)).toBe('当年脱贫')
    expect(effectiveStatus('当年脱贫', 2019, 2019)).toBe('当年脱贫')
  })
})

describe('rates by year', () => {
  it('uses the latest configured year for a year without rates, and says so', () => {
    const deps = fixtureDeps()
    const l = addProject(deps, 'H002', '2019-02-01').line
    expect(l).toMatchObject({ amount: 1800, ratesYear: 2018 })
    expect(amountText(l)).toBe('未脱贫户 600元/人 × 3人 = 1800 元（2019 年未配置标准，按 2018 年标准）')
  })

  it('reads the rates from the config file\'s table', () => {
    const deps = fixtureDeps({ sixiaoRates: { 2017: { exited: 300, notExited: 500, exitingThisYear: 800, nonPoorPark: 900 }, 2020: { exited: 1, notExited: 1, exitingThisYear: 1, nonPoorPark: 1 } } })
    expect(addProject(deps, 'H002', '2018-06-01').line).toMatchObject({ amount: 1500, ratesYear: 2017 })
    expect(addProject(deps, 'H005', '2018-06-01', { park: true }).line).toMatchObject({ amount: 900 })
  })
})

describe('one subsidised project per household per year', () => {
  it('pays the first recorded project; later ones are 0 元 with the reason naming the paid one', () => {
    const deps = fixtureDeps()
    const first = addProject(deps, 'H002', '2018-06-01')
    const second = addProject(deps, 'H002', '2018-03-01')   // recorded later with an earlier date: still not paid
    expect(second.line).toMatchObject({ amount: 0, reason: `本年度已享受过奖补（#${first.id}）` })
    expect(amountText(second.line)).toBe(`0 元（本年度已享受过奖补（#${first.id}）；规则：未脱贫户 600元/人 × 3人）`)
    // a new year starts afresh
    expect(addProject(deps, 'H002', '2019-01-01').line.amount).toBe(1800)
  })

  it('withdrawing the paid project makes the next one paid; withdrawing an unpaid one changes nothing', () => {
    const deps = fixtureDeps()
    const a = addProject(deps, 'H002', '2018-06-01')
    const b = addProject(deps, 'H002', '2018-06-02', { content: '核桃', kind: '种植' })
    const c = addProject(deps, 'H002', '2018-06-03')
    deps.records.withdraw(c.id, 'ou_test', 0)
    expect(sixiaoWithdrawNote(deps, c.id)).toBe('')
    deps.records.withdraw(a.id, 'ou_test', 0)
    expect(sixiaoWithdrawNote(deps, a.id)).toBe(`\n本年度奖补改由 #${b.id}（种植·核桃）享受：1800 元。`)
    expect(amounts(deps, 'H002')).toEqual([[b.id, 1800]])
    deps.records.withdraw(b.id, 'ou_test', 0)
    expect(sixiaoWithdrawNote(deps, b.id)).toContain('暂无其他可享受奖补')
  })

  it('a non-poor household\'s ordinary project does not use up the year: the park is paid', () => {
    const deps = fixtureDeps()
    addProject(deps, 'H005', '2018-06-01')
    expect(addProject(deps, 'H005', '2018-06-02', { park: true }).line.amount).toBe(1000)
    expect(addProject(deps, 'H005', '2018-06-03', { park: true }).line.amount).toBe(0)
  })

  it('pays every project when sixiaoOnePerYear is false', () => {
    const deps = fixtureDeps({ sixiaoOnePerYear: false })
    addProject(deps, 'H002', '2018-06-01')
    addProject(deps, 'H002', '2018-06-02')
    expect(amounts(deps, 'H002').map(([, a]) => a)).toEqual([1800, 1800])
  })

  it('allocates by record number whatever the input order', () => {
    const p = (id: number) => ({ id, householdCode: 'X', visitedOn: '2018-05-01', status: '未脱贫' as const, exitYear: null, persons: 2, park: false })
    const m = allocateSixiao([p(9), p(3)], { rates: { 2018: { exited: 1, notExited: 10, exitingThisYear: 1, nonPoorPark: 1 } }, onePerYear: true })
    expect([m.get(3)!.amount, m.get(9)!.amount]).toEqual([20, 0])
    expect(parseSixiaoKind('小养殖')).toBe('养殖')
    expect(parseSixiaoKind('放牧')).toBeNull()
  })
})

describe('sixiaoRollup', () => {
  it('adds villages up to townships, zones and the whole, and filters by place', () => {
    const deps = fixtureDeps()
    addProject(deps, 'H001', '2018-06-01')
    addProject(deps, 'H002', '2018-06-01', { kind: '种植', content: '核桃' })
    addProject(deps, 'H003', '2018-06-01', { kind: '种植', content: '茶叶' })
    addProject(deps, 'H004', '2018-06-01')
    addProject(deps, 'H004', '2017-06-01')   // another year
    const r = sixiaoRollup(deps, { kind: 'county' }, 2018)
    expect(r.total).toMatchObject({ households: 5, withProject: 4, projects: 4, paid: 4, amount: 4000 + 1800 + 1200 + 2000 })
    expect(r.total.byKind).toEqual({ 种植: 2, 养殖: 2, 加工: 0, 经营: 0 })
    expect(r.zones.map((z) => [z.name, z.amount])).toEqual([['第一战区', 7800], ['第二战区', 1200]])
    expect(r.townships.find((t) => t.name === '团结乡')).toMatchObject({ households: 4, withProject: 3, amount: 7800 })
    expect(r.townships.find((t) => t.name === '南江镇')).toMatchObject({ households: 0, projects: 0, amount: 0 })
    expect(r.villages).toHaveLength(4)
    const zone2 = sixiaoRollup(deps, { kind: 'zone', zoneId: 2 }, 2018)
    expect([zone2.villages.map((v) => v.code), zone2.total.amount]).toEqual([['V003'], 1200])
    expect(sixiaoRollup(deps, { kind: 'township', code: '511922204' }, 2017).total.amount).toBe(2000)
  })
})
