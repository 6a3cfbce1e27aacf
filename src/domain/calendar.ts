/**
 * Working days in mainland China: weekends, public holidays and the 调休 make-up working days announced
 * each year by the State Council (e.g. Sunday 2018-02-11 was a working day, 2018-02-16 a holiday).
 *
 * The schedules come from chinese-days@1.5.7 (2004–2026). We read its published table rather than calling
 * its isWorkday(): that function parses 'YYYY-MM-DD' as UTC midnight but reads the day back in the
 * process's local zone, so on a server west of Greenwich every answer is a day off. A plain lookup of
 * 'YYYY-MM-DD' keys cannot be. A year it does not cover yet (the next one is announced each November) goes in
 * the config file's `calendar` key, one-off changes in `calendarOverrides`.
 */
import { createRequire } from 'node:module'
import { addDays, isValidDate, weekday } from './dates'

interface Schedule {
  /** Holiday dates (including weekend days inside a holiday block). */
  holidays: Record<string, string>
  /** Make-up working days that fall on a weekend. */
  workdays: Record<string, string>
}

const schedule = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Schedule

export type DayOverride = 'work' | 'rest'
export type CalendarOverrides = Readonly<Record<string, DayOverride>>

/** One year's State Council schedule as the config file's `calendar` key holds it: days off and make-up working days. */
export interface YearSchedule {
  /** Days off: 'YYYY-MM-DD' or a range 'YYYY-MM-DD~YYYY-MM-DD' (the notice lists 「2月6日至12日放假」). */
  holidays: readonly string[]
  /** Weekend days that are working days (调休上班). */
  workdays: readonly string[]
}
export type ConfiguredCalendar = Readonly<Record<number, YearSchedule>>

/** The days of one `holidays` entry, or a reason it is not one. */
export function daysOf(entry: string, year: number): string[] | string {
  const parts = entry.split('~').map((x) => x.trim())
  const from = parts[0] ?? ''
  const to = parts[1] ?? from
  if (parts.length > 2 || !isValidDate(from) || !isValidDate(to)) return `「${entry}」应为 YYYY-MM-DD 或 YYYY-MM-DD~YYYY-MM-DD`
  if (Number(from.slice(0, 4)) !== year || Number(to.slice(0, 4)) !== year) return `「${entry}」不在 ${year} 年`
  if (to < from) return `「${entry}」结束早于开始`
  const days = [from]
  while (days.at(-1)! < to) days.push(addDays(days.at(-1)!, 1))
  return days
}

/** The day overrides the scheduler uses: the configured years' schedules, then `calendarOverrides` on top. */
export function dayOverrides(calendar: ConfiguredCalendar, overrides: CalendarOverrides): CalendarOverrides {
  const out: Record<string, DayOverride> = {}
  for (const [year, s] of Object.entries(calendar)) {
    for (const entry of s.holidays) for (const d of daysOf(entry, Number(year)) as string[]) out[d] = 'rest'
    for (const d of s.workdays) out[d] = 'work'
  }
  return { ...out, ...overrides }
}

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

/** Whether `year`'s holiday schedule is known: from the package, or from the config file's `calendar` key. */
export function hasOfficialSchedule(year: number, calendar: ConfiguredCalendar = {}): boolean {
  return coveredYears.has(year) || calendar[year] !== undefined
}

/** The last year the package covers (the warning says how far it goes). */
export const LAST_PACKAGED_YEAR = Math.max(...coveredYears)

/**
 * The year whose holidays are unknown and matter now, or null: from 1 December next year's, from 1 January
 * this year's. Without a schedule every holiday is a working day (reminders go out) and every 调休 Sunday a
 * day off.
 */
export function missingScheduleYear(today: string, calendar: ConfiguredCalendar = {}): number | null {
  const year = Number(today.slice(0, 4))
  if (!hasOfficialSchedule(year, calendar)) return year
  if (today.slice(5) >= '12-01' && !hasOfficialSchedule(year + 1, calendar)) return year + 1
  return null
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
