/**
 * The exit standards of docs/domain.md: household 一超六有, village 一低五有, township 三有.
 *
 * An item nobody has reported on yet is `null`, not `false`: the cards must tell "checked and failed"
 * from "never checked", and both keep the standard from being met.
 */
import { pickByYear } from './by-year'

export const FIVE_ITEMS = ['集体经济', '硬化路', '卫生室', '文化室', '通信网络'] as const
export const SIX_ITEMS = ['住房', '饮水', '用电', '广电', '教育', '医疗'] as const
export const THREE_ITEMS = ['中心校', '卫生院', '便民服务中心'] as const
export type FiveItem = (typeof FIVE_ITEMS)[number]
export type SixItem = (typeof SIX_ITEMS)[number]
export type ThreeItem = (typeof THREE_ITEMS)[number]

/** 一低: poverty incidence strictly below 3%. */
export const LOW_INCIDENCE_THRESHOLD = 0.03

/**
 * Exit income lines in yuan per person per year: the national line at current prices (2014–2019,
 * public figures) and about 4,000 for 2020. Provinces may set theirs higher, so this is configurable.
 */
export const DEFAULT_INCOME_LINES: Readonly<Record<number, number>> = {
  2014: 2800, 2015: 2855, 2016: 2952, 2017: 2952, 2018: 2995, 2019: 3218, 2020: 4000,
}

function checklist<K extends string>(keys: readonly K[], given: Partial<Record<K, boolean>>): Record<K, boolean | null> {
  const out = {} as Record<K, boolean | null>
  for (const k of keys) out[k] = given[k] ?? null
  return out
}

function notMet<K extends string>(keys: readonly K[], items: Record<K, boolean | null>): K[] {
  return keys.filter((k) => items[k] !== true)
}

/**
 * Where 贫困发生率's 贫困人口 comes from (docs/figures.md): the people of the households poor now, once every
 * household of the village is imported; the registry's 贫困人口 otherwise.
 */
export type IncidenceSource = 'households' | 'registry'

export interface VillageStandardInput {
  agriPopulation: number
  poorPopulation: number
  incidenceSource?: IncidenceSource
  items: Partial<Record<FiveItem, boolean>>
}

export interface VillageStandard {
  /** poorPopulation ÷ agriPopulation (0 without an agricultural population). */
  incidence: number
  poorPopulation: number
  agriPopulation: number
  incidenceSource: IncidenceSource
  lowIncidence: boolean
  items: Record<FiveItem, boolean | null>
  meets: boolean
  /** What keeps the village from 一低五有, in display order; '贫困发生率' is the 一低. */
  missing: Array<'贫困发生率' | FiveItem>
}

export function villageStandard(input: VillageStandardInput): VillageStandard {
  // A village with no agricultural population has no one left to be poor (e.g. wholly relocated).
  const incidence = input.agriPopulation > 0 ? input.poorPopulation / input.agriPopulation : 0
  // Both sides are correctly rounded from the same rational at the boundary, so 300/10000 is not < 0.03.
  const lowIncidence = incidence < LOW_INCIDENCE_THRESHOLD
  const items = checklist(FIVE_ITEMS, input.items)
  const missing: Array<'贫困发生率' | FiveItem> = [...(lowIncidence ? [] : ['贫困发生率' as const]), ...notMet(FIVE_ITEMS, items)]
  return {
    incidence, poorPopulation: input.poorPopulation, agriPopulation: input.agriPopulation, incidenceSource: input.incidenceSource ?? 'registry',
    lowIncidence, items, meets: missing.length === 0, missing,
  }
}

/**
 * 贫困发生率's 贫困人口 for a village: from its households' current status when all of them are imported
 * (as many households as the registry's 总户数, and at least one), from the registry's figure otherwise —
 * a partial import would make the village look less poor than it is.
 */
export function poorPopulationOf(registry: { households: number; poorPopulation: number }, imported: { total: number; poorPeople: number }): { poorPopulation: number; incidenceSource: IncidenceSource } {
  return imported.total > 0 && imported.total >= registry.households
    ? { poorPopulation: imported.poorPeople, incidenceSource: 'households' }
    : { poorPopulation: registry.poorPopulation, incidenceSource: 'registry' }
}

/** The exit income line for `year`; see pickByYear for years without their own line. */
export function incomeLine(year: number, lines: Readonly<Record<number, number>> = DEFAULT_INCOME_LINES): number {
  return pickByYear(year, lines).value
}

export interface HouseholdStandardInput {
  /** Per-capita net income and the year of the check that recorded it; null = never checked. */
  income: { value: number; year: number } | null
  items: Partial<Record<SixItem, boolean>>
  lines?: Readonly<Record<number, number>>
}

export interface HouseholdStandard {
  incomeOk: boolean | null
  /** The line the income was compared with; null when there is no income to compare. */
  line: number | null
  items: Record<SixItem, boolean | null>
  meets: boolean
  missing: Array<'收入' | SixItem>
}

export function householdStandard(input: HouseholdStandardInput): HouseholdStandard {
  const lines = input.lines ?? DEFAULT_INCOME_LINES
  const line = input.income ? incomeLine(input.income.year, lines) : null
  // 一超 = strictly above the line: an income equal to the line does not pass.
  const incomeOk = input.income && line !== null ? input.income.value > line : null
  const items = checklist(SIX_ITEMS, input.items)
  const missing: Array<'收入' | SixItem> = [...(incomeOk === true ? [] : ['收入' as const]), ...notMet(SIX_ITEMS, items)]
  return { incomeOk, line, items, meets: missing.length === 0, missing }
}

export interface TownshipThreeHave {
  items: Record<ThreeItem, boolean | null>
  meets: boolean
  missing: ThreeItem[]
}

/** 乡"三有": standard central school, qualified health centre, convenience-service centre. */
export function townshipThreeHave(input: { items: Partial<Record<ThreeItem, boolean>> }): TownshipThreeHave {
  const list = checklist(THREE_ITEMS, input.items)
  const missing = notMet(THREE_ITEMS, list)
  return { items: list, meets: missing.length === 0, missing }
}

const YES = new Set(['是', '达标', '合格', '有', '√', '✓', '✔', 'yes', 'y', '1', 'true'])
const NO = new Set(['否', '不达标', '不合格', '无', '没有', '×', '✗', '✘', 'x', 'no', 'n', '0', 'false'])

/** Answers to a checklist item as people type them; null = not an answer (the command asks again). */
export function parseYesNo(s: string): boolean | null {
  const t = s.trim().toLowerCase()
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return null
}
