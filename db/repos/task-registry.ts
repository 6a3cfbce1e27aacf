import type { Db } from '../open'
import type { PlaceFilter, TaskFact } from './facts'
import { groupBy } from '../../src/group-by'

/** What a task row shows besides its progress: the task, where it is, who owns it. */
export type TaskInfo = Omit<TaskFact, 'ratio' | 'lastReportOn' | 'lastReportId' | 'completed' | 'completionId'>

/** The joins that place a task: its village (none for a township's own task), township and owner. */
export const TASK_PLACES = `
  FROM tasks t
  LEFT JOIN villages v ON v.code = t.village_code
  JOIN townships tw ON tw.code = COALESCE(t.township_code, v.township_code)
  LEFT JOIN members m ON m.phone = t.owner_phone`

/** How each kind of place narrows TASK_PLACES (named parameter @id). */
export const PLACE_WHERE: Record<PlaceFilter['kind'], string> = {
  county: '1', zone: 'tw.zone_id = @id', township: 'tw.code = @id', village: 't.village_code = @id',
}
export const placeId = (where: PlaceFilter) => (where.kind === 'county' ? null : where.kind === 'zone' ? where.zoneId : where.code)

interface Snapshot {
  version: number
  /** Every task of the county, by deadline then code — the order of every list below. */
  all: TaskInfo[]
  byCode: Map<string, TaskInfo>
  byZone: Map<number, TaskInfo[]>
  byTownship: Map<string, TaskInfo[]>
  byVillage: Map<string, TaskInfo[]>
}

/**
 * The county's tasks without their progress, kept in memory until the registry changes. Reading them is
 * ~75,000 strings (titles, names, owners) for a county view, ~15 ms and much garbage every time, while
 * they change only on an import or a /认证. `registry_version` (migration 0011), moved by triggers on
 * every table these rows come from, says exactly when to read them again, whichever process wrote.
 */
export function createTaskRegistry(db: Db) {
  const version = db.prepare(`SELECT n FROM registry_version`).pluck()
  const everyTask = db.prepare(`
    SELECT t.code, t.list, t.category, t.title, t.village_code AS villageCode, v.name AS villageName,
           tw.code AS townshipCode, tw.name AS townshipName, tw.zone_id AS zoneId, t.unit,
           t.owner_phone AS ownerPhone, m.name AS ownerName, m.open_id AS ownerOpenId,
           t.target, t.measure, t.start_date AS startDate, t.due_date AS dueDate
    ${TASK_PLACES}
    ORDER BY t.due_date, t.code`)
  let snapshot: Snapshot | undefined

  function current(): Snapshot {
    // The version first: rows read after it are at least that new, so a race can only cause one re-read.
    const v = version.get() as number
    if (snapshot?.version === v) return snapshot
    const all = everyTask.all() as TaskInfo[]
    snapshot = {
      version: v, all,
      byCode: new Map(all.map((t) => [t.code, t])),
      byZone: groupBy(all, (t) => t.zoneId),
      byTownship: groupBy(all, (t) => t.townshipCode),
      byVillage: groupBy(all.filter((t) => t.villageCode !== null), (t) => t.villageCode!),
    }
    return snapshot
  }

  return {
    /** The tasks of a place, by deadline then code. Shared objects: read them, never change them. */
    of(where: PlaceFilter): readonly TaskInfo[] {
      const s = current()
      if (where.kind === 'county') return s.all
      if (where.kind === 'zone') return s.byZone.get(where.zoneId) ?? []
      return (where.kind === 'township' ? s.byTownship : s.byVillage).get(where.code) ?? []
    },
    byCode: (code: string): TaskInfo | undefined => current().byCode.get(code),
  }
}
