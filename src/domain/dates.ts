/**
 * Calendar arithmetic on plain 'YYYY-MM-DD' strings.
 *
 * Deadlines, report dates and periods are calendar days in the county, not instants: keeping them as
 * strings means a server clock in UTC (or a test runner in any zone) can never shift a deadline by a day.
 * The only place an instant becomes a day is `localDate`, and it always names the time zone.
 * Helpers throw RangeError on malformed input: callers validate what users type with `isValidDate` /
 * `parsePeriod` first, so a throw here is a programming error, not a user mistake.
 */

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

const DAY_MS = 86_400_000
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH_RE = /^(\d{4})-(\d{2})$/
const QUARTER_RE = /^(\d{4})-[Qq]([1-4])$/

export type Period =
  | { kind: 'month'; id: string; year: number; month: number; start: string; end: string }
  | { kind: 'quarter'; id: string; year: number; quarter: 1 | 2 | 3 | 4; months: string[]; start: string; end: string }

// Intl formatters are expensive to build; one per zone is plenty.
const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23',
    })
    formatters.set(tz, f)
  }
  return f
}

function part(parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string {
  const p = parts.find((x) => x.type === type)
  if (!p) throw new RangeError(`Intl did not return ${type}`)
  return p.value
}

/** The calendar day `now` falls on in `tz`. */
export function localDate(now: Date, tz: string = DEFAULT_TIME_ZONE): string {
  const minute = Math.floor(now.getTime() / 60_000)
  const last = lastDate.get(tz)
  if (last?.minute === minute) return last.date
  const parts = formatter(tz).formatToParts(now)
  const date = `${part(parts, 'year')}-${part(parts, 'month')}-${part(parts, 'day')}`
  lastDate.set(tz, { minute, date })
  return date
}
// formatToParts costs microseconds and every command asks for today's date. Zone offsets are whole minutes,
// so the date cannot change within a minute: the last answer per zone is kept.
const lastDate = new Map<string, { minute: number; date: string }>()

const stampFormatters = new Map<string, Intl.DateTimeFormat>()

/** An instant as people read it in `tz`, to the minute: `2018-06-15 12:00`. */
export function localStamp(ms: number, tz: string = DEFAULT_TIME_ZONE): string {
  let f = stampFormatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    stampFormatters.set(tz, f)
  }
  const p = f.formatToParts(new Date(ms))
  return `${part(p, 'year')}-${part(p, 'month')}-${part(p, 'day')} ${part(p, 'hour')}:${part(p, 'minute')}`
}

/** The hour (0–23) on the wall clock in `tz`; used for quiet hours. */
export function localHour(now: Date, tz: string = DEFAULT_TIME_ZONE): number {
  return Number(part(formatter(tz).formatToParts(now), 'hour'))
}

/** How far the wall clock in `tz` is ahead of UTC at `at`, in minutes (Asia/Shanghai: 480). */
export function utcOffsetMinutes(tz: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    .formatToParts(at)
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(part(parts, type))
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'))
  return Math.round((wall - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000)
}

/** The instant the wall clock in `tz` shows `hour`:00 on `date` ('2018-06-15', 9, Asia/Shanghai → 01:00 UTC). */
export function atLocalHour(date: string, hour: number, tz: string = DEFAULT_TIME_ZONE): Date {
  const wall = toUtcMs(date) + hour * 3_600_000
  const guess = wall - utcOffsetMinutes(tz, new Date(wall)) * 60_000
  // The offset at the answer, not at the guess: they differ when a daylight-saving change lies between.
  return new Date(wall - utcOffsetMinutes(tz, new Date(guess)) * 60_000)
}

/** True only for dates that exist: '2018-02-29' and '2018-13-01' are false. */
export function isValidDate(s: string): boolean {
  const m = DATE_RE.exec(s)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  // Years below 1000 are typos, and Date.UTC would read 0–99 as 1900–1999.
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false
  return d <= daysInMonth(y, mo)
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC so no zone can move it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

// Views compute lights for every task of the county (~25,000 day differences over a few hundred distinct
// dates): remembering the parsed dates makes that a lookup instead of a validation each time.
const utcMs = new Map<string, number>()

function toUtcMs(date: string): number {
  const known = utcMs.get(date)
  if (known !== undefined) return known
  if (!isValidDate(date)) throw new RangeError(`not a date: ${date}`)
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)))
  if (utcMs.size >= 20_000) utcMs.clear()
  utcMs.set(date, ms)
  return ms
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of days: ${n}`)
  return fromUtcMs(toUtcMs(date) + n * DAY_MS)
}

/** b − a in whole days: daysBetween('2018-03-31', '2018-04-01') = 1. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(b) - toUtcMs(a)) / DAY_MS)
}

/** Day of the week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  return new Date(toUtcMs(date)).getUTCDay()
}

export function monthOf(date: string): string {
  toUtcMs(date)
  return date.slice(0, 7)
}

function checkMonth(month: string): [number, number] {
  const m = MONTH_RE.exec(month)
  const y = Number(m?.[1])
  const mo = Number(m?.[2])
  if (!m || y < 1000 || mo < 1 || mo > 12) throw new RangeError(`not a month: ${month}`)
  return [y, mo]
}

export function monthStart(month: string): string {
  checkMonth(month)
  return `${month}-01`
}

export function monthEnd(month: string): string {
  const [y, mo] = checkMonth(month)
  return `${month}-${String(daysInMonth(y, mo)).padStart(2, '0')}`
}

export function quarterOf(date: string): string {
  toUtcMs(date)
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`
}

export function quarterMonths(quarter: string): string[] {
  const m = QUARTER_RE.exec(quarter)
  if (!m) throw new RangeError(`not a quarter: ${quarter}`)
  const first = (Number(m[2]) - 1) * 3 + 1
  return [first, first + 1, first + 2].map((mo) => `${m[1]}-${String(mo).padStart(2, '0')}`)
}

/**
 * What a user may type after `/排名` or `--period`: 'YYYY-MM' or 'YYYY-Qn' (a lower-case q is accepted
 * and normalised, since people type it). Anything else is null so the command can show its usage.
 */
export function parsePeriod(s: string): Period | null {
  const text = s.trim()
  const mm = MONTH_RE.exec(text)
  if (mm) {
    const month = Number(mm[2])
    if (Number(mm[1]) < 1000 || month < 1 || month > 12) return null
    return { kind: 'month', id: text, year: Number(mm[1]), month, start: monthStart(text), end: monthEnd(text) }
  }
  const qm = QUARTER_RE.exec(text)
  if (qm && Number(qm[1]) >= 1000) {
    const id = `${qm[1]}-Q${qm[2]}`
    const months = quarterMonths(id)
    return {
      kind: 'quarter', id, year: Number(qm[1]), quarter: Number(qm[2]) as 1 | 2 | 3 | 4, months,
      start: monthStart(months[0]!), end: monthEnd(months[2]!),
    }
  }
  return null
}

/**
 * An Excel serial day number as UTC midnight of its calendar day; a time of day is dropped. Workbooks in the
 * 1904 system (old Excel for Mac) count from 1904-01-01, which is serial day 1462 of the 1900 system.
 */
export function excelSerialDate(serial: number, date1904 = false): Date {
  // 1e-8 day: float noise below a millisecond must not push a date back a day
  return new Date(Date.UTC(1899, 11, 30) + (Math.floor(serial + 1e-8) + (date1904 ? 1462 : 0)) * 86_400_000)
}
