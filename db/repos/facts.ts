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
  completed: boolean
}

type TaskRow = Omit<TaskFact, 'completed'> & { completed: number }

export type PlaceFilter =
  | { kind: 'county' }
  | { kind: 'zone'; zoneId: number }
  | { kind: 'township'; code: string }
  | { kind: 'village'; code: string }

export interface ItemFact { done: boolean; amount: number | null; input: string; on: string }

const TASKS = `
  SELECT t.code, t.list, t.category, t.title, t.village_code AS villageCode, v.name AS villageName,
         tw.code AS townshipCode, tw.name AS townshipName, tw.zone_id AS zoneId, t.unit,
         t.owner_phone AS ownerPhone, m.name AS ownerName, m.open_id AS ownerOpenId,
         t.target, t.measure, t.start_date AS startDate, t.due_date AS dueDate,
         lr.ratio, lr.visited_on AS lastReportOn,
         EXISTS (SELECT 1 FROM completions c JOIN records rc ON rc.id = c.record_id
                 WHERE c.task_code = t.code AND rc.withdrawn_at IS NULL) AS completed
  FROM tasks t
  LEFT JOIN villages v ON v.code = t.village_code
  JOIN townships tw ON tw.code = COALESCE(t.township_code, v.township_code)
  LEFT JOIN members m ON m.phone = t.owner_phone
  LEFT JOIN reports lr ON lr.record_id = (
    SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id AND rr.withdrawn_at IS NULL
    WHERE r.task_code = t.code ORDER BY r.visited_on DESC, r.record_id DESC LIMIT 1)`

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
  const itemReports = db.prepare(`
    SELECT rc.village_code AS villageCode, r.item, r.done, r.amount, r.input, r.visited_on AS "on"
    FROM records rc JOIN reports r ON r.record_id = rc.id
    WHERE rc.kind = 'report' AND rc.withdrawn_at IS NULL AND r.item IS NOT NULL AND rc.village_code IN (SELECT value FROM json_each(?))
    ORDER BY r.visited_on, r.record_id`)

  function tasks(where: PlaceFilter): TaskFact[] {
    const rows = (where.kind === 'county' ? tasksBy.county.all()
      : where.kind === 'zone' ? tasksBy.zone.all(where.zoneId)
      : tasksBy[where.kind].all(where.code)) as TaskRow[]
    return rows.map((r) => ({ ...r, completed: r.completed === 1 }))
  }

  /** The latest report of each 五有 item, per village. */
  function villageItems(villageCodes: string[]): Map<string, Partial<Record<FiveItem, ItemFact>>> {
    const out = new Map<string, Partial<Record<FiveItem, ItemFact>>>()
    for (const code of villageCodes) out.set(code, {})
    const rows = itemReports.all(JSON.stringify(villageCodes)) as { villageCode: string; item: FiveItem; done: number; amount: number | null; input: string; on: string }[]
    for (const r of rows) out.get(r.villageCode)![r.item] = { done: r.done === 1, amount: r.amount, input: r.input, on: r.on }
    return out
  }

  return {
    tasks,
    task: (code: string) => {
      const r = taskByCode.get(code) as TaskRow | undefined
      return r && { ...r, completed: r.completed === 1 }
    },
    villageItems,
  }
}
export type Facts = ReturnType<typeof createFacts>

/** The task a 五有 item names, if any: a village task whose 事项 mentions the item. */
export function taskForItem(item: FiveItem, villageTasks: TaskFact[]): TaskFact[] {
  return villageTasks.filter((t) => t.title.includes(item))
}

export { FIVE_ITEMS }
