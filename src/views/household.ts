import type { Deps } from '../deps'
import type { HouseholdRef, VillageRef } from '../../db/repos/lookup'
import type { CheckItems } from '../../db/repos/records'
import { householdStandard, SIX_ITEMS, type HouseholdStandard, type SixItem } from '../domain/standards'
import { UserError } from '../reply'
import { DUPLICATE_WINDOW_MS } from './report'

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

/**
 * Stores a household check (command or card form) and refreshes the household's standing; the same check
 * sent again by the same person within minutes is not stored twice.
 */
export function recordCheck(deps: Deps, who: { openId: string; memberId: number | null }, at: Date, target: { household: HouseholdRef; village: VillageRef }, input: CheckInput, sourceMessageId: string | null): { id: number; duplicate: boolean } {
  const record = {
    kind: 'check' as const, townshipCode: target.village.townshipCode, villageCode: target.village.code,
    authorOpenId: who.openId, authorMemberId: who.memberId, createdAt: at.getTime(), visitedOn: input.visitedOn,
    sourceMessageId, note: input.note,
  }
  const check = { householdCode: target.household.code, income: input.income, items: input.items }
  const same = deps.records.sameCheck(record, check, record.createdAt - DUPLICATE_WINDOW_MS)
  if (same !== undefined) return { id: same, duplicate: true }
  const id = deps.records.addCheck(record, check)
  deps.households.rebuildStanding(target.household.code)
  deps.audit.record({ at: at.getTime(), actor: who.openId, action: 'check.add', target: `record:${id}` })
  return { id, duplicate: false }
}

/**
 * Income as typed: `3200`, `3,200`, `3200元`, `0.32万`, `3200元/人`, `3200元/人·年`; per person per year.
 */
export function parseIncome(s: string): number {
  const m = /^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(万)?(?:元|块)?(?:\/人(?:[·.\/]?年)?|\/年)?$/.exec(s.trim())
  const value = m ? Number(m[1]!.replace(/,/g, '')) * (m[2] ? 10_000 : 1) : NaN
  if (!Number.isFinite(value)) throw new UserError(`收入「${s}」看不懂，请写人均纯收入（元/人·年），例如 收入=3200。`)
  if (value > 1_000_000) throw new UserError(`收入 ${value} 元/人·年 过大，请检查是否多输了位数。`)
  return Math.round(value * 100) / 100
}

const yuan = (n: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n)

/** What this check recorded, item by item: `收入 1,800 元/人·年；住房 否`. */
export function checkedLine(input: CheckInput): string {
  const parts = [
    ...(input.income === null ? [] : [`收入 ${yuan(input.income)} 元/人·年`]),
    ...SIX_ITEMS.filter((i) => input.items[SIX_COLUMNS[i]] !== undefined).map((i) => `${i} ${input.items[SIX_COLUMNS[i]] ? '是' : '否'}`),
  ]
  return parts.join('；')
}

/**
 * The household's 一超六有 after all its checks, failed items (with why) apart from items never checked:
 * "not met" and "not yet looked at" ask for different work.
 */
export function standingLines(v: HouseholdView): string[] {
  const s = v.standard
  if (s.meets) return ['该户现已达到"一超六有"。✅']
  const failed = [
    ...(s.incomeOk === false ? [`收入 ${yuan(v.income!)} 元 ≤ 标准 ${yuan(s.line!)} 元`] : []),
    ...SIX_ITEMS.filter((i) => s.items[i] === false),
  ]
  const unchecked = [...(s.incomeOk === null ? ['收入'] : []), ...SIX_ITEMS.filter((i) => s.items[i] === null)]
  return [
    '该户尚未达到"一超六有"。',
    ...(failed.length ? [`不达标：${failed.join('；')}`] : []),
    ...(unchecked.length ? [`未核查：${unchecked.join('、')}`] : []),
  ]
}
