import type { Db } from '../open'
import { FIVE_ITEMS, type FiveItem } from '../../src/domain/standards'

/** A task with what the records say about it; status and light are derived from this, never stored. */
export interface TaskFact {
  code: string
  list: string
  category: string
  title: string
  villageCode: string | null
  villageName: string | null
  townshipCode: string
  townshipName: string
  zoneId: number
  unit: string | null
  ownerPhone: string | null
  ownerName: string | null
  ownerOpenId: string | null
  target: number | null
  measure: string | null
  startDate: string | null
  dueDate: string
  /** Latest reported progress 0..1 (reports not withdrawn), null when nothing was reported. */
  ratio: number | null
  lastReportOn: string | null
  /** The record number of that latest report, so a published figure can name its source. */
  lastReportId: number | null
  completed: boolean
  /** The `/任务 完成` record, when there is one. */
  completionId: number | null
}

type TaskRow = Omit<TaskFact, 'completed'>

/** What matching a typed 事项 against a village's tasks needs (`/村 上报`). */
export type TaskName = Pick<TaskFact, 'code' | 'title' | 'target'>

export type PlaceFilter =
  | { kind: 'county' }
  | { kind: 'zone'; zoneId: number }
  | { kind: 'township'; code: string }
  | { kind: 'village'; code: string }

export interface ItemFact { done: boolean; amount: number | null; input: string; on: string; recordId: number }

/** "Now": every record counts. Visit dates are never in the future, so this is the latest of them. */
const ALL_RECORDS = '9999-12-31'

const TASKS = `
  SELECT t.code, t.list, t.category, t.title, t.village_code AS villageCode, v.name AS villageName,
         tw.code AS townshipCode, tw.name AS townshipName, tw.zone_id AS zoneId, t.unit,
         t.owner_phone AS ownerPhone, m.name AS ownerName, m.open_id AS ownerOpenId,
         t.target, t.measure, t.start_date AS startDate, t.due_date AS dueDate,
         lr.ratio, lr.visited_on AS lastReportOn, lr.record_id AS lastReportId,
         (SELECT MIN(c.record_id) FROM completions c JOIN records rc ON rc.id = c.record_id
          WHERE c.task_code = t.code AND rc.withdrawn_at IS NULL AND rc.visited_on <= @asOf) AS completionId
  FROM tasks t
  LEFT JOIN villages v ON v.code = t.village_code
  JOIN townships tw ON tw.code = COALESCE(t.township_code, v.township_code)
  LEFT JOIN members m ON m.phone = t.owner_phone
  LEFT JOIN reports lr ON lr.record_id = (
    SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id AND rr.withdrawn_at IS NULL
    WHERE r.task_code = t.code AND r.visited_on <= @asOf ORDER BY r.visited_on DESC, r.record_id DESC LIMIT 1)`

/**
 * The read side of the campaign: what the records say about tasks, village items and households, for a
 * place. Chat commands, the battle map and the jobs all read through here, so they agree by construction.
 */
export function createFacts(db: Db) {
  const tasksBy = {
    county: db.prepare(`${TASKS} ORDER BY t.due_date, t.code`),
    zone: db.prepare(`${TASKS} WHERE tw.zone_id = ? ORDER BY t.due_date, t.code`),
    township: db.prepare(`${TASKS} WHERE tw.code = ? ORDER BY t.due_date, t.code`),
    village: db.prepare(`${TASKS} WHERE t.village_code = ? ORDER BY t.due_date, t.code`),
  }
  const taskByCode = db.prepare(`${TASKS} WHERE t.code = ?`)
  // Matching a name needs no progress: a tenth of the cost of the village's full TASKS rows per report.
  const namesOfVillage = db.prepare(`SELECT code, title, target FROM tasks WHERE village_code = ? ORDER BY due_date, code`)
  // Only the tasks past their deadline (what /逾期 lists): about a quarter, so the per-task lookups of
  // TASKS run for those alone (county-wide 53 ms → 10 ms, tests/bench).
  const dueBeforeBy = {
    county: db.prepare(`${TASKS} WHERE t.due_date < @before ORDER BY t.due_date, t.code`),
    zone: db.prepare(`${TASKS} WHERE t.due_date < @before AND tw.zone_id = @id ORDER BY t.due_date, t.code`),
    township: db.prepare(`${TASKS} WHERE t.due_date < @before AND tw.code = @id ORDER BY t.due_date, t.code`),
    village: db.prepare(`${TASKS} WHERE t.due_date < @before AND t.village_code = @id ORDER BY t.due_date, t.code`),
  }
  // Starts from the few item reports (partial index reports_items), not from every record of the villages.
  const itemReports = db.prepare(`
    SELECT rc.village_code AS villageCode, r.item, r.done, r.amount, r.input, r.visited_on AS "on", r.record_id AS recordId
    FROM reports r INDEXED BY reports_items CROSS JOIN records rc ON rc.id = r.record_id
    WHERE r.item IS NOT NULL AND rc.withdrawn_at IS NULL AND rc.village_code IN (SELECT value FROM json_each(?))
      AND r.visited_on <= @asOf
    ORDER BY r.visited_on, r.record_id`)

  function tasks(where: PlaceFilter, asOf = ALL_RECORDS): TaskFact[] {
    const p = { asOf }
    const rows = (where.kind === 'county' ? tasksBy.county.all(p)
      : where.kind === 'zone' ? tasksBy.zone.all(where.zoneId, p)
      : tasksBy[where.kind].all(where.code, p)) as TaskRow[]
    return rows.map(withCompleted)
  }

  /** The latest report of each 五有 item, per village (visited on or before `asOf`). */
  function villageItems(villageCodes: string[], asOf = ALL_RECORDS): Map<string, Partial<Record<FiveItem, ItemFact>>> {
    const out = new Map<string, Partial<Record<FiveItem, ItemFact>>>()
    for (const code of villageCodes) out.set(code, {})
    const rows = itemReports.all(JSON.stringify(villageCodes), { asOf }) as ({ villageCode: string; item: FiveItem; done: number } & Omit<ItemFact, 'done'>)[]
    for (const r of rows) out.get(r.villageCode)![r.item] = { done: r.done === 1, amount: r.amount, input: r.input, on: r.on, recordId: r.recordId }
    return out
  }

  /** The tasks of a place due before `day` (YYYY-MM-DD): the only ones that can be overdue on that day. */
  function tasksDueBefore(where: PlaceFilter, day: string): TaskFact[] {
    const id = where.kind === 'county' ? null : where.kind === 'zone' ? where.zoneId : where.code
    return (dueBeforeBy[where.kind].all({ asOf: ALL_RECORDS, before: day, id }) as TaskRow[]).map(withCompleted)
  }

  return {
    tasks,
    tasksDueBefore,
    /** A village's tasks by name only, in the order of tasks(). */
    taskNames: (villageCode: string) => namesOfVillage.all(villageCode) as TaskName[],
    task: (code: string) => {
      const r = taskByCode.get(code, { asOf: ALL_RECORDS }) as TaskRow | undefined
      return r && withCompleted(r)
    },
    villageItems,
  }
}
export type Facts = ReturnType<typeof createFacts>

const withCompleted = (r: TaskRow): TaskFact => ({ ...r, completed: r.completionId !== null })

/** The task a 五有 item names, if any: a village task whose 事项 mentions the item. */
export function taskForItem(item: FiveItem, villageTasks: TaskFact[]): TaskFact[] {
  return villageTasks.filter((t) => t.title.includes(item))
}

export { FIVE_ITEMS }
