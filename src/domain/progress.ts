/**
 * Progress as work teams type it, in two steps:
 * - `parseProgress` reads the words alone: a completion word, a percentage, `12/15`, or a figure with
 *   or without its unit (`2公里`, `3.2万元`, `12`). It knows nothing about the task.
 * - `readProgress` holds that figure against the task's 目标数量 and 单位 (or the 一低五有 item) and
 *   returns exactly what will be stored, or a refusal that names what was understood and what to type.
 * Input is NFKC-normalised first (src/text.ts), so only ASCII digits, '/', '%' and '.' matter.
 */
import { CHINESE_NUMBER_CHARS, parseChineseNumber } from './chinese-number'
import { PERCENT_WORD, PROGRESS_WORDS } from './progress-words'
import { convert, isMoney, taskUnit, unitOf, type Unit } from './units'

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

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value })
const fail = (reason: string): Parsed<never> => ({ ok: false, reason })
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

/** What a report is held against: a task's target and unit, or a 一低五有 item. */
export type ProgressTarget =
  | { kind: 'task'; target: number | null; measure: string | null }
  | { kind: 'item'; item: string }

/** Exactly what a report stores. */
export interface Reading {
  /** What was typed: a word, a percentage, a fraction or a figure. */
  kind: Progress['kind']
  /** Share of the target, 0..1; null for a 集体经济 amount (an item with no target). */
  ratio: number | null
  /** The figure in the task's unit (元 for 集体经济), when one was given. */
  amount: number | null
  done: boolean
  /** The figure as stored and echoed: `2 公里`, `80%`, `已完成`, `3.2 万元`. */
  shown: string
}

export const USAGE_HINT = '进度可以写 12/15、80%、2公里、完成 或 未开工'

export function readProgress(p: Progress, on: ProgressTarget): Parsed<Reading> {
  return on.kind === 'task' ? readForTask(p, on.target, taskUnit(on.measure)) : readForItem(p, on.item)
}

function readForTask(p: Progress, target: number | null, unit: Unit | null): Parsed<Reading> {
  const inUnit = (n: number) => `${fmt(n)}${unit ? ` ${unit.name}` : ''}`
  const typed = (n: number) => `${fmt(n)}${unit?.name ?? ''}`
  const targetText = target === null ? '' : `目标 ${inUnit(target)}`
  switch (p.kind) {
    case 'done':
      return ok({ kind: p.kind, ratio: 1, amount: null, done: true, shown: '已完成' })
    case 'not-started':
      return ok({ kind: p.kind, ratio: 0, amount: null, done: false, shown: '未开工' })
    case 'percent':
      return ok({ kind: p.kind, ratio: p.value / 100, amount: null, done: p.value >= 100, shown: `${fmt(p.value)}%` })
    case 'fraction': {
      if (target === null) return ok({ kind: p.kind, ratio: p.done / p.total, amount: null, done: p.done >= p.total, shown: `${fmt(p.done)}/${fmt(p.total)}` })
      const done = toTaskUnit(p.done, p.unit, unit)
      const total = toTaskUnit(p.total, p.unit, unit)
      if (!done.ok) return done
      if (!total.ok) return total
      if (total.value !== target) {
        return fail(`「${fmt(p.done)}/${fmt(p.total)}」的总数 ${fmt(p.total)} 与${targetText}不一致。请写完成的数量（如 ${typed(Math.min(done.value, target))}）或百分比（如 ${fmt(Math.round((p.done / p.total) * 100))}%）`)
      }
      return ok({ kind: p.kind, ratio: done.value / target, amount: done.value, done: done.value >= target, shown: `${fmt(done.value)}/${inUnit(target)}` })
    }
    case 'quantity': {
      if (target === null) return fail(`该任务没有目标数量，「${fmt(p.value)}${p.unit ?? ''}」无从折算。请写百分比（如 80%）、完成 或 未开工`)
      const value = toTaskUnit(p.value, p.unit, unit)
      if (!value.ok) return value
      if (p.unit === null && value.value > target) return fail(overTarget(p.value, target, unit))
      return ok({ kind: p.kind, ratio: Math.min(1, value.value / target), amount: value.value, done: value.value >= target, shown: inUnit(value.value) })
    }
  }
}

/** A figure typed with or without a unit, in the task's unit. */
function toTaskUnit(value: number, typed: string | null, unit: Unit | null): Parsed<number> {
  if (typed === null) return ok(value)
  const from = unitOf(typed) ?? (unit && typed === unit.name ? unit : null)
  if (unit === null) return fail(`该任务没有登记单位，「${fmt(value)}${typed}」无从核对。请写百分比（如 80%）、完成 或 未开工`)
  if (from === null) return fail(`不认识单位「${typed}」：该任务以「${unit.name}」计（备注请和进度用空格隔开）`)
  const converted = convert(value, from, unit)
  if (converted === null) return fail(`该任务以「${unit.name}」计，「${fmt(value)}${typed}」对不上（${from.dimension === '金额' ? '金额不能' : `「${from.name}」不能`}折算成${unit.name}）`)
  return ok(converted)
}

/** A bare number above the target: ask which reading was meant, never pick one. */
function overTarget(n: number, target: number, unit: Unit | null): string {
  const u = unit?.name ?? ''
  const spaced = u ? ` ${u}` : ''
  const readings = [
    ...(n <= 100 ? [`${fmt(n)}%（写 ${fmt(n)}%）`] : []),
    ...(isMoney(unit) && u === '万元' ? [`${fmt(n)} 元（写 ${fmt(n)}元）`] : []),
    ...(u ? [`${fmt(n)}${spaced}（写 ${fmt(n)}${u}）`] : []),
  ]
  const question = readings.length > 0 ? `是哪一个：${readings.join('，还是 ')}？` : '请核实后重写（已完成请写 完成）。'
  return `「${fmt(n)}」比目标 ${fmt(target)}${spaced}还多，${question}`
}

function readForItem(p: Progress, item: string): Parsed<Reading> {
  switch (p.kind) {
    case 'done':
    case 'not-started':
    case 'percent':
    case 'fraction':
      return readForTask(p, null, null)
    case 'quantity': {
      if (item !== '集体经济') return fail(`「${item}」请写 完成、未开工 或百分比（如 80%），不写数量`)
      if (p.unit === null) return fail(`「${fmt(p.value)}」没有单位：集体经济请写金额（如 3.2万元 或 32000元）或百分比（如 50%）`)
      const yuan = toTaskUnit(p.value, p.unit, unitOf('元'))
      if (!yuan.ok) return fail(`集体经济请写金额（如 3.2万元 或 32000元），「${fmt(p.value)}${p.unit}」不是金额`)
      return ok({ kind: p.kind, ratio: null, amount: yuan.value, done: false, shown: money(yuan.value) })
    }
  }
}

/** 32000 → '3.2 万元', 800 → '800 元': the way amounts are said in county reports. */
export function money(yuan: number): string {
  return yuan >= 10_000 ? `${fmt(yuan / 10_000)} 万元` : `${fmt(yuan)} 元`
}

/** At most 4 decimals, no trailing zeros, no exponent. */
export function fmt(n: number): string {
  return String(Number(n.toFixed(4)))
}

/** A ratio as people read it: 66.7%, 100%. */
export function percentOf(ratio: number): string {
  return `${fmt(Math.round(ratio * 1000) / 10)}%`
}
