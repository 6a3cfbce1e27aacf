import { describe, expect, it } from 'vitest'
import { fixed, monthlyScore, quarterScore, rankOrder, scoreFormat, zoneScore, type ScoreTask } from '../src/domain/score'

const task = (t: Partial<ScoreTask>): ScoreTask => ({
  started: true, done: false, expected: 1, actual: 0, lastReportDaysAgo: null, light: null, ...t,
})

/*
 * Worked example, by hand (default weights 40/25/20/15, −2 per red task, cap −20):
 *   T1 started, expected 0.5, actual 0.4  → min(1, 0.8) = 0.8   open, reported 30 days ago (current), 黄
 *   T2 started, expected 1,   actual 0.5  → 0.5                  open, reported 40 days ago (stale),  红
 *   T3 started, expected 0.6, actual 0.9  → min(1, 1.5) = 1      open, reported 10 days ago (current), 绿
 *   T4 started, done, expected 1, actual 1 → 1                   not open
 *   T5 not started                          → left out of both task components
 *   T6 started, expected 0,   actual 0    → expected 0 counts 1 open, never reported (stale),       绿
 *   tasks     = 40 × (0.8 + 0.5 + 1 + 1 + 1) / 5 = 40 × 0.86 = 34.4
 *   currency  = 15 × 2 current / 4 open = 7.5
 *   households= 25 × 150 / 200 = 18.75
 *   villages  = 20 × 3 / 4 = 15
 *   penalty   = 2 × 1 red = 2
 *   total     = 34.4 + 18.75 + 15 + 7.5 − 2 = 73.65
 */
const example: ScoreTask[] = [
  task({ expected: 0.5, actual: 0.4, lastReportDaysAgo: 30, light: '黄' }),
  task({ expected: 1, actual: 0.5, lastReportDaysAgo: 40, light: '红' }),
  task({ expected: 0.6, actual: 0.9, lastReportDaysAgo: 10, light: '绿' }),
  task({ done: true, expected: 1, actual: 1, lastReportDaysAgo: 5 }),
  task({ started: false, expected: 0, actual: 0, light: '绿' }),
  task({ expected: 0, actual: 0, light: '绿' }),
]

