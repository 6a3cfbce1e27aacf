import type { Db } from '../open'

export interface VillageRef {
  code: string
  name: string
  townshipCode: string
  townshipName: string
  zoneId: number
  zoneName: string
  category: '已脱贫村' | '预脱贫村' | '贫困村' | '非贫困村'
  plannedExitYear: number | null
  households: number
  agriPopulation: number
  poorPopulation: number
}

export interface HouseholdRef {
  code: string
  villageCode: string
  headName: string
  idNumber: string | null
  size: number
  attribute: string | null
  status: '未脱贫' | '当年脱贫' | '已脱贫' | '返贫' | '非贫困户'
  exitYear: number | null
}

export interface ZoneName { id: number; name: string }
export interface TownshipRef { code: string; name: string; zoneId: number; zoneName: string }

/** A village with its place and census, as VillageRef (also what the registry cache holds). */
export const VILLAGE_SELECT = `
  SELECT v.code, v.name, v.township_code AS townshipCode, t.name AS townshipName, t.zone_id AS zoneId, z.name AS zoneName,
         v.category, v.planned_exit_year AS plannedExitYear, v.households, v.agri_population AS agriPopulation,
         v.poor_population AS poorPopulation
  FROM villages v JOIN townships t ON t.code = v.township_code JOIN zones z ON z.id = t.zone_id`

const HOUSEHOLD_SELECT = `SELECT code, village_code AS villageCode, head_name AS headName, id_number AS idNumber, size,
                                 attribute, status, exit_year AS exitYear FROM households`

/**
 * Registry rows by code or by name: what the resolver matches typed names against (src/registry/resolve.ts,
 * place.ts), and what a URL or a command names by code. Reads only.
 */
export function createLookup(db: Db) {
  const villageByCode = db.prepare(`${VILLAGE_SELECT} WHERE v.code = ?`)
  const villagesByName = db.prepare(`${VILLAGE_SELECT} WHERE v.name IN (?, ?)`)
  const villageNames = db.prepare(`SELECT DISTINCT name FROM villages`).pluck()
  const townshipsNamed = db.prepare(`SELECT code, name, zone_id AS zoneId FROM townships WHERE code = ? OR name IN (?, ?, ?)`)
  const township = db.prepare(`SELECT t.code, t.name, t.zone_id AS zoneId, z.name AS zoneName
                               FROM townships t JOIN zones z ON z.id = t.zone_id WHERE t.code = ?`)
  const townships = db.prepare(`SELECT t.code, t.name, t.zone_id AS zoneId, z.name AS zoneName
                                FROM townships t JOIN zones z ON z.id = t.zone_id ORDER BY t.code`)
  const zones = db.prepare(`SELECT id, name FROM zones ORDER BY id`)
  const zone = db.prepare(`SELECT id, name FROM zones WHERE id = ?`)
  const householdByCode = db.prepare(`${HOUSEHOLD_SELECT} WHERE code = ?`)
  const householdsByHead = db.prepare(`${HOUSEHOLD_SELECT} WHERE head_name = ? LIMIT 50`)
  const placeNames = db.prepare(`
    SELECT (SELECT name FROM zones WHERE id = ?) AS zone,
           (SELECT name FROM townships WHERE code = ?) AS township,
           (SELECT name FROM villages WHERE code = ?) AS village`)

  return {
    village: (code: string) => villageByCode.get(code) as VillageRef | undefined,
    /** Villages called `name` or `alsoName` (with and without 村). */
    villagesNamed: (name: string, alsoName: string) => villagesByName.all(name, alsoName) as VillageRef[],
    villageNames: () => villageNames.all() as string[],
    /** Townships whose code is `s`, or whose name is `s`, `s乡` or `s镇`. */
    townshipsNamed: (s: string) => townshipsNamed.all(s, s, `${s}乡`, `${s}镇`) as { code: string; name: string; zoneId: number }[],
    township: (code: string) => township.get(code) as TownshipRef | undefined,
    /** Every township with its zone, by code. */
    townships: () => townships.all() as TownshipRef[],
    zones: () => zones.all() as ZoneName[],
    zone: (id: number) => zone.get(id) as ZoneName | undefined,
    household: (code: string) => householdByCode.get(code) as HouseholdRef | undefined,
    /** At most 50: a name shared by more is refused by the resolver anyway. */
    householdsHeadedBy: (name: string) => householdsByHead.all(name) as HouseholdRef[],
    /** The names of a person's zone, township and village (null where none). */
    placeNames: (zoneId: number | null, townshipCode: string | null, villageCode: string | null) =>
      placeNames.get(zoneId, townshipCode, villageCode) as { zone: string | null; township: string | null; village: string | null },
  }
}
export type Lookup = ReturnType<typeof createLookup>
