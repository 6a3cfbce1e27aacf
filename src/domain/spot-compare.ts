/**
 * How a 复核 is compared with the team's checks (docs/domain.md, "Spot checks"), item by item:
 * - agree / disagree (达标 vs 不达标) / 'unchecked' when the team had not checked the item before the draw;
 * - income disagrees when it differs from the team's figure by more than 10 % of the team's figure, or
 *   when the two lie on different sides of the income line (一超: strictly above it). The line is that of
 *   the 复核's year, for both figures: the question is whether the household clears the line now.
 * A household is in full agreement when every item the 复核 recorded agrees: an item the team never
 * checked is not a disagreement to follow up, but it is not an agreement either.
 */
import { SIX_ITEMS, type SixItem } from './standards'

export type SpotItem = '收入' | SixItem
export const SPOT_ITEMS: readonly SpotItem[] = ['收入', ...SIX_ITEMS]

export type Verdict = 'agree' | 'disagree' | 'unchecked'

/** One side of the comparison: an income (元/人·年) and 六有 items; absent = not recorded. */
export interface ItemValues {
  income: number | null
  items: Partial<Record<SixItem, boolean>>
}

export interface ItemComparison {
  item: SpotItem
  verdict: Verdict
  /** What the team's checks said before the draw (null: nothing), and what the 复核 found. */
  team: number | boolean | null
  found: number | boolean
}

/** Income: more than 10 % apart, or on the other side of the line. Exactly 10 % apart is agreement. */
export function compareIncome(team: number | null, found: number, line: number): Verdict {
  if (team === null) return 'unchecked'
  const otherSide = team > line !== found > line
  // found and team are in 元 with at most 2 decimals: |Δ| × 10 > team is exact where |Δ| > 0.1 × team is not.
  const far = Math.abs(found - team) * 10 > team
  return otherSide || far ? 'disagree' : 'agree'
}

export function compareItem(team: boolean | null | undefined, found: boolean): Verdict {
  if (team === null || team === undefined) return 'unchecked'
  return team === found ? 'agree' : 'disagree'
}

/** The items the 复核 recorded, each compared with the team's value; income first, then 六有 in order. */
export function compareFindings(team: ItemValues, found: ItemValues, line: number): ItemComparison[] {
  const out: ItemComparison[] = []
  if (found.income !== null) out.push({ item: '收入', verdict: compareIncome(team.income, found.income, line), team: team.income, found: found.income })
  for (const item of SIX_ITEMS) {
    const f = found.items[item]
    if (f === undefined) continue
    out.push({ item, verdict: compareItem(team.items[item], f), team: team.items[item] ?? null, found: f })
  }
  return out
}

export const fullAgreement = (comparisons: readonly ItemComparison[]) =>
  comparisons.length > 0 && comparisons.every((c) => c.verdict === 'agree')

/** How far the 复核's income is from the team's, as a share of the team's figure (null when there is none). */
export function incomeGap(team: number | null, found: number): number | null {
  return team === null || team === 0 ? null : Math.abs(found - team) / team
}
