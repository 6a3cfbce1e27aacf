import type { Deps } from '../deps'
import type { DrawRow, DrawnHousehold } from '../../db/repos/spot-draws'
import { householdStandard } from '../domain/standards'
import { findings, type Finding } from './spot-findings'
import { valuesOf } from './spot-findings'

/** A draw with its list and what its 复核 found so far. */
export interface DrawView {
  draw: DrawRow
  households: DrawnHousehold[]
  /** By 户编号: the households re-verified. */
  findings: Map<string, Finding>
}

export function drawView(deps: Pick<Deps, 'spotDraws' | 'spotFindings' | 'settings'>, draw: DrawRow, until: number): DrawView {
  const found = findings(deps, { kind: 'draw', drawId: draw.id }, until)
  return { draw, households: deps.spotDraws.households(draw.id), findings: new Map(found.map((f) => [f.household.householdCode, f])) }
}

/** `当年脱贫、已脱贫` from a draw's stored statuses; `全部` for every status. */
export function statusesLabel(statuses: string): string {
  return statuses.split(',').length >= 5 ? '全部户' : statuses.split(',').join('、')
}

/**
 * What the team's checks said of a drawn household before the draw, in one line: `2018-05-20 核查：达标`,
 * `… 未达标（收入、住房）`, with the items never checked apart, or that there was no check at all.
 */
export function teamSaid(h: DrawnHousehold, lines: Readonly<Record<number, number>>): string {
  if (h.checkedOn === null) return '抽查前工作队未核查'
  const v = valuesOf(h)
  const s = householdStandard({ income: v.income !== null && h.incomeYear !== null ? { value: v.income, year: h.incomeYear } : null, items: v.items, lines })
  if (s.meets) return `工作队 ${h.checkedOn} 核查：达标`
  const failed = s.missing.filter((i) => (i === '收入' ? s.incomeOk === false : s.items[i] === false))
  const unchecked = s.missing.filter((i) => !failed.includes(i))
  return `工作队 ${h.checkedOn} 核查：未达标（${[...(failed.length ? [`不达标 ${failed.join('、')}`] : []), ...(unchecked.length ? [`未核查 ${unchecked.join('、')}`] : [])].join('；')}）`
}
