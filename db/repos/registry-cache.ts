import type { Db } from '../open'
import { groupBy } from '../../src/domain/group-by'
import { VILLAGE_SELECT, type VillageRef } from './lookup'

/** What a task row shows besides its progress: the task, where it is, who owns it. */
export interface TaskInfo {
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
}

/** Which part of the county a read is about. */
export type PlaceFilter =
  | { kind: 'county' }
  | { kind: 'zone'; zoneId: number }
  | { kind: 'township'; code: string }
  | { kind: 'village'; code: string }

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

/** Rows of a county, in one order, and the same rows by place. */
interface ByPlace<T> {
  all: T[]
  byZone: Map<number, T[]>
  byTownship: Map<string, T[]>
  byVillage: Map<string, T[]>
}

function byPlace<T extends { zoneId: number; townshipCode: string }>(all: T[], village: (t: T) => string | null): ByPlace<T> {
  return {
    all,
    byZone: groupBy(all, (t) => t.zoneId),
    byTownship: groupBy(all, (t) => t.townshipCode),
    byVillage: groupBy(all.filter((t) => village(t) !== null), (t) => village(t)!),
  }
}

function of<T>(rows: ByPlace<T>, where: PlaceFilter): readonly T[] {
  if (where.kind === 'county') return rows.all
  if (where.kind === 'zone') return rows.byZone.get(where.zoneId) ?? []
  return (where.kind === 'township' ? rows.byTownship : rows.byVillage).get(where.code) ?? []
}

interface Snapshot {
  version: number
  /** Every task by deadline then code. */
  tasks: ByPlace<TaskInfo>
  taskByCode: Map<string, TaskInfo>
  /** Every village by zone, township, code. */
  villages: ByPlace<VillageRef>
}

/**
 * The county's registry as county views show it — tasks without their progress, villages with their
 * places — kept in memory until it changes. Reading it is ~90,000 strings (titles, names, owners) per
 * county view, ~20 ms and much garbage each time, while it changes only on an import or a /认证.
 * `registry_version` (migration 0011), set to a new random value by triggers on every table these rows
 * come from, says exactly when to read again, whichever process wrote (even after a rollback). One per
 * open database, made by createDeps.
 */
/**
 * Triggers it relies on: registry_version_{zone,township,village,member,task}_{insert,update,delete} change
 * registry_version.n on any registry write — by this process, an import or another bot — so the cache
 * knows to reload without being told.
 */
export function createRegistryCache(db: Db) {
  const version = db.prepare(`SELECT n FROM registry_version`).pluck()
  const everyTask = db.prepare(`
    SELECT t.code, t.list, t.category, t.title, t.village_code AS villageCode, v.name AS villageName,
           tw.code AS townshipCode, tw.name AS townshipName, tw.zone_id AS zoneId, t.unit,
           t.owner_phone AS ownerPhone, m.name AS ownerName, m.open_id AS ownerOpenId,
           t.target, t.measure, t.start_date AS startDate, t.due_date AS dueDate
    ${TASK_PLACES}
    ORDER BY t.due_date, t.code`)
  const everyVillage = db.prepare(`${VILLAGE_SELECT} ORDER BY t.zone_id, t.code, v.code`)
  let snapshot: Snapshot | undefined

  function current(): Snapshot {
    // The version first: rows read after it are at least that new, so a race can only cause one re-read.
    const v = version.get() as number
    if (snapshot?.version === v) return snapshot
    // Frozen: the rows are shared by every caller, so a stray write throws instead of changing the county.
    const tasks = (everyTask.all() as TaskInfo[]).map((t) => Object.freeze(t))
    snapshot = {
      version: v,
      tasks: byPlace(tasks, (t) => t.villageCode),
      taskByCode: new Map(tasks.map((t) => [t.code, t])),
      villages: byPlace((everyVillage.all() as VillageRef[]).map((x) => Object.freeze(x)), (x) => x.code),
    }
    return snapshot
  }

  return {
    /** The tasks of a place, by deadline then code. Shared objects: read them, never change them. */
    tasksOf: (where: PlaceFilter): readonly TaskInfo[] => of(current().tasks, where),
    task: (code: string): TaskInfo | undefined => current().taskByCode.get(code),
    /** The villages of a place, by zone, township and code. Shared objects, like the tasks. */
    villagesOf: (where: PlaceFilter): readonly VillageRef[] => of(current().villages, where),
  }
}
export type RegistryCache = ReturnType<typeof createRegistryCache>
