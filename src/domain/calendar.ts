/**
 * Working days in mainland China: weekends, public holidays and the 调休 make-up working days announced
 * each year by the State Council (e.g. Sunday 2018-02-11 was a working day, 2018-02-16 a holiday).
 *
 * The schedules come from chinese-days@1.5.7 (2004–2026). We read its published table rather than calling
 * its isWorkday(): that function parses 'YYYY-MM-DD' as UTC midnight but reads the day back in the
 * process's local zone, so on a server west of Greenwich every answer is a day off. A plain lookup of
 * 'YYYY-MM-DD' keys cannot be. Years it does not cover yet (2027 is announced each November) go in the
 * override map from the config file.
 */
import { createRequire } from 'node:module'
import { isValidDate, weekday } from './dates'

interface Schedule {
  /** Holiday dates (including weekend days inside a holiday block). */
  holidays: Record<string, string>
  /** Make-up working days that fall on a weekend. */
  workdays: Record<string, string>
}

const schedule = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Schedule

export type DayOverride = 'work' | 'rest'
export type CalendarOverrides = Readonly<Record<string, DayOverride>>

export function isWorkingDay(date: string, overrides: CalendarOverrides = {}): boolean {
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`)
  const o = overrides[date]
  if (o) return o === 'work'
  if (schedule.workdays[date] !== undefined) return true
  if (schedule.holidays[date] !== undefined) return false
  const d = weekday(date)
  return d >= 1 && d <= 5
}

const coveredYears = new Set(
  [...Object.keys(schedule.holidays), ...Object.keys(schedule.workdays)].map((d) => Number(d.slice(0, 4))),
)

/** Whether the package knows `year`'s holiday schedule; if not, the scheduler should warn the admins. */
export function hasOfficialSchedule(year: number): boolean {
  return coveredYears.has(year)
}

export interface QuietHours {
  /** First quiet hour (0–23), e.g. 21 for 21:00. */
  start: number
  /** First hour no longer quiet, e.g. 8 for 08:00. */
  end: number
}

export const DEFAULT_QUIET_HOURS: QuietHours = { start: 21, end: 8 }

/**
 * Reminders wait outside quiet hours. The window may wrap midnight (21→8); start === end means no
 * quiet hours at all.
 */
export function isQuietHour(hour: number, quiet: QuietHours = DEFAULT_QUIET_HOURS): boolean {
  if (quiet.start === quiet.end) return false
  if (quiet.start < quiet.end) return hour >= quiet.start && hour < quiet.end
  return hour >= quiet.start || hour < quiet.end
}
