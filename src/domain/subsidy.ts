/**
 * "四小" (small planting, breeding, processing, business) incremental subsidies, docs/domain.md "Work the
 * campaign tracks": 400 元/person for exited households, 600 not yet exited, 1,000 exiting this year,
 * and 1,000 元 per non-poor household that builds a "四小" park. One subsidised project per household
 * per year. The caller passes the household's status on the project's date, and whether an earlier
 * project that year (not withdrawn) was already paid.
 */
import { pickByYear } from './by-year'

export type HouseholdStatus = '未脱贫' | '当年脱贫' | '已脱贫' | '返贫' | '非贫困户'

export interface SixiaoRates {
  /** 已脱贫, per person. */
  exited: number
  /** 未脱贫 and 返贫, per person. */
  notExited: number
  /** 当年脱贫, per person. */
  exitingThisYear: number
  /** 非贫困户 that builds a "四小" park, per household. */
  nonPoorPark: number
}

export const DEFAULT_SIXIAO_RATES: Readonly<Record<number, SixiaoRates>> = {
  2018: { exited: 400, notExited: 600, exitingThisYear: 1000, nonPoorPark: 1000 },
}

export interface SixiaoRate {
  rate: number
  per: '人' | '户'
  /** How the rule names the household's category, e.g. '返贫户（按未脱贫户）'. */
  label: string
  /** The configured year whose rates were used (a year without its own rates borrows an earlier one). */
  ratesYear: number
}

export function sixiaoRate(input: {
  status: HouseholdStatus
  year: number
  rates?: Readonly<Record<number, SixiaoRates>>
}): SixiaoRate {
  const { year: ratesYear, value: r } = pickByYear(input.year, input.rates ?? DEFAULT_SIXIAO_RATES)
  switch (input.status) {
    case '已脱贫':
      return { rate: r.exited, per: '人', label: '已脱贫户', ratesYear }
    case '未脱贫':
      return { rate: r.notExited, per: '人', label: '未脱贫户', ratesYear }
    // A household that fell back into poverty is, for the subsidy, one that has not exited.
    case '返贫':
      return { rate: r.notExited, per: '人', label: '返贫户（按未脱贫户）', ratesYear }
    case '当年脱贫':
      return { rate: r.exitingThisYear, per: '人', label: '当年脱贫户', ratesYear }
    case '非贫困户':
      return { rate: r.nonPoorPark, per: '户', label: '非贫困户', ratesYear }
  }
}

export interface SixiaoSubsidyInput {
  status: HouseholdStatus
  /** 家庭人口, for the per-person rates. */
  size: number
  year: number
  /** No earlier subsidised (and not withdrawn) project of this household in `year`. */
  isFirstThisYear: boolean
  rates?: Readonly<Record<number, SixiaoRates>>
  /** The project builds a "四小" park; only this earns a non-poor household a subsidy. */
  isPark?: boolean
}

export interface SixiaoSubsidy {
  amount: number
  /** The rule as shown in the ledger, e.g. '未脱贫户 600元/人 × 4人'. */
  rule: string
  /** Why the amount is 0, when it is. */
  reason?: string
}

export function sixiaoSubsidy(input: SixiaoSubsidyInput): SixiaoSubsidy {
  const r = sixiaoRate(input)
  if (r.per === '户') {
    const rule = `${r.label} ${r.rate}元/户（建成"四小"产业园）`
    if (!input.isPark) return { amount: 0, rule, reason: '非贫困户仅在建成"四小"产业园时给予奖补' }
    if (!input.isFirstThisYear) return { amount: 0, rule, reason: '本年度已享受过奖补' }
    return { amount: r.rate, rule }
  }
  if (!Number.isInteger(input.size) || input.size < 1) {
    return { amount: 0, rule: `${r.label} ${r.rate}元/人`, reason: '家庭人口无效，无法计算奖补' }
  }
  const rule = `${r.label} ${r.rate}元/人 × ${input.size}人`
  if (!input.isFirstThisYear) return { amount: 0, rule, reason: '本年度已享受过奖补' }
  return { amount: r.rate * input.size, rule }
}
