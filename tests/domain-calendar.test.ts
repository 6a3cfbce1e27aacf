import { afterEach, describe, expect, it } from 'vitest'
import { hasOfficialSchedule, isQuietHour, isWorkingDay } from '../src/domain/calendar'

describe('isWorkingDay', () => {
  it.each([
    ['2018-02-11', true], // Sunday, 调休 make-up working day for the Spring Festival
    ['2018-02-24', true], // Saturday, make-up working day
    ['2018-02-16', false], // Friday, Spring Festival
    ['2018-02-21', false], // Wednesday, Spring Festival
    ['2018-06-18', false], // Monday, 端午
    ['2018-09-29', true], // Saturday, make-up for National Day
    ['2018-10-01', false], // Monday, National Day
    ['2018-12-29', true], // Saturday, make-up for New Year
    ['2018-12-31', false], // Monday, New Year holiday
    ['2018-06-05', true], // ordinary Tuesday
    ['2018-06-09', false], // ordinary Saturday
    ['2026-02-14', true], // Saturday, make-up working day
    ['2026-02-16', false], // Monday, Spring Festival
  ])('%s → %s', (date, expected) => {
    expect(isWorkingDay(date)).toBe(expected)
  })

  it('falls back to weekdays for a year the package does not cover', () => {
    expect(hasOfficialSchedule(2018)).toBe(true)
    expect(hasOfficialSchedule(2026)).toBe(true)
    expect(hasOfficialSchedule(2027)).toBe(false)
    expect(isWorkingDay('2027-02-08')).toBe(true) // Monday
    expect(isWorkingDay('2027-02-06')).toBe(false) // Saturday
  })

  it('overrides win, both ways, also over the package', () => {
    const overrides = { '2027-02-06': 'work', '2027-02-08': 'rest', '2018-02-11': 'rest' } as const
    expect(isWorkingDay('2027-02-06', overrides)).toBe(true)
    expect(isWorkingDay('2027-02-08', overrides)).toBe(false)
    expect(isWorkingDay('2018-02-11', overrides)).toBe(false)
    expect(isWorkingDay('2018-02-12', overrides)).toBe(true) // untouched Monday
  })

  it('rejects malformed dates', () => {
    expect(() => isWorkingDay('2018-02-30')).toThrow(RangeError)
  })

  describe('does not depend on the process time zone', () => {
    const saved = process.env.TZ
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ
      else process.env.TZ = saved
    })
    it('gives the same answers west of Greenwich', () => {
      process.env.TZ = 'America/New_York'
      expect(new Date(2018, 0, 1).getTimezoneOffset()).toBeGreaterThan(0) // the zone change took effect
      expect(isWorkingDay('2018-02-11')).toBe(true)
      expect(isWorkingDay('2018-02-16')).toBe(false)
      expect(isWorkingDay('2026-02-14')).toBe(true)
    })
  })
})

describe('isQuietHour', () => {
  it.each([[21, true], [23, true], [0, true], [7, true], [8, false], [12, false], [20, false]])(
    'default 21–8: %i → %s',
    (hour, expected) => expect(isQuietHour(hour)).toBe(expected),
  )
  it('a window that does not wrap midnight', () => {
    const q = { start: 12, end: 14 }
    expect([11, 12, 13, 14].map((h) => isQuietHour(h, q))).toEqual([false, true, true, false])
  })
  it('start = end means no quiet hours', () => {
    expect(isQuietHour(3, { start: 0, end: 0 })).toBe(false)
  })
})
