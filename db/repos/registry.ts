import type { Db } from '../open'
import type {
  HouseholdRow, MemberRow, TaskRow, TownshipRow, VillageRow, ZoneRow,
} from '../../src/registry/types'

export type Value = string | number | null
export type SheetTable = 'zones' | 'townships' | 'villages' | 'households' | 'members' | 'tasks'

/** One registry table as the importer sees it: rows as value arrays (key first) in a fixed column order. */
export interface TableAccess<Row> {
  toValues(row: Row): Value[]
  /** Every stored row, keyed by its import key, in toValues order. */
  snapshot(): Map<string, Value[]>
  upsert(values: Value[]): void
}

/**
 * Prepared statements for the county registry: import upserts, the lookups references need, counts
 * (chat bindings and the audit trail have their own repos: bindings.ts, audit.ts).
 * Zones are addressed by name everywhere the import sees them; the id stays internal.
 */
export function createRegistryRepo(db: Db) {
  const table = <Row>(select: string, upsert: string, toValues: (r: Row) => Value[]): TableAccess<Row> => {
    const sel = db.prepare(select).raw(true)
    const ups = db.prepare(upsert)
    return {
      toValues,
      snapshot: () => new Map((sel.all() as Value[][]).map((v) => [String(v[0]), v])),
      upsert: (values) => { ups.run(values) },
    }
  }
  const zoneId = '(SELECT id FROM zones WHERE name = ?)'
  const tables = {
    zones: table<ZoneRow>(
      'SELECT name, commander_name, commander_phone FROM zones',
      `INSERT INTO zones (name, commander_name, commander_phone) VALUES (?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET commander_name = excluded.commander_name, commander_phone = excluded.commander_phone`,
      (r) => [r.name, r.commanderName, r.commanderPhone],
    ),
    townships: table<TownshipRow>(
      'SELECT t.code, t.name, t.kind, z.name FROM townships t JOIN zones z ON z.id = t.zone_id',
      `INSERT INTO townships (code, name, kind, zone_id) VALUES (?, ?, ?, ${zoneId})
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, zone_id = excluded.zone_id`,
      (r) => [r.code, r.name, r.kind, r.zoneName],
    ),
    villages: table<VillageRow>(
      `SELECT code, name, township_code, category, planned_exit_year, households, agri_population, poor_population
       FROM villages`,
      `INSERT INTO villages (code, name, township_code, category, planned_exit_year, households, agri_population,
                             poor_population) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, township_code = excluded.township_code,
         category = excluded.category, planned_exit_year = excluded.planned_exit_year, households = excluded.households,
         agri_population = excluded.agri_population, poor_population = excluded.poor_population`,
      (r) => [r.code, r.name, r.townshipCode, r.category, r.plannedExitYear, r.households, r.agriPopulation, r.poorPopulation],
    ),
    households: table<HouseholdRow>(
      'SELECT code, village_code, head_name, id_number, size, attribute, status, exit_year, helper, phone FROM households',
      `INSERT INTO households (code, village_code, head_name, id_number, size, attribute, status, exit_year, helper, phone)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET village_code = excluded.village_code, head_name = excluded.head_name,
         id_number = excluded.id_number, size = excluded.size, attribute = excluded.attribute, status = excluded.status,
         exit_year = excluded.exit_year, helper = excluded.helper, phone = excluded.phone`,
      (r) => [r.code, r.villageCode, r.headName, r.idNumber, r.size, r.attribute, r.status, r.exitYear, r.helper, r.phone],
    ),
    members: table<MemberRow>(
      `SELECT m.phone, m.name, m.role, z.name, m.township_code, m.village_code, m.open_id
       FROM members m LEFT JOIN zones z ON z.id = m.zone_id`,
      `INSERT INTO members (phone, name, role, zone_id, township_code, village_code, open_id)
       VALUES (?, ?, ?, ${zoneId}, ?, ?, ?)
       ON CONFLICT(phone) DO UPDATE SET name = excluded.name, role = excluded.role, zone_id = excluded.zone_id,
         township_code = excluded.township_code, village_code = excluded.village_code, open_id = excluded.open_id`,
      (r) => [r.phone, r.name, r.role, r.zoneName, r.townshipCode, r.villageCode, r.openId],
    ),
    tasks: table<TaskRow>(
      `SELECT code, list, category, title, village_code, township_code, unit, owner_phone, target, measure, start_date,
              due_date FROM tasks`,
      `INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, owner_phone, target, measure,
                          start_date, due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(code) DO UPDATE SET list = excluded.list, category = excluded.category, title = excluded.title,
         village_code = excluded.village_code, township_code = excluded.township_code, unit = excluded.unit,
         owner_phone = excluded.owner_phone, target = excluded.target, measure = excluded.measure,
         start_date = excluded.start_date, due_date = excluded.due_date`,
      (r) => [r.code, r.list, r.category, r.title, r.villageCode, r.townshipCode, r.unit, r.ownerPhone, r.target,
        r.measure, r.startDate, r.dueDate],
    ),
  }

  const pairs = (sql: string) => () => db.prepare(sql).raw(true).all() as [string, string][]
  const zoneNames = pairs('SELECT name, name FROM zones')
  const townshipZones = pairs('SELECT t.code, z.name FROM townships t JOIN zones z ON z.id = t.zone_id')
  const villageTownships = pairs('SELECT code, township_code FROM villages')
  const openIds = pairs('SELECT open_id, phone FROM members WHERE open_id IS NOT NULL')
  const allZones = db.prepare('SELECT id, name FROM zones ORDER BY id')
  const villageTeams = db.prepare(`
    SELECT v.code, v.name, t.name AS townshipName, z.name AS zoneName, v.category, v.households,
           (SELECT count(*) FROM members m WHERE m.village_code = v.code AND m.role IN ('第一书记', '队长', '队员')) AS team
    FROM villages v JOIN townships t ON t.code = v.township_code JOIN zones z ON z.id = t.zone_id
    ORDER BY z.id, t.code, v.code`)
  const unlinkedOwners = db.prepare(`
    SELECT t.owner_phone AS phone, max(m.name) AS name, count(*) AS tasks
    FROM tasks t LEFT JOIN members m ON m.phone = t.owner_phone
    WHERE t.owner_phone IS NOT NULL AND m.open_id IS NULL
    GROUP BY t.owner_phone ORDER BY tasks DESC, t.owner_phone`)

  return {
    tables,
    storedKeys: () => ({
      zoneNames: new Set(zoneNames().map(([n]) => n)),
      townshipZone: new Map(townshipZones()),
      villageTownship: new Map(villageTownships()),
      openIdPhone: new Map(openIds()),
    }),
    zones: () => allZones.all() as { id: number; name: string }[],
    /** Row count of a table, 0 when it does not exist (yet): stats must work on any schema version. */
    count: (tableName: string, where = '') => countRows(db, tableName, where),
    villageTeams: () => villageTeams.all() as VillageTeam[],
    unlinkedTaskOwners: () => unlinkedOwners.all() as { phone: string; name: string | null; tasks: number }[],
  }
}

export type RegistryRepo = ReturnType<typeof createRegistryRepo>
export interface VillageTeam {
  code: string; name: string; townshipName: string; zoneName: string; category: string; households: number; team: number
}

function countRows(db: Db, tableName: string, where: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(tableName)
  if (!exists) return 0
  return (db.prepare(`SELECT count(*) AS n FROM "${tableName.replace(/"/g, '""')}" ${where}`).get() as { n: number }).n
}
