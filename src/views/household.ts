import type { Deps } from '../deps'
import type { HouseholdRef, VillageRef } from '../registry/resolve'
import type { CheckItems } from '../../db/repos/records'
import { householdStandard, SIX_ITEMS, type HouseholdStandard, type SixItem } from '../domain/standards'
import { UserError } from '../reply'

/** 一超六有 item → the checks table's column. */
export const SIX_COLUMNS: Record<SixItem, keyof CheckItems> = {
  住房: 'housing', 饮水: 'water', 用电: 'power', 广电: 'tv', 教育: 'education', 医疗: 'medical',
}

export interface HouseholdView {
  household: HouseholdRef
  village: VillageRef
  standard: HouseholdStandard
  income: number | null
  lastCheckedOn: string | null
}

export function householdView(deps: Deps, household: HouseholdRef, village: VillageRef): HouseholdView {
  const s = deps.households.standing(household.code)
  const items: Partial<Record<SixItem, boolean>> = {}
  for (const item of SIX_ITEMS) {
    const v = s?.[SIX_COLUMNS[item]]
    if (v !== null && v !== undefined) items[item] = v === 1
  }
  const income = s?.income !== null && s?.income !== undefined && s.incomeYear !== null ? { value: s.income, year: s.incomeYear } : null
  return {
    household, village,
    standard: householdStandard({ income, items, lines: deps.settings.incomeLines }),
    income: s?.income ?? null,
    lastCheckedOn: s?.lastCheckedOn ?? null,
  }
}

export interface CheckInput {
  income: number | null
  items: CheckItems
  visitedOn: string
  note: string | null
}

/** Stores a household check (command or card form) and refreshes the household's standing. */
export function recordCheck(deps: Deps, who: { openId: string; memberId: number | null }, at: Date, target: { household: HouseholdRef; village: VillageRef }, input: CheckInput, sourceMessageId: string | null): number {
  if (input.income === null && Object.keys(input.items).length === 0) {
    throw new UserError('请至少填写一项：收入、住房、饮水、用电、广电、教育、医疗。')
  }
  const id = deps.records.addCheck({
    kind: 'check', townshipCode: target.village.townshipCode, villageCode: target.village.code,
    authorOpenId: who.openId, authorMemberId: who.memberId, createdAt: at.getTime(), visitedOn: input.visitedOn,
    sourceMessageId, note: input.note,
  }, { householdCode: target.household.code, income: input.income, items: input.items })
  deps.households.rebuildStanding(target.household.code)
  deps.audit.record({ at: at.getTime(), actor: who.openId, action: 'check.add', target: `record:${id}` })
  return id
}

/** Income as typed: 3200, 3200元, 0.32万; per person per year. */
export function parseIncome(s: string): number {
  const m = /^(\d+(?:\.\d+)?)(万)?元?$/.exec(s.trim())
  const value = m ? Number(m[1]) * (m[2] ? 10_000 : 1) : NaN
  if (!Number.isFinite(value)) throw new UserError(`收入「${s}」看不懂，请写人均纯收入（元/人·年），例如 收入=3200。`)
  if (value > 1_000_000) throw new UserError(`收入 ${value} 元/人·年 过大，请检查是否多输了位数。`)
  return Math.round(value * 100) / 100
}