describe('monthlyScore', () => {
  it('computes every component of the worked example', () => {
    const r = monthlyScore({ tasks: example, households: { eligible: 200, meeting: 150 }, villages: { eligible: 4, meeting: 3 } })
    expect(r.components).toEqual({ tasks: 34.4, households: 18.75, villages: 15, currency: 7.5, spotCheck: null })
    expect(r.penalty).toBe(2)
    expect(r.total).toBe(73.65)
    expect(r.measured).toBe(true)
    expect(r.detail).toMatchObject({
      shares: { households: 0.75, villages: 0.75, currency: 0.5 }, scale: 1,
      startedTasks: 5, openTasks: 4, currentTasks: 2, redTasks: 1,
    })
    expect(r.detail.shares.tasks).toBeCloseTo(0.86, 12)
  })

  it('scales the other components up to 100 when some have nothing to measure', () => {
    // No eligible households or villages: kept weights 40 + 15 = 55, scale 100/55.
    // tasks 40 × 0.86 × 100/55 = 62.5454…; currency 15 × 0.5 × 100/55 = 13.6363…
    // total = 62.5454… + 13.6363… − 2 = 74.1818… (summing the components rounded to 62.55 and 13.64 gave 74.19)
    const r = monthlyScore({ tasks: example, households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.components).toEqual({ tasks: expect.closeTo(3440 / 55, 10), households: null, villages: null, currency: expect.closeTo(750 / 55, 10), spotCheck: null })
    expect(r.detail.scale).toBeCloseTo(100 / 55, 12)
    expect(r.total).toBeCloseTo(4080 / 55, 10)
    expect(fixed(r.total)).toBe('74.18')
  })

  it('a single measured component is worth the whole 100', () => {
    const r = monthlyScore({ tasks: [], households: { eligible: 10, meeting: 5 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.components).toEqual({ tasks: null, households: 50, villages: null, currency: null, spotCheck: null })
    expect(r.total).toBe(50)
  })

  it('leaves currency out when every started task is done', () => {
    // tasks share 1 over weights 40+25+20 = 85 → 40 × 100/85 = 47.0588…; households 25 × 1 × 100/85 = 29.4117…;
    // villages 20 × 0.5 × 100/85 = 11.7647…; total 7500/85 = 88.2352… (the rounded components summed to 88.23)
    const r = monthlyScore({
      tasks: [task({ done: true, actual: 1, lastReportDaysAgo: 90 })],
      households: { eligible: 4, meeting: 4 }, villages: { eligible: 2, meeting: 1 },
    })
    expect(r.components).toEqual({ tasks: expect.closeTo(4000 / 85, 10), households: expect.closeTo(2500 / 85, 10), villages: expect.closeTo(1000 / 85, 10), currency: null, spotCheck: null })
    expect(r.total).toBeCloseTo(7500 / 85, 10)
    expect(fixed(r.total)).toBe('88.24')
  })

  it('a report exactly 30 days old is current, 31 is not', () => {
    const r = monthlyScore({
      tasks: [task({ lastReportDaysAgo: 30 }), task({ lastReportDaysAgo: 31 })],
      households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 },
    })
    expect(r.detail.shares.currency).toBe(0.5)
    const strict = monthlyScore({
      tasks: [task({ lastReportDaysAgo: 30 }), task({ lastReportDaysAgo: 31 })],
      households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 }, currencyDays: 7,
    })
    expect(strict.detail.shares.currency).toBe(0)
  })

  it('caps the penalty at 20', () => {
    // 12 red tasks, all behind and never reported: tasks 0, currency 0, households 25, villages 20.
    // penalty min(20, 24) = 20 → total 45 − 20 = 25
    const reds = Array.from({ length: 12 }, () => task({ light: '红' }))
    const r = monthlyScore({ tasks: reds, households: { eligible: 10, meeting: 10 }, villages: { eligible: 2, meeting: 2 } })
    expect(r.components).toEqual({ tasks: 0, households: 25, villages: 20, currency: 0, spotCheck: null })
    expect(r.penalty).toBe(20)
    expect(r.total).toBe(25)
  })

  it('never goes below 0', () => {
    const reds = Array.from({ length: 12 }, () => task({ light: '红' }))
    const r = monthlyScore({ tasks: reds, households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.penalty).toBe(20)
    expect(r.total).toBe(0)
  })

  it('nothing to measure at all', () => {
    const r = monthlyScore({ tasks: [], households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.components).toEqual({ tasks: null, households: null, villages: null, currency: null, spotCheck: null })
    expect(r.total).toBe(0)
    expect(r.measured).toBe(false)
  })

  it('takes configured weights', () => {
    // Weights 50/50 on tasks and households (villages and currency weigh 0); penalty 5 each, capped at 10.
    // The example plus two red tasks at 0.2 of 1: tasks share (4.3 + 0.4) / 7 = 0.671428… → 50 × it = 33.5714…;
    // households 50 × 0.75 = 37.5; 3 red → min(10, 15) = 10; total 33.5714… + 37.5 − 10 = 61.0714…
    const tasks = [...example, task({ light: '红', actual: 0.2 }), task({ light: '红', actual: 0.2 })]
    const r = monthlyScore({
      tasks, households: { eligible: 200, meeting: 150 }, villages: { eligible: 4, meeting: 3 },
      weights: { tasks: 50, households: 50, villages: 0, currency: 0, redPenalty: 5, penaltyCap: 10 },
    })
    expect(r.components).toEqual({ tasks: expect.closeTo(235 / 7, 10), households: 37.5, villages: 0, currency: 0, spotCheck: null })
    expect(r.penalty).toBe(10)
    expect(r.total).toBeCloseTo(235 / 7 + 27.5, 10)
  })

  it('leaves spot checks out unless the county weighs them (weights.spotCheck, default 0)', () => {
    const base = { tasks: example, households: { eligible: 200, meeting: 150 }, villages: { eligible: 4, meeting: 3 }, spotCheck: { reverified: 4, agreeing: 1 } }
    // Default weight 0: the worked example's score exactly, whatever the spot checks found.
    expect(monthlyScore(base).total).toBe(73.65)
    expect(monthlyScore(base).detail.shares.spotCheck).toBeNull()
    // Weight 20: kept weights 40+25+20+15+20 = 120, scale 100/120. 一致率 1/4 → 20 × 0.25 × 100/120 = 4.1666…;
    // tasks 34.4 × 100/120 = 28.666…; households 18.75 × 100/120 = 15.625; villages 12.5; currency 6.25;
    // total = (34.4 + 18.75 + 15 + 7.5 + 5) × 100/120 − 2 = 80.65 × 100/120 − 2 = 65.2083…
    const r = monthlyScore({ ...base, weights: { spotCheck: 20 } })
    expect(r.components.spotCheck).toBeCloseTo(500 / 120, 10)
    expect(r.components.tasks).toBeCloseTo(3440 / 120, 10)
    expect(r.total).toBeCloseTo(8065 / 120 - 2, 10)
    // Weighed, but nothing re-verified that month: left out, and the others scaled up to 100 as usual.
    expect(monthlyScore({ ...base, spotCheck: { reverified: 0, agreeing: 0 }, weights: { spotCheck: 20 } }).total).toBe(73.65)
  })
})

describe('zoneScore', () => {
  it('weights townships by their households', () => {
    // (80 × 1000 + 60 × 3000) / 4000 = 65 (a plain mean would be 70)
    expect(zoneScore([{ score: 80, households: 1000 }, { score: 60, households: 3000 }])).toBe(65)
  })
  it('falls back to a plain mean without household figures, null without townships', () => {
    expect(zoneScore([{ score: 80, households: 0 }, { score: 60, households: 0 }])).toBe(70)
    expect(zoneScore([])).toBeNull()
  })
  it('is the weighted mean of the unrounded township scores, itself unrounded', () => {
    // (90 × 1 + 80 × 2) / 3 = 83.333…
    expect(zoneScore([{ score: 90, households: 1 }, { score: 80, households: 2 }])).toBeCloseTo(250 / 3, 12)
    // Rounding each township first would give (69.10 + 69.11) / 2 = 69.105; the exact mean is 69.10375.
    expect(zoneScore([{ score: 69.1032, households: 1 }, { score: 69.1043, households: 1 }])).toBeCloseTo(69.10375, 12)
  })
})

describe('quarterScore', () => {
  it('is the mean of the three months', () => {
    expect(quarterScore([70, 80, 90])).toBe(80)
    expect(quarterScore([70.1, 80.2, 90.4])).toBeCloseTo(240.7 / 3, 12)   // 80.2333…, unrounded
  })
  it('averages the months present when fewer than three exist', () => {
    expect(quarterScore([70, 80])).toBe(75)
    expect(quarterScore([])).toBeNull()
  })
})

describe('rankOrder', () => {
  it('gives competition ranks (1, 2, 2, 4), highest first', () => {
    const r = rankOrder([
      { name: '沙河', score: 85 }, { name: '南江', score: 90 }, { name: '乐坝', score: 70 }, { name: '长赤', score: 85 },
    ], (t) => t.score)
    expect(r.map((x) => [x.item.name, x.rank])).toEqual([['南江', 1], ['沙河', 2], ['长赤', 2], ['乐坝', 4]])
  })
  it('ranks on the unrounded score: 69.1043 above 69.1032, and a tie only when the scores are equal', () => {
    // Rounded to 2 decimals both read 69.10; ranked on that they were tied, or swapped by their order.
    const r = rankOrder([{ name: '乙', score: 69.1032 }, { name: '甲', score: 69.1043 }], (t) => t.score)
    expect(r.map((x) => [x.item.name, x.rank])).toEqual([['甲', 1], ['乙', 2]])
    // The same figures summed in another order differ in the last bits of a double: still a tie.
    const a = 0.1 + 0.2 + 0.3
    const b = 0.3 + 0.2 + 0.1
    expect(a).not.toBe(b)
    expect(rankOrder([a, b], (x) => x).map((x) => x.rank)).toEqual([1, 1])
    expect(rankOrder([60.001, 60], (x) => x).map((x) => x.rank)).toEqual([1, 2])
  })

  it('handles a three-way tie and all-equal scores', () => {
    expect(rankOrder([5, 9, 9, 9, 1], (x) => x).map((x) => x.rank)).toEqual([1, 1, 1, 4, 5])
    expect(rankOrder([3, 3, 3], (x) => x).map((x) => x.rank)).toEqual([1, 1, 1])
    expect(rankOrder([], (x: number) => x)).toEqual([])
  })
})

describe('fixed', () => {
  it('rounds half up as by hand', () => {
    expect(fixed(1.005)).toBe('1.01')
    expect(fixed(2.675)).toBe('2.68')
    expect(fixed(62.54545)).toBe('62.55')
    expect(fixed(13.63636)).toBe('13.64')
    expect(fixed(40)).toBe('40.00')
    expect(fixed(85.4555, 3)).toBe('85.456')
  })
})

describe('scoreFormat', () => {
  it('shows 2 decimals, and 3 where two shown scores are equal but the ranks differ', () => {
    const rows = [
      { score: 69.1043, rank: 1 }, { score: 69.1032, rank: 2 },   // both 69.10 at 2 decimals
      { score: 55.555, rank: 3 }, { score: 55.555, rank: 3 },      // a tie reads alike: 2 decimals
      { score: 40.004, rank: 5 }, { score: null, rank: null },
    ]
    const shown = scoreFormat(rows)
    expect(rows.map((r) => shown(r.score))).toEqual(['69.104', '69.103', '55.56', '55.56', '40.00', '—'])
  })

  it('goes past 3 decimals only when 3 still read the same', () => {
    const shown = scoreFormat([{ score: 80.00041, rank: 1 }, { score: 80.00038, rank: 2 }])
    expect([shown(80.00041), shown(80.00038)]).toEqual(['80.00041', '80.00038'])
  })
})
