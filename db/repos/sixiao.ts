import type { Db } from '../open'
import type { PlaceFilter } from './facts'
import type { RegistryCache } from './registry-cache'
import type { HouseholdStatus } from '../../src/domain/subsidy'
import type { SixiaoKind } from '../../src/domain/sixiao-ledger'

/** What a project's subsidy and the roll-up are derived from. */
export interface ProjectBasis {
  id: number
  householdCode: string
  /** The household's current village (the ledger is about the village's households). */
  villageCode: string
  exitYear: number | null
  kind: SixiaoKind
  park: boolean
  persons: number
  visitedOn: string
  /** Registry status on the project date. */
  status: HouseholdStatus
  /** Registry status today (the ledger groups households by it). */
  currentStatus: HouseholdStatus
}

/** A project with everything a ledger line shows. */
export interface ProjectRow extends ProjectBasis {
  headName: string
  villageName: string
  townshipCode: string
  townshipName: string
  zoneId: number
  zoneName: string
  content: string
  scale: string | null
  withdrawn: boolean
}

export interface VillageHouseholds {
  villageCode: string
  villageName: string
  townshipCode: string
  townshipName: string
  zoneId: number
  zoneName: string
  /** Households by their current registry status. */
  byStatus: Partial<Record<HouseholdStatus, number>>
}

// The status in force on the project date: the latest history row not after it (migration 0006).
const STATUS_ON_DATE = `COALESCE((SELECT s.status FROM household_status_history s
  WHERE s.household_code = p.household_code AND s.effective_on <= p.visited_on ORDER BY s.effective_on DESC LIMIT 1), h.status)`

const BASIS = `p.record_id AS id, p.household_code AS householdCode, h.village_code AS villageCode, h.exit_year AS exitYear,
  p.kind, p.park, p.persons, p.visited_on AS visitedOn, ${STATUS_ON_DATE} AS status, h.status AS currentStatus`

const PROJECTS = `
  SELECT ${BASIS}, h.head_name AS headName, v.name AS villageName, t.code AS townshipCode, t.name AS townshipName,
         t.zone_id AS zoneId, z.name AS zoneName, p.content, p.scale, r.withdrawn_at IS NOT NULL AS withdrawn
  FROM sixiao_projects p JOIN records r ON r.id = p.record_id
  JOIN households h ON h.code = p.household_code JOIN villages v ON v.code = h.village_code
  JOIN townships t ON t.code = v.township_code JOIN zones z ON z.id = t.zone_id`

// Places are the household's current village: the ledger is about the village's households.
const PLACE: Record<PlaceFilter['kind'], string> = {
  county: '1 = 1', zone: 't.zone_id = @place', township: 't.code = @place', village: 'v.code = @place',
}
// The same places for the lean roll-up query, which joins no names (a county-wide roll-up reads every project).
const LEAN_PLACE: Record<PlaceFilter['kind'], string> = {
  county: '1 = 1',
  zone: 'h.village_code IN (SELECT v.code FROM villages v JOIN townships t ON t.code = v.township_code WHERE t.zone_id = @place)',
  township: 'h.village_code IN (SELECT code FROM villages WHERE township_code = @place)',
  village: 'h.village_code = @place',
}

