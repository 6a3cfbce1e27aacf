/**
 * Progress as work teams type it, in two steps:
 * - `parseProgress` reads the words alone: a completion word, a percentage, `12/15`, or a figure with
 *   or without its unit (`2公里`, `3.2万元`, `12`). It knows nothing about the task.
 * - `readProgress` (./progress-reading.ts) holds that figure against the task's 目标数量 and 单位 (or the 一低五有 item) and
 *   returns exactly what will be stored, or a refusal that names what was understood and what to type.
 * Input is NFKC-normalised first (src/text.ts), so only ASCII digits, '/', '%' and '.' matter.
 */
import { CHINESE_NUMBER_CHARS, parseChineseNumber } from './chinese-number'
import { PERCENT_WORD, PROGRESS_WORDS } from './progress-words'
import { unitOf } from './units'

export type Progress =
  | { kind: 'done' }
  | { kind: 'not-started' }
  | { kind: 'percent'; value: number }
  | { kind: 'fraction'; done: number; total: number; unit: string | null }
  /** A figure; `unit` as typed (null for a bare number). */
  | { kind: 'quantity'; value: number; unit: string | null }

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** Above this nothing a village reports is real (10亿元, a billion households): it is a typo. */
export const MAX_PROGRESS_VALUE = 1e9

const DONE = new Set<string>(PROGRESS_WORDS.done)
const NOT_STARTED = new Set<string>(PROGRESS_WORDS.notStarted)
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`
const FRACTION_RE = new RegExp(`^(${NUM})([^\\d/]*)/(${NUM})([^\\d/]*)$`)
const PERCENT_RE = new RegExp(`^(${NUM})%$`)
const QUANTITY_RE = new RegExp(`^(${NUM})([^\\d]*)$`)
const LEADING_CN_NUMBER = new RegExp(`^[${CHINESE_NUMBER_CHARS}]+`)

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
export const fail = (reason: string): Parsed<never> => ({ ok: false, reason })
const num = (s: string) => Number(s.replace(/,/g, ''))

function sane(n: number, what: string): string | null {
  if (!Number.isFinite(n)) return `${what}不是有效数字`
  if (n > MAX_PROGRESS_VALUE) return `${what}过大（超过 10 亿），请检查是否多输了位数`
  return null
}

export function parseProgress(input: string): Parsed<Progress> {
  const typed = input.trim()
  let s = typed.replace(/\s+/g, '').toLowerCase()
  if (s === '') return fail('没有写进度')
  const word = wordOf(s)
  if (word) return ok(word)
  s = stripTrailing(s)
  const spoken = wordOf(s)
  if (spoken) return ok(spoken)
  if (/^[-−]/.test(s)) return fail('进度不能为负数')
  s = stripLeading(s)
  const digits = wordsToDigits(s)
  if (digits === null) return fail(`「${typed}」不是进度`)
  s = digits

  let m = FRACTION_RE.exec(s)
  if (m) {
    const done = num(m[1]!)
    const total = num(m[3]!)
    const bad = sane(done, '完成数') ?? sane(total, '总数')
    if (bad) return fail(bad)
    if (m[2] && m[4] && unitOf(m[2])?.name !== unitOf(m[4])?.name) return fail(`「${typed}」前后单位不同`)
    if (total === 0) return fail('总数不能为 0')
    if (done > total) return fail(`完成数 ${done} 大于总数 ${total}`)
    return ok({ kind: 'fraction', done, total, unit: m[4] || m[2] || null })
  }
  m = PERCENT_RE.exec(s)
  if (m) {
    const value = num(m[1]!)
    if (!Number.isFinite(value)) return fail('百分比不是有效数字')
    if (value > 100) return fail(`百分比 ${value}% 超过了 100%`)
    return ok({ kind: 'percent', value })
  }
  m = QUANTITY_RE.exec(s)
  if (m) {
    const value = num(m[1]!)
    const bad = sane(value, '数量')
    if (bad) return fail(bad)
    const unit = m[2] || null
    // A unit is a short word (公里, 万元, 户, or the task's own 单位), never a sentence.
    if (unit !== null && (unit.length > 4 || /[\d%/=]/.test(unit))) return fail(`「${typed}」不是进度`)
    return ok({ kind: 'quantity', value, unit })
  }
  return fail(`「${typed}」不是进度`)
}

function wordOf(s: string): Progress | null {
  if (DONE.has(s)) return { kind: 'done' }
  if (NOT_STARTED.has(s)) return { kind: 'not-started' }
  return null
}

function stripTrailing(s: string): string {
  let out = s
  for (let changed = true; changed;) {
    changed = false
    for (const p of PROGRESS_WORDS.trailing) {
      if (out.endsWith(p) && out.length > p.length) {
        out = out.slice(0, -p.length)
        changed = true
      }
    }
  }
  return out
}

/** `已完成80%` → `80%`; only when a number follows, so `完成` alone stays a word. */
function stripLeading(s: string): string {
  for (const w of PROGRESS_WORDS.leading) {
    const rest = s.slice(w.length)
    if (s.startsWith(w) && /^(\d|百分之|[零〇一二两三四五六七八九十])/.test(rest)) return rest
  }
  return s
}

/** `百分之六十` → `60%`, `两公里` → `2公里`, `三点五万元` → `3.5万元`; null when the words are not a number. */
function wordsToDigits(s: string): string | null {
  let rest = s
  let percent = false
  if (rest.startsWith(PERCENT_WORD)) {
    rest = rest.slice(PERCENT_WORD.length)
    percent = true
    if (rest === '百') return '100%'
  }
  const words = LEADING_CN_NUMBER.exec(rest)?.[0]
  if (words) {
    // 三万元 is 3万元 (a money unit), not 30000元: leave a final 万 to the unit when 元 follows.
    const asUnit = words.endsWith('万') && words.length > 1 && /^元|^块/.test(rest.slice(words.length))
    const spoken = asUnit ? words.slice(0, -1) : words
    const n = parseChineseNumber(spoken)
    if (n === null) return null
    rest = `${n}${rest.slice(spoken.length)}`
  }
  if (percent) return /^[\d.]+$/.test(rest) ? `${rest}%` : null
  return rest
}
