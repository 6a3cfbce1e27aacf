import type { Deps } from '../deps'
import type { DrawnHousehold, TeamSnapshot } from '../../db/repos/spot-draws'
import type { ClosureRow, FindingsWhere, FollowUpCheck, ReverifyRow } from '../../db/repos/spot-findings'
import { compareFindings, fullAgreement, type ItemComparison, type ItemValues, type SpotItem } from '../domain/spot-compare'
import { incomeLine, SIX_ITEMS } from '../domain/standards'
import { groupBy } from '../domain/group-by'
import { SIX_COLUMNS } from './household'

/**
 * What the spot checks found, household by household (docs/domain.md, "Spot checks"): the 复核 of a drawn
 * household folded item by item (each item's latest 复核 in that draw), compared with what the team's checks
 * said before the draw, and each disagreement's follow-up — closed by the team's next /户 核查 that records
 * the item (it states the corrected value), or by an admin's /抽查 关闭 with a reason.
 */
export interface Disagreement {
  item: SpotItem
  team: number | boolean | null
  found: number | boolean
  /** The 复核 that found it. */
  recordId: number
  openedAt: number
  visitedOn: string
  by: string | null
  closed: { kind: 'check'; recordId: number; at: number; value: number | boolean } | { kind: 'admin'; reason: string; by: string | null; at: number } | null
}

export interface Finding {
  household: DrawnHousehold
  team: ItemValues
  found: ItemValues
  comparisons: ItemComparison[]
  agrees: boolean
  reverifications: ReverifyRow[]
  /** Which 复核 gave each item's value (the latest that recorded it). */
  source: Map<SpotItem, ReverifyRow>
  disagreements: Disagreement[]
}

type Values = Pick<TeamSnapshot, 'income' | 'housing' | 'water' | 'power' | 'tv' | 'education' | 'medical'>

/** A row's income and 六有 items as ItemValues (null columns left out). */
export function valuesOf(row: Values): ItemValues {
  const items: ItemValues['items'] = {}
  for (const item of SIX_ITEMS) {
    const v = row[SIX_COLUMNS[item]]
    if (v !== null) items[item] = v === 1
  }
  return { income: row.income, items }
}

const key = (drawId: number, code: string) => `${drawId}|${code}`

/** The findings of every re-verified household of a place (or a draw), from what was typed by `until`. */
export function findings(deps: Pick<Deps, 'spotFindings' | 'settings'>, where: FindingsWhere, until: number): Finding[] {
  const households = deps.spotFindings.reverifiedHouseholds(where, until)
  if (households.length === 0) return []
  const revs = groupBy(deps.spotFindings.reverifications(where, until), (r) => key(r.drawId, r.householdCode))
  const closures = groupBy(deps.spotFindings.closures(where, until), (c) => key(c.drawId, c.householdCode))
  const first = [...revs.values()].reduce((min, rs) => Math.min(min, rs[0]!.recordId), Number.POSITIVE_INFINITY)
  const later = groupBy(deps.spotFindings.followUps(households.map((h) => h.householdCode), first, until), (c) => c.householdCode)
  return households.map((h) => findingOf(h, revs.get(key(h.drawId, h.householdCode)) ?? [], later.get(h.householdCode) ?? [],
    closures.get(key(h.drawId, h.householdCode)) ?? [], deps.settings.incomeLines))
}

function findingOf(h: DrawnHousehold, revs: ReverifyRow[], checks: FollowUpCheck[], closures: ClosureRow[], lines: Readonly<Record<number, number>>): Finding {
  // Each item's latest 复核 in this draw: which record found it, and the value.
  const source = new Map<SpotItem, ReverifyRow>()
  for (const r of revs) {
    if (r.income !== null) source.set('收入', r)
    for (const item of SIX_ITEMS) if (r[SIX_COLUMNS[item]] !== null) source.set(item, r)
  }
  const found: ItemValues = { income: source.get('收入')?.income ?? null, items: {} }
  for (const item of SIX_ITEMS) {
    const r = source.get(item)
    if (r) found.items[item] = r[SIX_COLUMNS[item]] === 1
  }
  const team = valuesOf(h)
  const incomeYear = Number((source.get('收入')?.visitedOn ?? '0').slice(0, 4))
  const comparisons = compareFindings(team, found, incomeLine(incomeYear, lines))
  const disagreements = comparisons.filter((c) => c.verdict === 'disagree').map((c): Disagreement => {
    const r = source.get(c.item)!
    return { item: c.item, team: c.team, found: c.found, recordId: r.recordId, openedAt: r.createdAt, visitedOn: r.visitedOn, by: r.authorName, closed: closing(c.item, r, checks, closures) }
  })
  return { household: h, team, found, comparisons, agrees: fullAgreement(comparisons), reverifications: revs, source, disagreements }
}

/**
 * What closed a disagreement the 复核 `by` found: whichever came first of a team check recording the item
 * after it and an admin's closing that covers it — both by the record sequence, never by the clock.
 */
function closing(item: SpotItem, by: ReverifyRow, checks: FollowUpCheck[], closures: ClosureRow[]): Disagreement['closed'] {
  const valueOf = (c: FollowUpCheck) => (item === '收入' ? c.income : c[SIX_COLUMNS[item]] === null ? null : c[SIX_COLUMNS[item]] === 1)
  const check = checks.find((c) => c.recordId > by.recordId && valueOf(c) !== null)
  const admin = closures.find((c) => c.through >= by.recordId)
  if (check && (!admin || check.createdAt <= admin.closedAt)) return { kind: 'check', recordId: check.recordId, at: check.createdAt, value: valueOf(check)! }
  return admin ? { kind: 'admin', reason: admin.reason, by: admin.closedByName, at: admin.closedAt } : null
}

export const openDisagreements = (f: Finding) => f.disagreements.filter((d) => d.closed === null)
