import type { VillageStandard } from '../domain/standards'
import type { TaskView } from '../views/tasks'
import type { HouseholdCounts } from '../../db/repos/households'
import { householdShare, sharePct } from '../views/figures'

export type TileState = 'red' | 'behind' | 'meets' | 'ontrack'

export const STATES: readonly TileState[] = ['red', 'behind', 'ontrack', 'meets']

export const STATE_LABEL: Record<TileState, string> = {
  red: '有红灯任务',
  behind: '进度滞后',
  ontrack: '进度正常',
  meets: '一低五有达标',
}

/**
 * A village tile's colour. A red task outranks everything (the wall must show where to act, even in a
 * village that already meets the standard); then a met standard; then a late or slipping (黄) task.
 */
export function tileState(v: { standard: Pick<VillageStandard, 'meets'>; tasks: TaskView[] }): TileState {
  if (v.tasks.some((t) => t.light === '红')) return 'red'
  if (v.standard.meets) return 'meets'
  if (v.tasks.some((t) => t.light === '黄')) return 'behind'
  return 'ontrack'
}

/** The figures a tile shows, in the words and rounding of the chat cards: 户达标 and the overdue count. */
export function tileFigures(v: { counts: HouseholdCounts; tasks: TaskView[] }) {
  return {
    householdShare: sharePct(householdShare(v.counts)),
    overdue: v.tasks.filter((t) => t.daysOverdue > 0).length,
  }
}

/** How many tiles are in each state. */
export function stateCounts(tiles: { standard: Pick<VillageStandard, 'meets'>; tasks: TaskView[] }[]): Record<TileState, number> {
  const out: Record<TileState, number> = { red: 0, behind: 0, ontrack: 0, meets: 0 }
  for (const t of tiles) out[tileState(t)] += 1
  return out
}
