import type { Deps } from '../deps'
import type { VillageRef } from '../../db/repos/lookup'
import type { HouseholdCounts } from '../../db/repos/households'
import type { ItemFact } from '../../db/repos/facts'
import { itemStatus, type ItemStatus } from '../domain/item-status'
import { FIVE_ITEMS, poorPopulationOf, villageStandard, type FiveItem, type VillageStandard } from '../domain/standards'
import { NO_HOUSEHOLDS } from '../../db/repos/households'
import { byUrgency, viewTask, type TaskView } from './tasks'
import { requiredTeamSize } from '../registry/team'

export interface VillageView {
  village: VillageRef
  team: { size: number; required: number }
  standard: VillageStandard
  itemSources: Record<FiveItem, string>
  tasks: TaskView[]
  households: HouseholdCounts
  /** The last records; `photos`: the ids of the photos replied to them as evidence (shown as 📷). */
  recent: { id: number; kind: string; visitedOn: string; summary: string; photos: number[] }[]
}

/** 一低五有 item by item, by the rule of src/domain/item-status.ts. */
export function itemStatuses(items: Partial<Record<FiveItem, ItemFact>>, tasks: TaskView[]): Record<FiveItem, ItemStatus> {
  return Object.fromEntries(FIVE_ITEMS.map((item) => [item, itemStatus(item, tasks, items[item])])) as Record<FiveItem, ItemStatus>
}

/** Everything `/村 进度` and the battle map's village page show, from the records. */
export function villageView(deps: Deps, village: VillageRef, today: string): VillageView {
  const { facts, households, settings } = deps
  const tasks = facts.tasks({ kind: 'village', code: village.code }).map((t) => viewTask(t, today, settings)).sort(byUrgency)
  const items = itemStatuses(facts.villageItems([village.code]).get(village.code) ?? {}, tasks)
  const counts = households.countsByVillage({ kind: 'village', code: village.code }).get(village.code) ?? NO_HOUSEHOLDS
  const standard = villageStandard({
    agriPopulation: village.agriPopulation,
    ...poorPopulationOf(village, counts),
    items: Object.fromEntries(FIVE_ITEMS.filter((i) => items[i].met !== null).map((i) => [i, items[i].met])) as Partial<Record<FiveItem, boolean>>,
  })
  const team = deps.members.teamSize(village.code)
  const recent = deps.records.recent(village.code, 5)
  const photos = deps.evidence.byRecords(recent.map((r) => r.id))
  return {
    village,
    team: { size: team, required: requiredTeamSize(village) },
    standard,
    itemSources: Object.fromEntries(FIVE_ITEMS.map((i) => [i, items[i].source])) as Record<FiveItem, string>,
    tasks,
    households: counts,
    recent: recent.map((r) => ({
      id: r.id, kind: r.kind, visitedOn: r.visitedOn,
      summary: r.kind === 'completion' ? `${r.what} 标记完成` : r.input ? `${r.what} ${r.input}` : r.what,
      photos: photos.get(r.id) ?? [],
    })),
  }
}
