import type { Deps } from '../deps'
import type { PlaceFilter } from '../../db/repos/facts'
import type { HouseholdStatus } from '../domain/subsidy'
import type { VillageRef } from '../../db/repos/lookup'
import type { ProjectBasis, ProjectRow } from '../../db/repos/sixiao'
import { allocateSixiao, SIXIAO_KINDS, type ProjectAmount, type SixiaoKind } from '../domain/sixiao-ledger'

export const STATUSES: readonly HouseholdStatus[] = ['未脱贫', '返贫', '当年脱贫', '已脱贫', '非贫困户']

/** A project with its derived subsidy. `status` is the registry status on the date; `ruleStatus` the one the rule used. */
export type SixiaoLine = ProjectRow & Omit<ProjectAmount, 'status'> & { ruleStatus: HouseholdStatus }

export interface SixiaoTotals {
  /** Households in the registry. */
  households: number
  /** Households with at least one project this year. */
  withProject: number
  projects: number
  /** Projects with an amount above 0. */
  paid: number
  amount: number
  byKind: Record<SixiaoKind, number>
  /** By the household's current registry status; each project's amount used the status on its date. */
  byStatus: Record<HouseholdStatus, { households: number; withProject: number; amount: number }>
}

export interface SixiaoRollup {
  year: number
  total: SixiaoTotals
  zones: (SixiaoTotals & { zoneId: number; name: string })[]
  townships: (SixiaoTotals & { code: string; name: string; zoneId: number; zoneName: string })[]
  villages: (SixiaoTotals & { code: string; name: string; townshipCode: string; townshipName: string; zoneId: number; zoneName: string })[]
}

const rules = (deps: Pick<Deps, 'settings'>) => ({ rates: deps.settings.sixiaoRates, onePerYear: deps.settings.sixiaoOnePerYear })

function withAmounts<R extends ProjectBasis>(deps: Pick<Deps, 'settings'>, rows: R[]): (R & Omit<ProjectAmount, 'status'> & { ruleStatus: HouseholdStatus })[] {
  const amounts = allocateSixiao(rows, rules(deps))
  return rows.map((r) => {
    const { status: ruleStatus, ...a } = amounts.get(r.id)!
    return { ...r, ...a, ruleStatus }
  })
}

/** The projects of a place's households in `year` (not withdrawn), with their derived subsidies, in record order. */
export function sixiaoLines(deps: Pick<Deps, 'sixiao' | 'settings'>, filter: PlaceFilter, year: number): SixiaoLine[] {
  return withAmounts(deps, deps.sixiao.projects(filter, year))
}

/** One household's projects of one year. */
export function householdSixiao(deps: Pick<Deps, 'sixiao' | 'settings'>, householdCode: string, year: number): SixiaoLine[] {
  return withAmounts(deps, deps.sixiao.householdYear(householdCode, year))
}

export function emptyTotals(): SixiaoTotals {
  return {
    households: 0, withProject: 0, projects: 0, paid: 0, amount: 0,
    byKind: Object.fromEntries(SIXIAO_KINDS.map((k) => [k, 0])) as Record<SixiaoKind, number>,
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, { households: 0, withProject: 0, amount: 0 }])) as SixiaoTotals['byStatus'],
  }
}

function addInto(t: SixiaoTotals, x: SixiaoTotals) {
  for (const k of ['households', 'withProject', 'projects', 'paid', 'amount'] as const) t[k] += x[k]
  for (const k of SIXIAO_KINDS) t.byKind[k] += x.byKind[k]
  for (const s of STATUSES) for (const f of ['households', 'withProject', 'amount'] as const) t.byStatus[s][f] += x.byStatus[s][f]
}

/**
 * "四小" totals per village, township and zone of a place, for `year` — the roll-up for `/村 四小`,
 * `/战区 进度`, the monthly review and the export, so they all agree by construction.
 */
