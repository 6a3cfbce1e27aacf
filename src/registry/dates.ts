/** Calendar dates as YYYY-MM-DD strings; arithmetic in UTC so no daylight-saving or host zone leaks in. */

/** The calendar date of an instant in a time zone (the county runs on Asia/Shanghai). */
export function localDate(now: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/**
 * An Excel serial day number as UTC midnight of its calendar day; a time of day is dropped. Workbooks in the
 * 1904 system (old Excel for Mac) count from 1904-01-01, which is serial day 1462 of the 1900 system.
 */
export function excelSerialDate(serial: number, date1904 = false): Date {
  // 1e-8 day: float noise below a millisecond must not push a date back a day
  return new Date(Date.UTC(1899, 11, 30) + (Math.floor(serial + 1e-8) + (date1904 ? 1462 : 0)) * 86_400_000)
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10)
}
