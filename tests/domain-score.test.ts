import { describe, expect, it } from 'vitest'
import { monthlyScore, quarterScore, rankOrder, round2, zoneScore, type ScoreTask } from '../src/domain/score'

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
    expect(r.components).toEqual({ tasks: 34.4, households: 18.75, villages: 15, currency: 7.5 })
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
    // tasks 40 × 0.86 × 100/55 = 62.5454… → 62.55; currency 15 × 0.5 × 100/55 = 13.6363… → 13.64
    // total = 62.55 + 13.64 − 2 = 74.19
    const r = monthlyScore({ tasks: example, households: { eligible: 0, meeting: 0 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.components).toEqual({ tasks: 62.55, households: null, villages: null, currency: 13.64 })
    expect(r.detail.scale).toBeCloseTo(100 / 55, 12)
    expect(r.total).toBe(74.19)
  })

  it('a single measured component is worth the whole 100', () => {
    const r = monthlyScore({ tasks: [], households: { eligible: 10, meeting: 5 }, villages: { eligible: 0, meeting: 0 } })
    expect(r.components).toEqual({ tasks: null, households: 50, villages: null, currency: null })
    expect(r.total).toBe(50)
  })

  it('leaves currency out when every started task is done', () => {
    // tasks share 1 over weights 40+25+20 = 85 → 40 × 100/85 = 47.0588… → 47.06; households 25 × 1 × 100/85 = 29.41;
    // villages 20 × 0.5 × 100/85 = 11.76; total 88.23
    const r = monthlyScore({
      tasks: [task({ done: true, actual: 1, lastReportDaysAgo: 90 })],
      households: { eligible: 4, meeting: 4 }, villages: { eligible: 2, meeting: 1 },
    })
    expect(r.components).toEqual({ tasks: 47.06, households: 29.41, villages: 11.76, currency: null })
    expect(r.total).toBe(88.23)
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
    expect(r.components).toEqual({ tasks: 0, households: 25, villages: 20, currency: 0 })
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
    expect(r.components).toEqual({ tasks: null, households: null, villages: null, currency: null })
    expect(r.total).toBe(0)
    expect(r.measured).toBe(false)
  })

  it('takes configured weights', () => {
    // Weights 50/50 on tasks and households (villages and currency weigh 0); penalty 5 each, capped at 10.
    // The example plus two red tasks at 0.2 of 1: tasks share (4.3 + 0.4) / 7 = 0.671428… → 50 × it = 33.5714… → 33.57;
    // households 50 × 0.75 = 37.5; 3 red → min(10, 15) = 10; total 33.57 + 37.5 − 10 = 61.07
    const tasks = [...example, task({ light: '红', actual: 0.2 }), task({ light: '红', actual: 0.2 })]
    const r = monthlyScore({
      tasks, households: { eligible: 200, meeting: 150 }, villages: { eligible: 4, meeting: 3 },
      weights: { tasks: 50, households: 50, villages: 0, currency: 0, redPenalty: 5, penaltyCap: 10 },
    })
    expect(r.components).toEqual({ tasks: 33.57, households: 37.5, villages: 0, currency: 0 })
    expect(r.penalty).toBe(10)
    expect(r.total).toBe(61.07)
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
  it('rounds to 2 decimals', () => {
    // (90 × 1 + 80 × 2) / 3 = 83.333…
    expect(zoneScore([{ score: 90, households: 1 }, { score: 80, households: 2 }])).toBe(83.33)
  })
})

describe('quarterScore', () => {
  it('is the mean of the three months', () => {
    expect(quarterScore([70, 80, 90])).toBe(80)
    expect(quarterScore([70.1, 80.2, 90.4])).toBe(80.23)
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
  it('handles a three-way tie and all-equal scores', () => {
    expect(rankOrder([5, 9, 9, 9, 1], (x) => x).map((x) => x.rank)).toEqual([1, 1, 1, 4, 5])
    expect(rankOrder([3, 3, 3], (x) => x).map((x) => x.rank)).toEqual([1, 1, 1])
    expect(rankOrder([], (x: number) => x)).toEqual([])
  })
})

describe('round2', () => {
  it('rounds half up as by hand', () => {
    expect(round2(1.005)).toBe(1.01)
    expect(round2(2.675)).toBe(2.68)
    expect(round2(62.54545)).toBe(62.55)
    expect(round2(13.63636)).toBe(13.64)
  })
})
