/**
 * The second step of reading progress (the first, `parseProgress`, is in ./progress.ts): a parsed figure
 * held against the task's 目标数量 and 单位, or the 一低五有 item, giving exactly what will be stored or a
 * refusal that names what was understood and what to type (docs/input.md).
 */
import { fail, ok, type Parsed, type Progress } from './progress'
import { convert, isMoney, taskUnit, unitOf, type Unit } from './units'

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
