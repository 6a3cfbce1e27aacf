import type { Statement } from 'better-sqlite3'
import type { Db } from '../open'
import type { FiveItem, ThreeItem } from '../../src/domain/standards'
import { PLACE_WHERE, placeId, TASK_PLACES, type PlaceFilter, type RegistryCache, type TaskInfo } from './registry-cache'

/** A task with what the records say about it; status and light are derived from this, never stored. */
export interface TaskFact extends TaskInfo {
  /** Latest reported progress 0..1 (reports not withdrawn), null when nothing was reported. */
  ratio: number | null
  lastReportOn: string | null
  /** The record number of that latest report, so a published figure can name its source. */
  lastReportId: number | null
  completed: boolean
  /** The first record that made the task done: a `/任务 完成`, or a report that reached the target. */
  completionId: number | null
}

/** What matching a typed 事项 against a village's tasks needs (`/村 上报`). */
export type TaskName = Pick<TaskFact, 'code' | 'title' | 'target' | 'measure' | 'startDate'>

export type { PlaceFilter }

export interface ItemFact { done: boolean; amount: number | null; input: string; on: string; recordId: number }

/** "Now": every record counts. Visit dates are never in the future, so this is the latest of them. */
const ALL_RECORDS = '9999-12-31'

/** Each task's progress now: the trigger-kept task_progress (migration 0010). */
const PROGRESS_NOW = `SELECT t.code, p.ratio, p.visited_on, p.report_id, p.completion_id ${TASK_PLACES}
  JOIN task_progress p ON p.task_code = t.code`
const PROGRESS_ROWS = `SELECT task_code, ratio, visited_on, report_id, completion_id FROM task_progress`

/**
 * Each task's progress as of a past day (@asOf): its latest report visited by then, sought per task, and
 * whether it was done by then (a completion, or any report that reached the target; migration 0013).
 */
const PROGRESS_AS_OF = `SELECT t.code, lr.ratio, lr.visited_on, lr.record_id,
         (SELECT MIN(id) FROM (
            SELECT c.record_id AS id FROM completions c JOIN records rc ON rc.id = c.record_id
            WHERE c.task_code = t.code AND rc.withdrawn_at IS NULL AND rc.visited_on <= @asOf
            UNION ALL
            SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id
            WHERE r.task_code = t.code AND r.done = 1 AND rr.withdrawn_at IS NULL AND r.visited_on <= @asOf))
  ${TASK_PLACES}
  LEFT JOIN reports lr ON lr.record_id = (
    SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id AND rr.withdrawn_at IS NULL
    WHERE r.task_code = t.code AND r.visited_on <= @asOf ORDER BY r.visited_on DESC, r.record_id DESC LIMIT 1)`

/** A progress row, read with `.raw()`: [code, ratio, visited_on, report_id, completion_id]. */
type Progress = [string, number | null, string | null, number | null, number | null]
const NO_PROGRESS: Progress = ['', null, null, null, null]

/** One object literal shape for every task (V8 builds a 22-key spread ~10× slower). */
const withProgress = (t: TaskInfo, p: Progress = NO_PROGRESS): TaskFact => ({
  code: t.code, list: t.list, category: t.category, title: t.title, villageCode: t.villageCode, villageName: t.villageName,
  townshipCode: t.townshipCode, townshipName: t.townshipName, zoneId: t.zoneId, unit: t.unit, ownerPhone: t.ownerPhone,
  ownerName: t.ownerName, ownerOpenId: t.ownerOpenId, target: t.target, measure: t.measure, startDate: t.startDate,
  dueDate: t.dueDate, ratio: p[1], lastReportOn: p[2], lastReportId: p[3], completionId: p[4], completed: p[4] !== null,
})

/**
 * The read side of the campaign: what the records say about tasks, village items and households, for a
 * place. Chat commands, the battle map and the jobs all read through here, so they agree by construction.
 * A task is its registry row (cached, db/repos/registry-cache.ts) joined in memory with its progress.
 */
/**
 * Triggers it relies on (0010): task_progress_report, task_progress_completion and task_progress_withdrawal
 * keep task_progress — each task's latest progress — in step with every record written or withdrawn, so a
 * list of a county's tasks reads one row per task instead of folding its reports.
 */
