/** Calendar dates as YYYY-MM-DD strings; arithmetic in UTC so no daylight-saving or host zone leaks in. */

/** The calendar date of an instant in a time zone (the county runs on Asia/Shanghai). */
export function localDate(now: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}