type Raw = Omit<ProjectRow, 'park' | 'withdrawn'> & { park: number; withdrawn: number }
const toRow = (r: Raw): ProjectRow => ({ ...r, park: r.park === 1, withdrawn: r.withdrawn === 1 })
const toBasis = (r: Omit<ProjectBasis, 'park'> & { park: number }): ProjectBasis => ({ ...r, park: r.park === 1 })
const placeParam = (f: PlaceFilter) => (f.kind === 'county' ? null : f.kind === 'zone' ? f.zoneId : f.code)
const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` })

/** Read side of the "四小" ledger. */
export function createSixiao(db: Db, registry: RegistryCache) {
  const byPlace = Object.fromEntries(Object.entries(PLACE).map(([kind, where]) => [kind, db.prepare(`${PROJECTS}
    WHERE r.withdrawn_at IS NULL AND p.visited_on BETWEEN @from AND @to AND ${where} ORDER BY p.record_id`)])) as
    Record<PlaceFilter['kind'], ReturnType<Db['prepare']>>
  const basisByPlace = Object.fromEntries(Object.entries(LEAN_PLACE).map(([kind, where]) => [kind, db.prepare(`
    SELECT ${BASIS} FROM sixiao_projects p JOIN records r ON r.id = p.record_id JOIN households h ON h.code = p.household_code
    WHERE r.withdrawn_at IS NULL AND p.visited_on BETWEEN @from AND @to AND ${where} ORDER BY p.record_id`)])) as
    Record<PlaceFilter['kind'], ReturnType<Db['prepare']>>
  const householdYear = db.prepare(`${PROJECTS}
    WHERE p.household_code = @code AND p.visited_on BETWEEN @from AND @to AND (r.withdrawn_at IS NULL OR r.id = @include)
    ORDER BY p.record_id`)
  // Households per village and status, kept by triggers (0009); the villages' names come from the registry cache.
  const statusCounts = {
    county: db.prepare(`SELECT village_code, status, n FROM village_status_counts WHERE n > 0`).raw(),
    some: db.prepare(`SELECT village_code, status, n FROM village_status_counts WHERE n > 0 AND village_code IN (SELECT value FROM json_each(?))`).raw(),
  }
  const householdList = db.prepare(`SELECT code, head_name AS headName, status FROM households WHERE village_code = ? ORDER BY code`)
  const projectOf = db.prepare(`SELECT household_code AS householdCode, visited_on AS visitedOn FROM sixiao_projects WHERE record_id = ?`)

  return {
    /** Projects not withdrawn, of the place's households, dated in `year`, in record order. */
    projects(filter: PlaceFilter, year: number): ProjectRow[] {
      return (byPlace[filter.kind].all({ place: placeParam(filter), ...yearRange(year) }) as Raw[]).map(toRow)
    },
    /** The same projects with only what amounts and totals need. */
    basis(filter: PlaceFilter, year: number): ProjectBasis[] {
      return (basisByPlace[filter.kind].all({ place: placeParam(filter), ...yearRange(year) }) as Parameters<typeof toBasis>[0][]).map(toBasis)
    },
    /** A household's projects of one year; `include` adds one withdrawn record (to compare before/after). */
    householdYear(code: string, year: number, include = 0): ProjectRow[] {
      return (householdYear.all({ code, include, ...yearRange(year) }) as Raw[]).map(toRow)
    },
    /** Every village of the place with its households counted by current status (villages without any too). */
    villageHouseholds(filter: PlaceFilter): VillageHouseholds[] {
      const villages = registry.villagesOf(filter)
      const out = new Map<string, VillageHouseholds>(villages.map((v) => [v.code, {
        villageCode: v.code, villageName: v.name, townshipCode: v.townshipCode, townshipName: v.townshipName, zoneId: v.zoneId, zoneName: v.zoneName, byStatus: {},
      }]))
      const counts = filter.kind === 'county' ? statusCounts.county.all() : statusCounts.some.all(JSON.stringify(villages.map((v) => v.code)))
      for (const [village, status, n] of counts as [string, HouseholdStatus, number][]) {
        const entry = out.get(village)
        if (entry) entry.byStatus[status] = n
      }
      return [...out.values()]
    },
    /** One village's households (for "without a project"): code, head name, current status. */
    householdsOf: (villageCode: string) => householdList.all(villageCode) as { code: string; headName: string; status: HouseholdStatus }[],
    projectOf: (recordId: number) => projectOf.get(recordId) as { householdCode: string; visitedOn: string } | undefined,
  }
}
export type Sixiao = ReturnType<typeof createSixiao>
