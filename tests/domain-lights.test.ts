import { describe, expect, it } from 'vitest'
import { daysOverdue, expectedProgress, taskStatus, trafficLight } from '../src/domain/lights'

describe('expectedProgress', () => {
  // 2018-01-01 → 2018-01-31 is a 30-day span.
  const task = { start: '2018-01-01', due: '2018-01-31' }
  it('is 0 before and on the start day', () => {
    expect(expectedProgress({ ...task, at: '2017-12-25' })).toBe(0)
    expect(expectedProgress({ ...task, at: '2018-01-01' })).toBe(0)
  })
  it('grows linearly mid-way', () => {
    expect(expectedProgress({ ...task, at: '2018-01-16' })).toBe(0.5) // 15/30
    expect(expectedProgress({ ...task, at: '2018-01-07' })).toBe(0.2) // 6/30
  })
  it('is 1 on and after the deadline', () => {
    expect(expectedProgress({ ...task, at: '2018-01-30' })).toBeCloseTo(29 / 30, 12)
    expect(expectedProgress({ ...task, at: '2018-01-31' })).toBe(1)
    expect(expectedProgress({ ...task, at: '2018-03-01' })).toBe(1)
  })
  it('without a start date, plans over the 90 days before the deadline', () => {
    // due 2018-06-30 → assumed start 2018-04-01; 2018-05-16 is 45 of 90 days in.
    expect(expectedProgress({ start: null, due: '2018-06-30', at: '2018-05-16' })).toBe(0.5)
    expect(expectedProgress({ start: null, due: '2018-06-30', at: '2018-03-01' })).toBe(0)
    expect(expectedProgress({ start: null, due: '2018-06-30', at: '2018-06-30' })).toBe(1)
  })
  it('a start after the deadline (bad data) is 0 before the deadline and 1 from it', () => {
    expect(expectedProgress({ start: '2018-02-10', due: '2018-01-31', at: '2018-01-20' })).toBe(0)
    expect(expectedProgress({ start: '2018-02-10', due: '2018-01-31', at: '2018-01-31' })).toBe(1)
  })
})

describe('daysOverdue', () => {
  it('counts whole days past the deadline', () => {
    expect(daysOverdue('2018-06-30', '2018-06-29', false)).toBe(0)
    expect(daysOverdue('2018-06-30', '2018-06-30', false)).toBe(0) // due today
    expect(daysOverdue('2018-06-30', '2018-07-01', false)).toBe(1) // due yesterday
    expect(daysOverdue('2018-06-30', '2018-07-16', false)).toBe(16)
  })
  it('a done task is never overdue', () => {
    expect(daysOverdue('2018-06-30', '2018-08-01', true)).toBe(0)
  })
})

describe('trafficLight', () => {
  const late = (days: number) => trafficLight({ done: false, actual: 0.9, expected: 1, daysOverdue: days })
  it('overdue 1–15 days is yellow, more than 15 red (actual 90% of expected)', () => {
    expect(late(1)).toBe('黄')
    expect(late(7)).toBe('黄')
    expect(late(8)).toBe('黄')
    expect(late(15)).toBe('黄')
    expect(late(16)).toBe('红')
  })
  it('on track and not late is green', () => {
    expect(trafficLight({ done: false, actual: 0.5, expected: 0.5, daysOverdue: 0 })).toBe('绿')
    expect(trafficLight({ done: false, actual: 0.7, expected: 0.5, daysOverdue: 0 })).toBe('绿')
    expect(trafficLight({ done: false, actual: 0, expected: 0, daysOverdue: 0 })).toBe('绿')
  })
  it('exactly 80% of expected is yellow, just below is red', () => {
    // 0.8 × 0.75 is 0.6000000000000001 in floating point: 0.6 must still count as "exactly 80%".
    expect(trafficLight({ done: false, actual: 0.6, expected: 0.75, daysOverdue: 0 })).toBe('黄')
    expect(trafficLight({ done: false, actual: 12 / 15, expected: 1, daysOverdue: 0 })).toBe('黄')
    expect(trafficLight({ done: false, actual: 0.599, expected: 0.75, daysOverdue: 0 })).toBe('红')
    expect(trafficLight({ done: false, actual: 0.79, expected: 1, daysOverdue: 0 })).toBe('红')
  })
  it('behind but above 80% is yellow', () => {
    expect(trafficLight({ done: false, actual: 0.45, expected: 0.5, daysOverdue: 0 })).toBe('黄')
  })
  it('done tasks have no light, however late', () => {
    expect(trafficLight({ done: true, actual: 0.1, expected: 1, daysOverdue: 40 })).toBeNull()
  })
  it('thresholds are configurable', () => {
    const t = { redOverdueDays: 7, redRatio: 0.5 }
    expect(trafficLight({ done: false, actual: 0.9, expected: 1, daysOverdue: 8 }, t)).toBe('红')
    expect(trafficLight({ done: false, actual: 0.9, expected: 1, daysOverdue: 7 }, t)).toBe('黄')
    expect(trafficLight({ done: false, actual: 0.6, expected: 1, daysOverdue: 0 }, t)).toBe('黄')
    expect(trafficLight({ done: false, actual: 0.4, expected: 1, daysOverdue: 0 }, t)).toBe('红')
  })
})

describe('taskStatus', () => {
  const base = { start: '2018-03-01', due: '2018-03-31', completed: false }
  it('mid-way on track', () => {
    // 2018-03-16 is 15 of 30 days → expected 0.5
    expect(taskStatus({ ...base, at: '2018-03-16', actual: 0.5 })).toEqual({
      started: true, done: false, open: true, expected: 0.5, actual: 0.5, light: '绿', daysOverdue: 0,
    })
  })
  it('nothing reported counts as 0', () => {
    const s = taskStatus({ ...base, at: '2018-03-16', actual: null })
    expect(s.actual).toBe(0)
    expect(s.light).toBe('红')
  })
  it('not started yet', () => {
    const s = taskStatus({ ...base, at: '2018-02-20', actual: null })
    expect(s).toMatchObject({ started: false, open: false, done: false, expected: 0, light: '绿' })
  })
  it('no start date counts as started', () => {
    expect(taskStatus({ ...base, start: null, at: '2017-01-01', actual: null }).started).toBe(true)
  })
  it('done by completion record or by a report reaching 1', () => {
    const recorded = taskStatus({ ...base, completed: true, at: '2018-04-30', actual: 0.3 })
    expect(recorded).toMatchObject({ done: true, open: false, light: null, daysOverdue: 0 })
    const reported = taskStatus({ ...base, at: '2018-03-20', actual: 1 })
    expect(reported).toMatchObject({ done: true, open: false, light: null })
  })
  it('lights at the overdue boundaries', () => {
    expect(taskStatus({ ...base, at: '2018-03-31', actual: 0.9 })).toMatchObject({ daysOverdue: 0, light: '黄' }) // due today, behind
    expect(taskStatus({ ...base, at: '2018-04-15', actual: 0.9 })).toMatchObject({ daysOverdue: 15, light: '黄' })
    expect(taskStatus({ ...base, at: '2018-04-16', actual: 0.9 })).toMatchObject({ daysOverdue: 16, light: '红' })
  })
  it('passes thresholds through', () => {
    const s = taskStatus({ ...base, at: '2018-04-08', actual: 0.9, thresholds: { redOverdueDays: 7, redRatio: 0.8 } })
    expect(s).toMatchObject({ daysOverdue: 8, light: '红' })
  })
})