export function sixiaoRollup(
  deps: Pick<Deps, 'sixiao' | 'settings'>, filter: PlaceFilter, year: number,
  lines: readonly (ProjectBasis & { amount: number })[] = withAmounts(deps, deps.sixiao.basis(filter, year)),
): SixiaoRollup {
  const repo = deps.sixiao
  const villages = new Map(repo.villageHouseholds(filter).map((v) => {
    const t = emptyTotals()
    for (const s of STATUSES) t.byStatus[s].households = v.byStatus[s] ?? 0
    t.households = STATUSES.reduce((n, s) => n + t.byStatus[s].households, 0)
    return [v.villageCode, { code: v.villageCode, name: v.villageName, townshipCode: v.townshipCode, townshipName: v.townshipName, zoneId: v.zoneId, zoneName: v.zoneName, ...t }]
  }))
  const seen = new Set<string>()
  for (const l of lines) {
    const v = villages.get(l.villageCode)
    if (!v) continue
    v.projects++
    v.byKind[l.kind]++
    v.amount += l.amount
    v.byStatus[l.currentStatus].amount += l.amount
    if (l.amount > 0) v.paid++
    if (!seen.has(l.householdCode)) {
      seen.add(l.householdCode)
      v.withProject++
      v.byStatus[l.currentStatus].withProject++
    }
  }
  const townships = new Map<string, SixiaoRollup['townships'][number]>()
  const zones = new Map<number, SixiaoRollup['zones'][number]>()
  const total = emptyTotals()
  for (const v of villages.values()) {
    const t = townships.get(v.townshipCode) ?? { code: v.townshipCode, name: v.townshipName, zoneId: v.zoneId, zoneName: v.zoneName, ...emptyTotals() }
    const z = zones.get(v.zoneId) ?? { zoneId: v.zoneId, name: v.zoneName, ...emptyTotals() }
    addInto(t, v)
    addInto(z, v)
    addInto(total, v)
    townships.set(t.code, t)
    zones.set(z.zoneId, z)
  }
  return { year, total, zones: [...zones.values()], townships: [...townships.values()], villages: [...villages.values()] }
}

export interface VillageLedger {
  village: VillageRef
  year: number
  totals: SixiaoTotals
  lines: SixiaoLine[]
  /** Households of the village with no project this year. */
  without: { code: string; headName: string; status: HouseholdStatus }[]
}

/** `/村 四小`: one village's ledger for a year. */
export function villageLedger(deps: Pick<Deps, 'sixiao' | 'settings'>, village: VillageRef, year: number): VillageLedger {
  const filter = { kind: 'village', code: village.code } as const
  const lines = sixiaoLines(deps, filter, year)
  const totals = sixiaoRollup(deps, filter, year, lines).villages[0] ?? emptyTotals()
  const has = new Set(lines.map((l) => l.householdCode))
  const without = deps.sixiao.householdsOf(village.code).filter((h) => !has.has(h.code))
  return { village, year, totals, lines, without }
}

/**
 * After `/撤销` of a "四小" project: what changed for the household's year, in words (empty when nothing
 * did). Amounts are derived, so nothing is stored; this only tells the user which project is paid now.
 */
export function sixiaoWithdrawNote(deps: Pick<Deps, 'sixiao' | 'settings'>, recordId: number): string {
  const repo = deps.sixiao
  const p = repo.projectOf(recordId)
  if (!p) return ''
  const rows = repo.householdYear(p.householdCode, Number(p.visitedOn.slice(0, 4)), recordId)
  const before = allocateSixiao(rows, rules(deps))
  const after = allocateSixiao(rows.filter((r) => r.id !== recordId), rules(deps))
  if ((before.get(recordId)?.amount ?? 0) === 0) return ''
  const next = rows.find((r) => r.id !== recordId && (after.get(r.id)?.amount ?? 0) > (before.get(r.id)?.amount ?? 0))
  return next
    ? `\n本年度奖补改由 #${next.id}（${next.kind}·${next.content}）享受：${after.get(next.id)!.amount} 元。`
    : '\n该户本年度暂无其他可享受奖补的"四小"项目。'
}
