import type { Deps } from '../deps'
import type { VillageRef } from '../registry/resolve'
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
  recent: { id: number; kind: string; visitedOn: string; summary: string }[]
}

/** 一低五有 item by item, by the rule of src/domain/item-status.ts. */
export function itemStatuses(items: Partial<Record<FiveItem, ItemFact>>, tasks: TaskView[]): Record<FiveItem, ItemStatus> {
  return Object.fromEntries(FIVE_ITEMS.map((item) => [item, itemStatus(item, tasks, items[item])])) as Record<FiveItem, ItemStatus>
}

/** Everything `/村 进度` and the battle map's village page show, from the records. */
export function villageView(deps: Deps, village: VillageRef, today: string): VillageView {
  const { facts, households, settings, db } = deps
  const tasks = facts.tasks({ kind: 'village', code: village.code }).map((t) => viewTask(t, today, settings)).sort(byUrgency)
  const items = itemStatuses(facts.villageItems([village.code]).get(village.code) ?? {}, tasks)
  const counts = households.countsByVillage({ kind: 'village', code: village.code }).get(village.code) ?? NO_HOUSEHOLDS
  const standard = villageStandard({
    agriPopulation: village.agriPopulation,
    ...poorPopulationOf(village, counts),
    items: Object.fromEntries(FIVE_ITEMS.filter((i) => items[i].met !== null).map((i) => [i, items[i].met])) as Partial<Record<FiveItem, boolean>>,
  })
  const team = (db.prepare(`SELECT COUNT(*) AS n FROM members WHERE village_code = ? AND role IN ('第一书记', '队长', '队员')`).get(village.code) as { n: number }).n
  const recent = db.prepare(`
    SELECT rc.id, rc.kind, rc.visited_on AS visitedOn,
           COALESCE(t.title, r.item, CASE rc.kind WHEN 'check' THEN '户核查' WHEN 'completion' THEN ct.title WHEN 'sixiao' THEN '"四小"项目' WHEN 'reverify' THEN '抽查复核' ELSE rc.kind END) AS what,
           r.input
    FROM records rc LEFT JOIN reports r ON r.record_id = rc.id LEFT JOIN tasks t ON t.code = r.task_code
    LEFT JOIN completions c ON c.record_id = rc.id LEFT JOIN tasks ct ON ct.code = c.task_code
    WHERE rc.village_code = ? AND rc.withdrawn_at IS NULL ORDER BY rc.id DESC LIMIT 5`).all(village.code) as
    { id: number; kind: string; visitedOn: string; what: string; input: string | null }[]
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
    })),
  }
}
