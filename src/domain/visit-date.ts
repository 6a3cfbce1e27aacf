/**
 * A visit date as people type it: `2026-12-01`, `2026/12/1`, `2026.12.1`, `2026年12月1日`, `12月1日`,
 * `12月1号`, `今天`, `昨天`, `前天`. Never in the future, never before the campaign started. A date
 * without a year is this year's, unless that is months ahead: in January `12月28日` is last December's,
 * but `6月20日` typed on 15 June is refused as a future day, not read as a year ago.
 */
import { addDays, daysBetween, isValidDate } from './dates'
import type { Parsed } from './progress'

/** A yearless date further ahead than this is last year's (a visit is never planned in a report). */
const LAST_YEAR_AFTER_DAYS = 60
const RELATIVE: Record<string, number> = { 今天: 0, 今日: 0, 昨天: -1, 昨日: -1, 前天: -2 }
const FULL = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/
const MONTH_DAY = /^(\d{1,2})[月/-](\d{1,2})[日号]?$/

/** Whether a word is meant as a date (so a date is never swallowed into a remark). */
export function looksLikeDate(word: string): boolean {
  return word in RELATIVE || FULL.test(word) || MONTH_DAY.test(word)
}

export function parseVisitDate(input: string, today: string, campaignStart: string): Parsed<string> {
  const s = input.trim()
  const example = `例如 日期=${today} 或 日期=昨天`
  let date: string | null = null
  if (s in RELATIVE) date = addDays(today, RELATIVE[s]!)
  let m = FULL.exec(s)
  if (m) date = iso(m[1]!, m[2]!, m[3]!)
  m = MONTH_DAY.exec(s)
  if (m) {
    const thisYear = iso(today.slice(0, 4), m[1]!, m[2]!)
    const monthsAhead = isValidDate(thisYear) && daysBetween(today, thisYear) > LAST_YEAR_AFTER_DAYS
    date = monthsAhead ? iso(String(Number(today.slice(0, 4)) - 1), m[1]!, m[2]!) : thisYear
  }
  if (date === null) return { ok: false, reason: `日期「${s}」看不出是哪一天，${example}` }
  if (!isValidDate(date)) return { ok: false, reason: `日期「${s}」不存在` }
  if (date > today) return { ok: false, reason: `日期 ${date} 还没到，走访日期不能晚于今天（${today}）` }
  if (date < campaignStart) return { ok: false, reason: `日期 ${date} 早于攻坚开始日期 ${campaignStart}` }
  return { ok: true, value: date }
}

const iso = (y: string, m: string, d: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`
