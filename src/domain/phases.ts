import { daysBetween, isValidDate } from './dates'

/** One stage of the campaign and its last day (null: the county has not set it yet). */
export interface Phase {
  name: string
  end: string | null
}

/**
 * The campaign document's seven stages (docs/domain.md, "Campaign phases"). Their dates are the county's
 * to set in the config file (`phases`), so none is given here.
 */
export const DEFAULT_PHASES: Phase[] = ['集中攻坚', '绣花帮扶', '县级自验', '整改补短', '自查自验', '查漏补缺', '接受验收']
  .map((name) => ({ name, end: null }))

/**
 * What is wrong with a list of phases, for the config check: names twice, a day that does not exist, days
 * out of order, or a dated phase after an undated one — the dated phases must be the first ones, or which
 * phase is current could not be told.
 */
export function phasesProblem(phases: readonly Phase[]): { index: number; message: string } | null {
  const seen = new Set<string>()
  let undated = -1
  for (const [i, p] of phases.entries()) {
    if (seen.has(p.name)) return { index: i, message: `阶段「${p.name}」写了两次` }
    seen.add(p.name)
    if (p.end === null) {
      if (undated < 0) undated = i
      continue
    }
    if (!isValidDate(p.end)) return { index: i, message: `${p.end} 不是有效的日期` }
    if (undated >= 0) return { index: i, message: `「${p.name}」有截止日期，而它前面的「${phases[undated]!.name}」没有：请按顺序填写` }
    const before = phases[i - 1]
    if (before?.end && before.end >= p.end) return { index: i, message: `「${p.name}」的截止日期 ${p.end} 应晚于「${before.name}」的 ${before.end}` }
  }
  return null
}

export type PhaseState = 'done' | 'current' | 'later' | 'unset'

/**
 * Each phase's state on `today`: the current one is the first that has not ended — the first whose end is
 * today or later, else the first without a date. After the last day of the last phase, none is current;
 * with no dates at all, nothing can be told ('unset') rather than guessed.
 */
export function phaseStates(phases: readonly Phase[], today: string): { phase: Phase; state: PhaseState }[] {
  if (phases.every((p) => p.end === null)) return phases.map((phase) => ({ phase, state: 'unset' }))
  const current = phases.findIndex((p) => p.end === null || p.end >= today)
  return phases.map((phase, i) => ({ phase, state: current < 0 || i < current ? 'done' : i === current ? 'current' : 'later' }))
}

export function currentPhase(phases: readonly Phase[], today: string): Phase | null {
  return phaseStates(phases, today).find((s) => s.state === 'current')?.phase ?? null
}

/** The heading line of the monthly review and the map: `当前阶段：县级自验（截至 2018-08-31，还有 12 天）`. */
export function phaseLine(phases: readonly Phase[], today: string): string {
  const p = currentPhase(phases, today)
  if (phases.every((x) => x.end === null)) return '当前阶段：未设定（各阶段截止日期由县里在配置文件 phases 中填写）'
  if (!p) return `各阶段已于 ${phases.at(-1)!.end} 结束`
  return `当前阶段：${p.name}（${deadline(p, today)}）`
}

/** `截至 2018-08-31，还有 12 天`, `截至 2018-08-31，今天截止`, or that the date is not set. */
export function deadline(p: Phase, today: string): string {
  if (p.end === null) return '截止日期未设定'
  const left = daysBetween(today, p.end)
  return `截至 ${p.end}，${left === 0 ? '今天截止' : `还有 ${left} 天`}`
}
