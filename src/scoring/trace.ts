import type { TaskView } from '../views/tasks'
import type { VillageRow } from '../views/area'
import type { ItemFact } from '../../db/repos/facts'
import { itemStatus } from '../domain/item-status'
import { FIVE_ITEMS, type FiveItem } from '../domain/standards'
import { daysBetween } from '../domain/dates'
import type { TaskTrace, VillageTrace } from '../domain/ranking'

const round4 = (x: number) => Math.round(x * 10_000) / 10_000

/** A task as the score saw it, with the record numbers behind its progress. */
export function taskTrace(t: TaskView, asOf: string, currencyDays: number): TaskTrace {
  return {
    code: t.code,
    title: t.title,
    village: t.villageName,
    start: t.startDate,
    due: t.dueDate,
    started: t.started,
    done: t.done,
    expected: round4(t.expected),
    actual: round4(t.actual),
    // Same rule as domain/score: nothing expected yet means nothing is behind.
    share: t.started ? round4(t.expected > 0 ? Math.min(1, Math.max(0, t.actual) / t.expected) : 1) : null,
    light: t.light,
    reportId: t.lastReportId,
    reportOn: t.lastReportOn,
    completionId: t.completionId,
    current: t.open ? t.lastReportOn !== null && daysBetween(t.lastReportOn, asOf) <= currencyDays : null,
  }
}

/** A village's 一低五有 as the score saw it: what is missing, and where each item's status came from. */
export function villageTrace(v: VillageRow, items: Partial<Record<FiveItem, ItemFact>>): VillageTrace {
  const sources: Record<string, string> = {}
  for (const item of FIVE_ITEMS) {
    const ref = itemStatus(item, v.tasks, items[item]).ref
    if (ref) sources[item] = ref
  }
  return { code: v.code, name: v.name, category: v.category, meets: v.standard.meets, missing: [...v.standard.missing], sources }
}
