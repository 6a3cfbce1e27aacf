import type { Db } from '../open'
import { createTransactions } from '../transactions'
import { createAudit } from './audit'
import { withTriggersSuspended } from './registry-bulk'
import type {
  HouseholdRow, MemberRow, TaskRow, TownshipRow, VillageRow, ZoneRow,
} from './registry-rows'

export type Value = string | number | null
export type SheetTable = 'zones' | 'townships' | 'villages' | 'households' | 'members' | 'tasks'

/** One registry table as the importer sees it: rows as objects keyed like the import template's columns. */
export interface TableAccess<Row> {
  /** Every stored row, keyed by its import key (zones by name, members by phone, the rest by code). */
  snapshot(): Map<string, Row>
  upsert(row: Row): void
}

/**
 * Prepared statements for the county registry: import upserts, the lookups references need, counts
 * (chat bindings and the audit trail have their own repos: bindings.ts, audit.ts).
 * Zones are addressed by name everywhere the import sees them; the id stays internal.
 */
export function createRegistryRepo(db: Db) {
  const table = <Row>(key: keyof Row & string, select: string, upsert: string): TableAccess<Row> => {
    const sel = db.prepare(select)
    const ups = db.prepare(upsert)
    return {
      snapshot: () => new Map((sel.all() as Row[]).map((r) => [String(r[key]), r])),
      upsert: (row) => { ups.run(row as object) },
    }
  }
  const zoneId = '(SELECT id FROM zones WHERE name = @zoneName)'
  const tables = {
    zones: table<ZoneRow>('name',
      'SELECT name, commander_name AS commanderName, commander_phone AS commanderPhone FROM zones',
      `INSERT INTO zones (name, commander_name, commander_phone) VALUES (@name, @commanderName, @commanderPhone)
       ON CONFLICT(name) DO UPDATE SET commander_name = excluded.commander_name, commander_phone = excluded.commander_phone`,
    ),
    townships: table<TownshipRow>('code',
      'SELECT t.code, t.name, t.kind, z.name AS zoneName FROM townships t JOIN zones z ON z.id = t.zone_id',
      `INSERT INTO townships (code, name, kind, zone_id) VALUES (@code, @name, @kind, ${zoneId})
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, kind = excluded.kind, zone_id = excluded.zone_id`,
    ),
    villages: table<VillageRow>('code',
      `SELECT code, name, township_code AS townshipCode, category, planned_exit_year AS plannedExitYear, households,
              agri_population AS agriPopulation, poor_population AS poorPopulation FROM villages`,
      `INSERT INTO villages (code, name, township_code, category, planned_exit_year, households, agri_population,
                             poor_population)
       VALUES (@code, @name, @townshipCode, @category, @plannedExitYear, @households, @agriPopulation, @poorPopulation)
       ON CONFLICT(code) DO UPDATE SET name = excluded.name, township_code = excluded.township_code,
         category = excluded.category, planned_exit_year = excluded.planned_exit_year, households = excluded.households,
         agri_population = excluded.agri_population, poor_population = excluded.poor_population`,
    ),
    households: table<HouseholdRow>('code',
      `SELECT code, village_code AS villageCode, head_name AS headName, id_number AS idNumber, size, attribute, status,
              exit_year AS exitYear, helper, phone FROM households`,
      `INSERT INTO households (code, village_code, head_name, id_number, size, attribute, status, exit_year, helper, phone)
       VALUES (@code, @villageCode, @headName, @idNumber, @size, @attribute, @status, @exitYear, @helper, @phone)
       ON CONFLICT(code) DO UPDATE SET village_code = excluded.village_code, head_name = excluded.head_name,
         id_number = excluded.id_number, size = excluded.size, attribute = excluded.attribute, status = excluded.status,
         exit_year = excluded.exit_year, helper = excluded.helper, phone = excluded.phone`,
    ),
    members: table<MemberRow>('phone',
      `SELECT m.name, m.phone, m.role, z.name AS zoneName, m.township_code AS townshipCode, m.village_code AS villageCode,
              m.open_id AS openId
       FROM members m LEFT JOIN zones z ON z.id = m.zone_id`,
      `INSERT INTO members (phone, name, role, zone_id, township_code, village_code, open_id)
       VALUES (@phone, @name, @role, ${zoneId}, @townshipCode, @villageCode, @openId)
       ON CONFLICT(phone) DO UPDATE SET name = excluded.name, role = excluded.role, zone_id = excluded.zone_id,
         township_code = excluded.township_code, village_code = excluded.village_code, open_id = excluded.open_id`,
    ),
    tasks: table<TaskRow>('code',
      `SELECT code, list, category, title, village_code AS villageCode, township_code AS townshipCode, unit,
              owner_phone AS ownerPhone, target, measure, start_date AS startDate, due_date AS dueDate FROM tasks`,
      `INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, owner_phone, target, measure,
                          start_date, due_date)
       VALUES (@code, @list, @category, @title, @villageCode, @townshipCode, @unit, @ownerPhone, @target, @measure,
               @startDate, @dueDate)
       ON CONFLICT(code) DO UPDATE SET list = excluded.list, category = excluded.category, title = excluded.title,
         village_code = excluded.village_code, township_code = excluded.township_code, unit = excluded.unit,
         owner_phone = excluded.owner_phone, target = excluded.target, measure = excluded.measure,
         start_date = excluded.start_date, due_date = excluded.due_date`,
    ),
  }

  const pairs = (sql: string) => () => db.prepare(sql).raw(true).all() as [string, string][]
  const zoneNames = pairs('SELECT name, name FROM zones')
  const townshipZones = pairs('SELECT t.code, z.name FROM townships t JOIN zones z ON z.id = t.zone_id')
  const villageTownships = pairs('SELECT code, township_code FROM villages')
  const openIds = pairs('SELECT open_id, phone FROM members WHERE open_id IS NOT NULL')
  const householdIds = pairs('SELECT code, id_number FROM households WHERE id_number IS NOT NULL')
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
    /** Many upserts at once, the derived tables made once after them (./registry-bulk.ts). In a transaction. */
    bulk: <T>(write: () => T): T => withTriggersSuspended(db, write),
    storedKeys: () => ({
      zoneNames: new Set(zoneNames().map(([n]) => n)),
      townshipZone: new Map(townshipZones()),
      villageTownship: new Map(villageTownships()),
      openIdPhone: new Map(openIds()),
      householdIds: new Map(householdIds()),
    }),
    /** Row count of a table, 0 when it does not exist (yet): stats must work on any schema version. */
    count: (tableName: string, where = '') => countRows(db, tableName, where),
    villageTeams: () => villageTeams.all() as VillageTeam[],
    unlinkedTaskOwners: () => unlinkedOwners.all() as { phone: string; name: string | null; tasks: number }[],
  }
}

export type RegistryRepo = ReturnType<typeof createRegistryRepo>

/** What an import reads and writes through: the registry tables, the audit trail, and its transaction. */
export const registryStore = (db: Db) => ({ registry: createRegistryRepo(db), audit: createAudit(db), tx: createTransactions(db) })
export type RegistryStore = ReturnType<typeof registryStore>

export interface VillageTeam {
  code: string; name: string; townshipName: string; zoneName: string; category: string; households: number; team: number
}

function countRows(db: Db, tableName: string, where: string): number {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(tableName)
  if (!exists) return 0
  return (db.prepare(`SELECT count(*) AS n FROM "${tableName.replace(/"/g, '""')}" ${where}`).get() as { n: number }).n
}