export function createFacts(db: Db, registry: RegistryCache) {
  const byPlace = (sql: string) => Object.fromEntries(Object.entries(PLACE_WHERE).map(([kind, where]) =>
    [kind, db.prepare(`${sql} WHERE ${where}`).raw()])) as Record<PlaceFilter['kind'], Statement>
  // The whole county needs no place joins: every row of task_progress (~2 ms less on a county view).
  const progressNow = { ...byPlace(PROGRESS_NOW), county: db.prepare(PROGRESS_ROWS).raw() }
  const progressAsOf = byPlace(PROGRESS_AS_OF)
  const progressOfTask = db.prepare(`${PROGRESS_ROWS} WHERE task_code = ?`).raw()
  // Starts from the few item reports (partial index reports_items), not from every record of the villages.
  const itemReports = db.prepare(`
    SELECT rc.village_code AS villageCode, r.item, r.done, r.amount, r.input, r.visited_on AS "on", r.record_id AS recordId
    FROM reports r INDEXED BY reports_items CROSS JOIN records rc ON rc.id = r.record_id
    WHERE r.item IS NOT NULL AND rc.withdrawn_at IS NULL AND rc.village_code IN (SELECT value FROM json_each(?))
      AND r.visited_on <= @asOf
    ORDER BY r.visited_on, r.record_id`)

  const townshipItemReports = db.prepare(`
    SELECT rc.township_code AS townshipCode, r.item, r.done, r.amount, r.input, r.visited_on AS "on", r.record_id AS recordId
    FROM reports r INDEXED BY reports_items CROSS JOIN records rc ON rc.id = r.record_id
    WHERE r.item IS NOT NULL AND rc.village_code IS NULL AND rc.withdrawn_at IS NULL
      AND rc.township_code IN (SELECT value FROM json_each(?)) AND r.visited_on <= @asOf
    ORDER BY r.visited_on, r.record_id`)

  function progressOf(where: PlaceFilter, asOf: string | undefined): Map<string, Progress> {
    const rows = (asOf === undefined ? progressNow[where.kind].all({ id: placeId(where) })
      : progressAsOf[where.kind].all({ id: placeId(where), asOf })) as Progress[]
    return new Map(rows.map((r) => [r[0], r]))
  }

  /** The tasks of a place by deadline, with their progress: now, or as of a past day (records visited by then). */
  function tasks(where: PlaceFilter, asOf?: string): TaskFact[] {
    const progress = progressOf(where, asOf)
    return registry.tasksOf(where).map((t) => withProgress(t, progress.get(t.code)))
  }

  /** The latest report of each 五有 item, per village (visited on or before `asOf`). */
  function villageItems(villageCodes: string[], asOf = ALL_RECORDS): Map<string, Partial<Record<FiveItem, ItemFact>>> {
    const out = new Map<string, Partial<Record<FiveItem, ItemFact>>>()
    for (const code of villageCodes) out.set(code, {})
    const rows = itemReports.all(JSON.stringify(villageCodes), { asOf }) as ({ villageCode: string; item: FiveItem; done: number } & Omit<ItemFact, 'done'>)[]
    for (const r of rows) out.get(r.villageCode)![r.item] = { done: r.done === 1, amount: r.amount, input: r.input, on: r.on, recordId: r.recordId }
    return out
  }

  /** The latest report of each 乡"三有" item, per township (visited on or before `asOf`). */
  function townshipItems(townshipCodes: string[], asOf = ALL_RECORDS): Map<string, Partial<Record<ThreeItem, ItemFact>>> {
    const out = new Map<string, Partial<Record<ThreeItem, ItemFact>>>()
    for (const code of townshipCodes) out.set(code, {})
    const rows = townshipItemReports.all(JSON.stringify(townshipCodes), { asOf }) as ({ townshipCode: string; item: ThreeItem; done: number } & Omit<ItemFact, 'done'>)[]
    for (const r of rows) out.get(r.townshipCode)![r.item] = { done: r.done === 1, amount: r.amount, input: r.input, on: r.on, recordId: r.recordId }
    return out
  }

  /** The tasks of a place due before `day` (YYYY-MM-DD): the only ones that can be overdue on that day. */
  function tasksDueBefore(where: PlaceFilter, day: string): TaskFact[] {
    const progress = progressOf(where, undefined)
    return registry.tasksOf(where).filter((t) => t.dueDate < day).map((t) => withProgress(t, progress.get(t.code)))
  }

  return {
    tasks,
    tasksDueBefore,
    /** A village's tasks by name only (matching a typed 事项 needs no progress), in the order of tasks(). */
    /** The tasks a report can name: a village's, or a township's own (not its villages'). */
    taskNames: (where: { kind: 'village' | 'township'; code: string }): readonly TaskName[] =>
      where.kind === 'village' ? registry.tasksOf(where) : registry.tasksOf(where).filter((t) => t.villageCode === null),
    task: (code: string): TaskFact | undefined => {
      const t = registry.task(code)
      return t && withProgress(t, progressOfTask.get(code) as Progress | undefined)
    },
    villageItems,
    townshipItems,
  }
}
export type Facts = ReturnType<typeof createFacts>
