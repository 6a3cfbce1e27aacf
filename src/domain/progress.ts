/**
 * Progress as team members type it in `/村 上报 <村> <事项> <进度>`.
 *
 * Input is already NFKC-normalised (see src/text.ts), so only ASCII digits, '/', '%' and '.' matter.
 * A plain number carries no unit, so it is kept as 'number' (in the task's own unit: households, km,
 * yuan…); only an explicit 元 or 万 makes it an 'amount' in yuan. Both are divided by the task's target.
 */

export type Progress =
  | { kind: 'fraction'; done: number; total: number }
  | { kind: 'percent'; value: number }
  | { kind: 'done' }
  | { kind: 'not-started' }
  | { kind: 'amount'; value: number }
  | { kind: 'number'; value: number }

export type ParseResult = { ok: true; value: Progress } | { ok: false; reason: string }
export type RatioResult = { ok: true; ratio: number } | { ok: false; reason: string }

/** Above this nothing a village reports is real (10亿元, a billion households): it is a typo. */
export const MAX_PROGRESS_VALUE = 1e9

const DONE_WORDS = new Set(['完成', '已完成', '完工', '已完工'])
const NOT_STARTED_WORDS = new Set(['未开工', '未开始'])

// A number: digits with an optional decimal part, or digits grouped by thousands ("32,000").
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`
const FRACTION_RE = new RegExp(`^(${NUM})/(${NUM})$`)
const PERCENT_RE = new RegExp(`^(${NUM})%$`)
const WAN_RE = new RegExp(`^(${NUM})万元?$`)
const YUAN_RE = new RegExp(`^(${NUM})元$`)
const PLAIN_RE = new RegExp(`^(${NUM})$`)

const USAGE = '请用 12/15、80%、完成、未开工 或金额（如 32000、3.2万元）'
const NO_TARGET = '该事项没有目标数量，请用 12/15、80% 或 完成'

function num(s: string): number {
  return Number(s.replace(/,/g, ''))
}

function sane(n: number, what: string): string | null {
  if (!Number.isFinite(n)) return `${what}不是有效数字`
  if (n > MAX_PROGRESS_VALUE) return `${what}过大（超过 10 亿），请检查是否多输了位数`
  return null
}

function ok(value: Progress): ParseResult {
  return { ok: true, value }
}

function fail(reason: string): ParseResult {
  return { ok: false, reason }
}

export function parseProgress(input: string): ParseResult {
  const s = input.replace(/\s+/g, '')
  if (s === '') return fail(`请填写进度，${USAGE}`)
  if (DONE_WORDS.has(s)) return ok({ kind: 'done' })
  if (NOT_STARTED_WORDS.has(s)) return ok({ kind: 'not-started' })
  // U+2212 (minus sign) survives NFKC, so check it as well as '-'.
  if (/^[-−]/.test(s)) return fail('进度不能为负数')

  let m = FRACTION_RE.exec(s)
  if (m) {
    const done = num(m[1]!)
    const total = num(m[2]!)
    const bad = sane(done, '完成数') ?? sane(total, '总数')
    if (bad) return fail(bad)
    if (total === 0) return fail('总数不能为 0')
    if (done > total) return fail(`完成数 ${done} 大于总数 ${total}`)
    return ok({ kind: 'fraction', done, total })
  }
  m = PERCENT_RE.exec(s)
  if (m) {
    const value = num(m[1]!)
    if (!Number.isFinite(value)) return fail('百分比不是有效数字')
    if (value > 100) return fail('百分比不能超过 100%')
    return ok({ kind: 'percent', value })
  }
  m = WAN_RE.exec(s)
  if (m) {
    // Round to the fen: 3.2 × 10000 is 32000.000000000004 in binary floating point.
    const value = Math.round(num(m[1]!) * 1_000_000) / 100
    const bad = sane(value, '金额')
    return bad ? fail(bad) : ok({ kind: 'amount', value })
  }
  m = YUAN_RE.exec(s)
  if (m) {
    const value = num(m[1]!)
    const bad = sane(value, '金额')
    return bad ? fail(bad) : ok({ kind: 'amount', value })
  }
  m = PLAIN_RE.exec(s)
  if (m) {
    const value = num(m[1]!)
    const bad = sane(value, '数量')
    return bad ? fail(bad) : ok({ kind: 'number', value })
  }
  return fail(`无法识别的进度「${input.trim()}」，${USAGE}`)
}

/**
 * The share of the task done, 0..1. A fraction carries its own total, so it does not need the target;
 * a bare number or amount does, and over-delivery is capped at 1 (the task is simply done).
 */
export function progressRatio(p: Progress, target: number | null): RatioResult {
  switch (p.kind) {
    case 'done':
      return { ok: true, ratio: 1 }
    case 'not-started':
      return { ok: true, ratio: 0 }
    case 'fraction':
      return { ok: true, ratio: Math.min(1, p.done / p.total) }
    case 'percent':
      return { ok: true, ratio: Math.min(1, p.value / 100) }
    case 'amount':
    case 'number':
      if (target === null || !Number.isFinite(target) || target <= 0) return { ok: false, reason: NO_TARGET }
      return { ok: true, ratio: Math.min(1, p.value / target) }
  }
}

/** 32000 → '3.2万元', 800 → '800元': the way amounts are said in county reports. */
function yuan(value: number): string {
  if (value >= 10_000) return `${trim(value / 10_000, 4)}万元`
  return `${trim(value, 2)}元`
}

function trim(n: number, digits: number): string {
  return String(Number(n.toFixed(digits)))
}

export function describeProgress(p: Progress): string {
  switch (p.kind) {
    case 'done':
      return '已完成'
    case 'not-started':
      return '未开工'
    case 'fraction':
      return `${trim(p.done, 4)}/${trim(p.total, 4)}`
    case 'percent':
      return `${trim(p.value, 2)}%`
    case 'amount':
      return yuan(p.value)
    case 'number':
      return trim(p.value, 4)
  }
}
