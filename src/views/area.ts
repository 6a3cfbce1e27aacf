import type { Deps } from '../deps'
import type { ItemFact, PlaceFilter } from '../../db/repos/facts'
import { itemStatus } from '../domain/item-status'
import type { HouseholdCounts } from '../../db/repos/households'
import { NO_HOUSEHOLDS, sumCounts } from '../../db/repos/households'
import { FIVE_ITEMS, THREE_ITEMS, poorPopulationOf, townshipThreeHave, villageStandard, type FiveItem, type ThreeItem, type TownshipThreeHave, type VillageStandard } from '../domain/standards'
import { byUrgency, viewTask, type TaskView } from './tasks'
import { itemStatuses } from './village'
import { groupBy } from '../domain/group-by'
import type { VillageRef } from '../../db/repos/lookup'

export const CATEGORIES = ['预脱贫村', '贫困村', '已脱贫村', '非贫困村'] as const

export interface VillageRow extends VillageRef {
  standard: VillageStandard
  counts: HouseholdCounts
  tasks: TaskView[]
}

export interface TownshipRow {
  code: string
  name: string
  zoneId: number
  villages: VillageRow[]
  /** The township's own tasks (乡镇主体 etc.), not its villages'. */
  ownTasks: TaskView[]
  /** The latest report of each 乡"三有" item. */
  items: Partial<Record<ThreeItem, ItemFact>>
}

export interface AreaView {
  villages: VillageRow[]
  townships: TownshipRow[]
  tasks: TaskView[]
  households: HouseholdCounts
}

/**
 * Every village of a place with its 一低五有 standard, household counts and tasks — the one computation
 * behind /战区 进度, /乡 进度, /逾期, the monthly review, the ranking and the battle map.
 * `o.asOf`: a past day's view — only records visited by then count (pass the same day as `today`).
 */
export function areaView(deps: Deps, where: PlaceFilter, today: string, o: { asOf?: string } = {}): AreaView {
  const { facts, households, settings } = deps
  const villageRows = deps.registryCache.villagesOf(where)
  const tasks = facts.tasks(where, o.asOf).map((t) => viewTask(t, today, settings)).sort(byUrgency)
  const tasksByVillage = groupBy(tasks.filter((t) => t.villageCode !== null), (t) => t.villageCode!)
  const items = facts.villageItems(villageRows.map((v) => v.code), o.asOf)
  const counts = households.countsByVillage(where, o.asOf)

  const villages: VillageRow[] = villageRows.map((v) => {
    const vTasks = tasksByVillage.get(v.code) ?? []
    const status = itemStatuses(items.get(v.code) ?? {}, vTasks)
    const known = Object.fromEntries(FIVE_ITEMS.filter((i) => status[i].met !== null).map((i) => [i, status[i].met])) as Partial<Record<FiveItem, boolean>>
    const c = counts.get(v.code) ?? NO_HOUSEHOLDS
    return { ...v, standard: villageStandard({ agriPopulation: v.agriPopulation, ...poorPopulationOf(v, c), items: known }), counts: c, tasks: vTasks }
  })

  const townshipTasks = groupBy(tasks.filter((t) => t.villageCode === null), (t) => t.townshipCode)
  const threeItems = facts.townshipItems([...new Set(villages.map((v) => v.townshipCode))], o.asOf)
  const townships = new Map<string, TownshipRow>()
  for (const v of villages) {
    if (!townships.has(v.townshipCode)) {
      townships.set(v.townshipCode, { code: v.townshipCode, name: v.townshipName, zoneId: v.zoneId, villages: [], ownTasks: townshipTasks.get(v.townshipCode) ?? [], items: threeItems.get(v.townshipCode) ?? {} })
    }
    townships.get(v.townshipCode)!.villages.push(v)
  }
  return { villages, townships: [...townships.values()], tasks, households: sumCounts(villages.map((v) => v.counts)) }
}

/** Tasks of a township row, its villages' and its own. */
export const townshipTasks = (t: TownshipRow) => [...t.ownTasks, ...t.villages.flatMap((v) => v.tasks)]

/** A place's parts one level down, for comparison: the townships of a zone (or of any view). */
export const townshipParts = (v: AreaView) => v.townships.map((t) => ({ name: t.name, villages: t.villages, tasks: townshipTasks(t) }))

/** The zones of a county view, in zone order, each with its villages and every task of its townships. */
export function zoneParts(v: AreaView) {
  const byZone = groupBy(v.townships, (t) => t.zoneId)
  return [...byZone.entries()].sort((a, b) => a[0] - b[0]).map(([, townships]) => ({
    zoneId: townships[0]!.zoneId,
    name: townships[0]!.villages[0]!.zoneName,
    villages: townships.flatMap((t) => t.villages),
    tasks: townships.flatMap(townshipTasks),
  }))
}

/** Task counts as shown everywhere: done, overdue, red. */
export function taskTally(tasks: TaskView[]) {
  return {
    total: tasks.length,
    done: tasks.filter((t) => t.done).length,
    overdue: tasks.filter((t) => t.daysOverdue > 0).length,
    red: tasks.filter((t) => t.light === '红').length,
  }
}

/** 乡"三有" item by item, by the rule of src/domain/item-status.ts (the township's own tasks, or its reports). */
export function threeHaveOf(t: Pick<TownshipRow, 'ownTasks' | 'items'> | undefined): TownshipThreeHave & { sources: Record<ThreeItem, string> } {
  const statuses = THREE_ITEMS.map((item) => [item, itemStatus(item, t?.ownTasks ?? [], t?.items[item])] as const)
  const known = Object.fromEntries(statuses.filter(([, s]) => s.met !== null).map(([i, s]) => [i, s.met])) as Partial<Record<ThreeItem, boolean>>
  return { ...townshipThreeHave({ items: known }), sources: Object.fromEntries(statuses.map(([i, s]) => [i, s.source])) as Record<ThreeItem, string> }
}
