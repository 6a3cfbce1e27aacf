import { describe, expect, it } from 'vitest'
import {
  addDays, daysBetween, isValidDate, localDate, localHour, monthEnd, monthOf, monthStart, parsePeriod,
  quarterMonths, quarterOf, weekday,
} from '../src/domain/dates'

describe('localDate / localHour', () => {
  it('turns an instant into the Shanghai calendar day (UTC+8), not the server day', () => {
    expect(localDate(new Date('2018-03-31T15:59:59Z'))).toBe('2018-03-31')
    expect(localDate(new Date('2018-03-31T16:00:00Z'))).toBe('2018-04-01')
    expect(localDate(new Date('2018-03-31T16:00:00Z'), 'UTC')).toBe('2018-03-31')
    expect(localDate(new Date('2018-01-01T03:00:00Z'), 'America/New_York')).toBe('2017-12-31')
  })
  it('keeps the last answer per zone for its minute only (the clock is asked on every command)', () => {
    expect(localDate(new Date('2018-03-31T15:59:59.999Z'))).toBe('2018-03-31')
    expect(localDate(new Date('2018-03-31T16:00:00.000Z'))).toBe('2018-04-01')   // the next minute: asked again
    expect(localDate(new Date('2018-03-31T16:00:30Z'), 'UTC')).toBe('2018-03-31')  // same minute, another zone
    expect(localDate(new Date('2018-03-31T16:00:59Z'))).toBe('2018-04-01')
    // Going back in time (a test clock, a catch-up job) is a different minute too.
    expect(localDate(new Date('2018-03-31T15:59:00Z'))).toBe('2018-03-31')
    // A zone whose offset is not whole hours changes date on its own minute.
    expect(localDate(new Date('2018-03-31T18:29:59Z'), 'Asia/Kolkata')).toBe('2018-03-31')
    expect(localDate(new Date('2018-03-31T18:30:00Z'), 'Asia/Kolkata')).toBe('2018-04-01')
  })
  it('gives the wall-clock hour 0–23 in the zone', () => {
    expect(localHour(new Date('2018-03-31T13:30:00Z'))).toBe(21)
    expect(localHour(new Date('2018-03-31T16:00:00Z'))).toBe(0) // midnight is 0, never 24
    expect(localHour(new Date('2018-03-31T23:59:00Z'))).toBe(7)
    expect(localHour(new Date('2018-03-31T13:30:00Z'), 'UTC')).toBe(13)
  })
})

describe('addDays / daysBetween / weekday', () => {
  it('crosses month, leap-day and year boundaries', () => {
    expect(addDays('2018-02-28', 1)).toBe('2018-03-01')
    expect(addDays('2016-02-28', 1)).toBe('2016-02-29')
    expect(addDays('2018-01-01', -1)).toBe('2017-12-31')
    expect(addDays('2018-12-31', 1)).toBe('2019-01-01')
    expect(addDays('2018-06-30', -90)).toBe('2018-04-01')
    expect(addDays('2018-05-17', 0)).toBe('2018-05-17')
  })
  it('counts b − a in whole days', () => {
    expect(daysBetween('2018-03-31', '2018-04-01')).toBe(1)
    expect(daysBetween('2018-04-01', '2018-03-31')).toBe(-1)
    expect(daysBetween('2018-01-01', '2018-12-31')).toBe(364)
    expect(daysBetween('2016-01-01', '2017-01-01')).toBe(366)
    expect(daysBetween('2018-05-17', '2018-05-17')).toBe(0)
  })
  it('knows the day of the week', () => {
    expect(weekday('2018-02-11')).toBe(0) // Sunday
    expect(weekday('2018-02-16')).toBe(5) // Friday
  })
  it('throws on malformed dates (a programming error, not user input)', () => {
    expect(() => addDays('2018-02-30', 1)).toThrow(RangeError)
    expect(() => daysBetween('2018-1-1', '2018-01-02')).toThrow(RangeError)
    expect(() => addDays('2018-01-01', 0.5)).toThrow(RangeError)
  })
})

describe('months and quarters', () => {
  it('monthOf / monthStart / monthEnd', () => {
    expect(monthOf('2018-05-17')).toBe('2018-05')
    expect(monthStart('2018-02')).toBe('2018-02-01')
    expect(monthEnd('2018-02')).toBe('2018-02-28')
    expect(monthEnd('2016-02')).toBe('2016-02-29')
    expect(monthEnd('2018-04')).toBe('2018-04-30')
    expect(monthEnd('2018-12')).toBe('2018-12-31')
    expect(() => monthEnd('2018-13')).toThrow(RangeError)
  })
  it('quarterOf at the quarter edges', () => {
    expect(quarterOf('2018-01-01')).toBe('2018-Q1')
    expect(quarterOf('2018-03-31')).toBe('2018-Q1')
    expect(quarterOf('2018-04-01')).toBe('2018-Q2')
    expect(quarterOf('2018-09-30')).toBe('2018-Q3')
    expect(quarterOf('2018-12-31')).toBe('2018-Q4')
  })
  it('quarterMonths', () => {
    expect(quarterMonths('2018-Q2')).toEqual(['2018-04', '2018-05', '2018-06'])
    expect(quarterMonths('2018-Q4')).toEqual(['2018-10', '2018-11', '2018-12'])
    expect(() => quarterMonths('2018-Q5')).toThrow(RangeError)
  })
})

describe('parsePeriod', () => {
  it('reads a month', () => {
    expect(parsePeriod('2018-05')).toEqual({
      kind: 'month', id: '2018-05', year: 2018, month: 5, start: '2018-05-01', end: '2018-05-31',
    })
  })
  it('reads a quarter, also with a lower-case q', () => {
    expect(parsePeriod('2018-Q2')).toEqual({
      kind: 'quarter', id: '2018-Q2', year: 2018, quarter: 2, months: ['2018-04', '2018-05', '2018-06'],
      start: '2018-04-01', end: '2018-06-30',
    })
    expect(parsePeriod('2018-q3')?.id).toBe('2018-Q3')
  })
  it.each(['2018-13', '2018-00', '2018-Q5', '2018-Q0', '2018-5', '18-05', '', '2018-05-01', '2018年5月', '0999-05'])(
    'rejects %j',
    (s) => expect(parsePeriod(s)).toBeNull(),
  )
})

describe('isValidDate', () => {
  it.each(['2016-02-29', '2000-02-29', '2018-12-31', '2018-01-01'])('accepts %s', (d) => {
    expect(isValidDate(d)).toBe(true)
  })
  it.each(['2018-02-29', '1900-02-29', '2018-04-31', '2018-13-01', '2018-00-10', '2018-01-00', '2018-1-5', '0999-01-01', '2018/01/05', ''])(
    'rejects %j',
    (d) => expect(isValidDate(d)).toBe(false),
  )
})
