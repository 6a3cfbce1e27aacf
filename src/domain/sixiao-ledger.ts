/**
 * Which "四小" project of a household's year is the paid one, and what each project earns. Amounts are
 * derived here at read time, never stored: withdrawing the paid project simply leaves it out of the
 * input, and the next one becomes the paid one (docs/domain.md, product rules).
 *
 * "The first" is the first RECORDED (lowest record number), not the earliest project date: a project
 * typed in later with an earlier date must not take the subsidy away from one whose reply already said
 * it was paid.
 */
import { sixiaoRate, sixiaoSubsidy, type HouseholdStatus, type SixiaoRates } from './subsidy'

export const SIXIAO_KINDS = ['种植', '养殖', '加工', '经营'] as const
export type SixiaoKind = (typeof SIXIAO_KINDS)[number]

/** The four industries the strategy names, offered as suggestions in the form. */
export const SIXIAO_SUGGESTIONS: readonly { content: string; kind: SixiaoKind }[] = [
  { content: '南江黄羊', kind: '养殖' },
  { content: '核桃', kind: '种植' },
  { content: '茶叶', kind: '种植' },
  { content: '金银花', kind: '种植' },
]

export interface ProjectFacts {
  id: number
  householdCode: string
  /** Project date, YYYY-MM-DD. */
  visitedOn: string
  /** Registry status on the project date (household_status_history). */
  status: HouseholdStatus
  /** The household's 脱贫年度, to tell a stale 当年脱贫 from a real one. */
  exitYear: number | null
  persons: number
  park: boolean
}

export interface ProjectAmount {
  amount: number
  rule: string
  reason?: string
  /** The status the rule was applied to (see effectiveStatus). */
  status: HouseholdStatus
  /** The configured year whose rates were used. */
  ratesYear: number
}

/**
 * 当年脱贫 means "exits in the project's year". A registry not yet re-imported after New Year still says
 * 当年脱贫 for a household that exited last year: for a later year it is an exited household.
 */
export function effectiveStatus(status: HouseholdStatus, exitYear: number | null, year: number): HouseholdStatus {
  return status === '当年脱贫' && exitYear !== null && exitYear < year ? '已脱贫' : status
}

export interface LedgerRules {
  rates: Readonly<Record<number, SixiaoRates>>
  /** One subsidised project per household per year (settings.sixiaoOnePerYear). */
  onePerYear: boolean
}

/** Amounts for any set of projects not withdrawn (a household's year must be complete in the input). */
export function allocateSixiao<P extends ProjectFacts>(projects: readonly P[], rules: LedgerRules): Map<number, ProjectAmount> {
  const out = new Map<number, ProjectAmount>()
  const paidBy = new Map<string, number>()   // household|year → record id of the paid project
  // The rule is a pure function of a handful of values: a county-wide roll-up computes each one once.
  const memo = new Map<string, ProjectAmount>()
  for (const p of [...projects].sort((a, b) => a.id - b.id)) {
    const year = Number(p.visitedOn.slice(0, 4))
    const key = `${p.householdCode}|${year}`
    const paid = rules.onePerYear ? paidBy.get(key) : undefined
    const status = effectiveStatus(p.status, p.exitYear, year)
    const ruleKey = `${status}|${p.persons}|${year}|${paid === undefined}|${p.park}`
    let a = memo.get(ruleKey)
    if (!a) {
      const s = sixiaoSubsidy({ status, size: p.persons, year, isFirstThisYear: paid === undefined, rates: rules.rates, isPark: p.park })
      a = { amount: s.amount, rule: s.rule, ...(s.reason ? { reason: s.reason } : {}), status, ratesYear: sixiaoRate({ status, year, rates: rules.rates }).ratesYear }
      memo.set(ruleKey, a)
    }
    if (a.amount > 0) paidBy.set(key, p.id)
    // Name the paid project in the reason, so a 0 元 line says which one took the year's subsidy.
    out.set(p.id, a.reason?.startsWith('本年度已享受') && paid !== undefined ? { ...a, reason: `${a.reason}（#${paid}）` } : a)
  }
  return out
}

/** '种植', '小种植' → '种植'; anything else → null. */
export function parseSixiaoKind(s: string): SixiaoKind | null {
  const k = s.trim().replace(/^小/, '')
  return (SIXIAO_KINDS as readonly string[]).includes(k) ? (k as SixiaoKind) : null
}
