import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { createDeps } from '../src/deps'
import { loadConfig } from '../src/config'
import { DEFAULT_SETTINGS } from '../src/settings'
import { createLogger } from '../src/log'
import { scoreMonth } from '../src/scoring/month'
import { publishRanking, PeriodNotStarted } from '../src/scoring/publish'
import { parsePeriod } from '../src/domain/dates'
import { fixed } from '../src/domain/score'
import { seedFixture } from './helpers/fixture'
import { extraTasks, recordScenario, recorder } from './helpers/ranking-scenario'
import { tempDbPath, tempDir } from './helpers/temp'

const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
extraTasks(dbPath)
const config = loadConfig({ DATABASE_PATH: dbPath }, { lark: false })
const db = openDatabase(dbPath)
const deps = createDeps(db, config, DEFAULT_SETTINGS, createLogger('silent'))
const ids = recordScenario(deps)
const at = (date: string) => new Date(`${date}T09:00:00+08:00`)
const month = (m: string, today = '2018-07-15') => new Map(scoreMonth(deps, m, today).townships.map((t) => [t.name, t]))
/** Scores are kept unrounded; the by-hand figures below are what the cards show (2 decimals). */
const shown = (x: number | null) => (x === null ? null : fixed(x))
const shownAll = (c: Record<string, number | null>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, shown(v)]))

describe('the monthly township score, by hand (docs/domain.md)', () => {
  const may = month('2018-05')
  const tj = may.get('团结乡')!

  it('团结乡, May: every component from the records visited by 31 May', () => {
    // Tasks (40): T001 expected 91/121 = 0.7521, actual 0.4 (the 20 May report, not the 5 June one) → 0.5319;
    // T002 done (完成 on 10 May) → 1; T004 due in March → expected 1, actual 0.5 (the 100% report was
    // withdrawn) → 0.5; T005 starts 1 June → not counted. Mean 0.6773 × 40 = 27.09.
    expect(shown(tj.result.components.tasks)).toBe('27.09')
    expect(tj.detail.counts.startedTasks).toBe(3)
    expect(tj.detail.tasks.find((t) => t.code === 'T005')).toMatchObject({ started: false, share: null })
    expect(tj.detail.tasks.find((t) => t.code === 'T001')).toMatchObject({ expected: 0.7521, actual: 0.4, reportId: ids.t001May })
    expect(tj.detail.tasks.find((t) => t.code === 'T004')).toMatchObject({ actual: 0.5, reportId: ids.t004Half })
    // Households (25): H001 (当年脱贫) meets; H004 (已脱贫) lacks 医疗 until 2 June → 1/2 = 12.5.
    expect(tj.result.components.households).toBe(12.5)
    expect(tj.detail.households).toMatchObject({ eligible: 2, meeting: 1 })
    // Villages (20): 红岩洞村 (incidence 2%, items reported in May, 卫生室 by T002) meets; 周山村 (5%) does not → 10.
    expect(tj.result.components.villages).toBe(10)
    expect(tj.detail.villages.find((v) => v.code === 'V001')).toMatchObject({ meets: true, sources: { 卫生室: '任务 T002', 集体经济: `#${ids.collective}` } })
    expect(tj.detail.villages.find((v) => v.code === 'V002')).toMatchObject({ meets: false, missing: expect.arrayContaining(['贫困发生率', '集体经济']) })
    expect(tj.detail.villages.find((v) => v.code === 'V002')!.sources).toEqual({})   // its 3 June item report is not May's
    // Currency (15): open T001 (reported 11 days before) and T004 (51 days) → 1/2 = 7.5.
    expect(tj.result.components.currency).toBe(7.5)
    // Penalty: T001 (0.4 < 0.8 × 0.752) and T004 (61 days late) are red → −4.
    expect(tj.result.penalty).toBe(4)
    expect(shown(tj.result.total)).toBe('53.09')
  })

  it('红四乡, May: households and villages have nothing to measure, so tasks and currency are scaled to 100', () => {
    const t = may.get('红四乡')!
    // T003: expected 119/129, actual 0.8 → 0.8672; × 40 × 100/55 = 63.07; currency 1 × 15 × 100/55 = 27.27.
    expect(shownAll(t.result.components)).toEqual({ tasks: '63.07', households: null, villages: null, currency: '27.27', spotCheck: null })
    expect(shown(t.result.total)).toBe('90.34')
  })

  it('南江镇, May: twelve red tasks cost 24 points, capped at 20', () => {
    const t = may.get('南江镇')!
    expect(t.detail.counts.redTasks).toBe(12)
    expect(t.result.penalty).toBe(20)
    expect(shownAll(t.result.components)).toEqual({ tasks: '36.36', households: null, villages: null, currency: '27.27', spotCheck: null })
    expect(shown(t.result.total)).toBe('43.64')   // 36.3636… + 27.2727… − 20 (the rounded parts summed to 43.63)
  })

  it('April and June of 团结乡: tasks start, checks and late reports land in their own month', () => {
    // April: T001 60/121 and T002 60/91 expected with nothing reported, T004 0.5 → 6.67; no checks, no
    // village items yet; currency 1/3 (T004 on 10 April) → 5; three red → −6. 5.67.
    expect(shown(month('2018-04').get('团结乡')!.result.total)).toBe('5.67')
    // June: T001 0.8 of 1, T002 1, T004 0.5, T005 0 of 29/91 → 0.575 × 40 = 23; both households → 25;
    // villages 10; currency 1/3 (T001 on 5 June; T004 and T005 not) → 5; T004 and T005 red → −4. 59.
    const june = month('2018-06').get('团结乡')!
    expect(june.detail.counts.startedTasks).toBe(4)
    expect(june.detail.villages.find((v) => v.code === 'V002')!.sources).toEqual({ 集体经济: `#${ids.lateItem}` })
    expect(june.result.total).toBeCloseTo(59, 12)
    // 30 June counts for June, 1 July does not: N01 is done, N02 is not.
    const nj = month('2018-06').get('南江镇')!.detail.tasks
    expect(nj.find((t) => t.code === 'N01')!.done).toBe(true)
    expect(nj.find((t) => t.code === 'N02')!.done).toBe(false)
  })

  it('uses today for the running month, and refuses a period that has not begun', () => {
    expect(scoreMonth(deps, '2018-06', '2018-06-15').asOf).toBe('2018-06-15')
    expect(() => publishRanking(deps, parsePeriod('2018-09')!, '2018-07-01', at('2018-07-01'))).toThrow(PeriodNotStarted)
  })
})

describe('the published snapshot', () => {
  it('ranks townships and zones, with the zone score weighted by 总户数', () => {
    const s = publishRanking(deps, parsePeriod('2018-05')!, '2018-06-01', at('2018-06-01'))
    expect(s.rows.map((r) => [r.townshipName, shown(r.score), r.rank, r.zoneRank])).toEqual([
      ['红四乡', '90.34', 1, 1], ['团结乡', '53.09', 2, 1], ['南江镇', '43.64', 3, 2],
    ])
    // 第一战区: the unrounded scores weighted, (53.0916 × 470 + 43.6364 × 200) / 670 = 50.2691.
    const [tj, nj] = [s.rows[1]!, s.rows[2]!]
    expect(s.zones[1]!.score).toBeCloseTo((tj.score! * 470 + nj.score! * 200) / 670, 12)
    expect(s.zones.map((z) => [z.zoneName, shown(z.score), z.rank])).toEqual([['第二战区', '90.34', 1], ['第一战区', '50.27', 2]])
    expect(s.head).toMatchObject({ kind: 'month', asOf: '2018-05-31', weights: { tasks: 40, penaltyCap: 20, currencyDays: 30 } })
  })

  it('is frozen: a later report changes nothing published, and the database refuses edits', () => {
    const before = deps.rankings.snapshot('2018-05')
    recorder(deps).task('T001', 'V001', '511922204', 1, '2018-05-30')   // a late entry for May
    expect(month('2018-05').get('团结乡')!.result.total).not.toBe(before!.rows[1]!.score)   // a recomputation would differ…
    expect(publishRanking(deps, parsePeriod('2018-05')!, '2018-07-01', at('2018-07-01'))).toEqual(before)   // …the published one does not
    expect(deps.rankings.snapshot('2018-05')).toEqual(before)
    expect(() => db.prepare(`UPDATE ranking_rows SET score = 100 WHERE period = '2018-05'`).run()).toThrow(/frozen/)
    expect(() => db.prepare(`DELETE FROM rankings WHERE period = '2018-05'`).run()).toThrow(/frozen/)
  })

  it('a quarter is the mean of its months: published months as published, the others computed at their end', () => {
    publishRanking(deps, parsePeriod('2018-06')!, '2018-07-01', at('2018-07-01'))
    const q = publishRanking(deps, parsePeriod('2018-Q2')!, '2018-07-01', at('2018-07-01'))
    expect(q.head.months).toEqual([
      { month: '2018-04', asOf: '2018-04-30', source: 'computed' },
      { month: '2018-05', asOf: '2018-05-31', source: 'published' },
      { month: '2018-06', asOf: '2018-06-30', source: 'published' },
    ])
    const tj = q.rows.find((r) => r.townshipName === '团结乡')!
    // June after the late entry: T001 is done since the 30 May report reached the target (a done task counts
    // in full, whatever lower figure came later), so tasks (1 + 1 + 0.5 + 0) / 4 × 40 = 25; households 25;
    // villages 10; no open task is current (T004, T005) → 0; T004 and T005 red → −4. 56.
    // (5.67 + 53.09 + 56) / 3 = 38.25 — May as published, before the late entry.
    expect(tj.detail.months!.map((m) => shown(m.score ?? null))).toEqual(['5.67', '53.09', '56.00'])
    expect(tj.score).toBeCloseTo((tj.detail.months![0]!.score! + tj.detail.months![1]!.score! + 56) / 3, 12)
    expect(shown(tj.score)).toBe('38.25')
    // 红四乡 (0 + 90.34 + 56.18) / 3 = 48.84; 南江镇 (0 + 43.64 + 19.39) / 3 = 21.01.
    expect(q.rows.map((r) => [r.townshipName, shown(r.score), r.rank])).toEqual([['红四乡', '48.84', 1], ['团结乡', '38.25', 2], ['南江镇', '21.01', 3]])
  })
})
