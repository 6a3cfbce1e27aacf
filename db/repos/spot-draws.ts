import type { Db } from '../open'
import { placeId, type PlaceFilter } from './registry-cache'
import type { SixValues } from './households'

/**
 * Spot-check draws (migration 0017). A draw and its list are written once, in one transaction, and the
 * database refuses any later UPDATE or DELETE of them, or an addition to a full list (triggers in 0017):
 * a draw that did not look good stays on record, and redrawing makes a new, numbered one.
 */
export interface DrawScope {
  kind: 'zone' | 'township' | 'village'
  zoneId: number
  townshipCode: string | null
  villageCode: string | null
  label: string
}

export interface NewDraw {
  scope: DrawScope
  statuses: readonly string[]
  requested: number | null
  population: number
  seed: number
  method: string
  drawerOpenId: string
  drawerMemberId: number | null
  drawnAt: number
  sourceMessageId: string | null
  /** 户编号 in the order drawn. */
  households: readonly string[]
}

export interface DrawRow {
  id: number
  scopeKind: DrawScope['kind']
  zoneId: number
  townshipCode: string | null
  villageCode: string | null
  scopeLabel: string
  statuses: string
  requested: number | null
  population: number
  size: number
  seed: number
  method: string
  drawerOpenId: string
  drawerName: string | null
  drawnAt: number
  /** Drawn households with a 复核 not withdrawn. */
  reverified: number
}

/** What the team's checks said of a drawn household before the draw (null: never recorded). */
export interface TeamSnapshot extends SixValues {
  income: number | null
  incomeYear: number | null
  checkedOn: string | null
}

export interface DrawnHousehold extends TeamSnapshot {
  drawId: number
  position: number
  householdCode: string
  headName: string
  villageCode: string
  villageName: string
  townshipCode: string
  townshipName: string
}

export interface MemberMatch { id: number; name: string; role: string; openId: string | null; villageCode: string | null; villageName: string | null }

const ITEMS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const

const DRAW_SELECT = `SELECT d.id, d.scope_kind AS scopeKind, d.zone_id AS zoneId, d.township_code AS townshipCode, d.village_code AS villageCode,
    d.scope_label AS scopeLabel, d.statuses, d.requested, d.population, d.size, d.seed, d.method, d.drawer_open_id AS drawerOpenId,
    (SELECT name FROM members WHERE open_id = d.drawer_open_id) AS drawerName, d.drawn_at AS drawnAt,
    (SELECT COUNT(DISTINCT x.household_code) FROM reverifications x JOIN records rc ON rc.id = x.record_id
     WHERE x.draw_id = d.id AND rc.withdrawn_at IS NULL) AS reverified
  FROM spot_draws d`

/** Draws that drew a household of the place: every draw of a zone touches its townships, and so on. */
const TOUCHES: Record<PlaceFilter['kind'], string> = {
  county: '1',
  zone: 'd.zone_id = @id',
  township: 'EXISTS (SELECT 1 FROM spot_draw_households x WHERE x.draw_id = d.id AND x.township_code = @id)',
  village: 'EXISTS (SELECT 1 FROM spot_draw_households x WHERE x.draw_id = d.id AND x.village_code = @id)',
}

/** A drawn household with its place, head and team snapshot, as DrawnHousehold (`dh`: spot_draw_households). */
export const DRAWN_SELECT = `
  SELECT dh.draw_id AS drawId, dh.position, dh.household_code AS householdCode, h.head_name AS headName,
    dh.village_code AS villageCode, v.name AS villageName, dh.township_code AS townshipCode, t.name AS townshipName,
    dh.team_income AS income, dh.team_income_year AS incomeYear, ${ITEMS.map((i) => `dh.${i}`).join(', ')}, dh.team_checked_on AS checkedOn
  FROM spot_draw_households dh JOIN households h ON h.code = dh.household_code
  JOIN villages v ON v.code = dh.village_code JOIN townships t ON t.code = dh.township_code`

const POPULATION_WHERE: Record<DrawScope['kind'], string> = {
  zone: 't.zone_id = @zoneId', township: 'v.township_code = @townshipCode', village: 'h.village_code = @villageCode',
}

/**
 * Triggers it relies on (0017): spot_draws_permanent_*, spot_draw_households_permanent_* refuse UPDATE and
 * DELETE; spot_draw_households_full refuses a household added to a draw whose list is complete.
 */
export function createSpotDraws(db: Db) {
  const population = Object.fromEntries(Object.entries(POPULATION_WHERE).map(([kind, where]) => [kind, db.prepare(`
    SELECT h.code, h.village_code AS villageCode FROM households h JOIN villages v ON v.code = h.village_code
    JOIN townships t ON t.code = v.township_code
    WHERE ${where} AND h.status IN (SELECT value FROM json_each(@statuses))`)])) as Record<DrawScope['kind'], ReturnType<Db['prepare']>>
  const insertDraw = db.prepare(`
    INSERT INTO spot_draws (scope_kind, zone_id, township_code, village_code, scope_label, statuses, requested, population, size, seed,
      method, drawer_open_id, drawer_member_id, drawn_at, source_message_id)
    VALUES (@kind, @zoneId, @townshipCode, @villageCode, @label, @statuses, @requested, @population, @size, @seed,
      @method, @drawerOpenId, @drawerMemberId, @drawnAt, @sourceMessageId)`)
  const insertHousehold = db.prepare(`
    INSERT INTO spot_draw_households (draw_id, position, household_code, village_code, township_code, team_income, team_income_year,
      ${ITEMS.join(', ')}, team_checked_on)
    SELECT @drawId, @position, h.code, h.village_code, v.township_code, @income, @incomeYear, ${ITEMS.map((i) => `@${i}`).join(', ')}, @checkedOn
    FROM households h JOIN villages v ON v.code = h.village_code WHERE h.code = @code`)
  // The team's checks typed by the draw (read in the draw's own transaction): records of kind 'check', so a 复核 that also counts as a
  // check (spotCheck.overrides) is never taken for what the team said.
  const teamChecks = db.prepare(`
    SELECT c.income, CAST(substr(rc.visited_on, 1, 4) AS INTEGER) AS year, ${ITEMS.map((i) => `c.${i}`).join(', ')}, rc.visited_on AS "on"
    FROM checks c JOIN records rc ON rc.id = c.record_id
    WHERE c.household_code = ? AND rc.kind = 'check' AND rc.withdrawn_at IS NULL AND rc.created_at <= ?
    ORDER BY rc.visited_on, rc.id`)
  const byId = db.prepare(`${DRAW_SELECT} WHERE d.id = ?`)
  const list = Object.fromEntries(Object.entries(TOUCHES).map(([kind, where]) =>
    [kind, db.prepare(`${DRAW_SELECT} WHERE ${where} AND d.drawn_at <= @until ORDER BY d.id DESC LIMIT @limit`)])) as Record<PlaceFilter['kind'], ReturnType<Db['prepare']>>
  const householdsOf = db.prepare(`${DRAWN_SELECT} WHERE dh.draw_id = ? ORDER BY dh.position`)
  const drawsOfHousehold = db.prepare(`${DRAW_SELECT} JOIN spot_draw_households dh ON dh.draw_id = d.id WHERE dh.household_code = ? ORDER BY d.id DESC`)
  const assign = db.prepare(`INSERT OR IGNORE INTO spot_assignees (draw_id, member_id, assigned_by, assigned_at) VALUES (?, ?, ?, ?)`)
  const assignees = db.prepare(`
    SELECT m.id, m.name, m.role, m.open_id AS openId, m.village_code AS villageCode, v.name AS villageName
    FROM spot_assignees a JOIN members m ON m.id = a.member_id LEFT JOIN villages v ON v.code = m.village_code
    WHERE a.draw_id = ? ORDER BY a.assigned_at, m.id`)
  const membersNamed = db.prepare(`
    SELECT m.id, m.name, m.role, m.open_id AS openId, m.village_code AS villageCode, v.name AS villageName
    FROM members m LEFT JOIN villages v ON v.code = m.village_code WHERE m.name = ? ORDER BY m.id LIMIT 20`)

  function snapshot(code: string, before: number): TeamSnapshot {
    const s: TeamSnapshot = { income: null, incomeYear: null, housing: null, water: null, power: null, tv: null, education: null, medical: null, checkedOn: null }
    for (const r of teamChecks.all(code, before) as (Record<(typeof ITEMS)[number], number | null> & { income: number | null; year: number; on: string })[]) {
      if (r.income !== null) Object.assign(s, { income: r.income, incomeYear: r.year })
      for (const i of ITEMS) if (r[i] !== null) s[i] = r[i]
      s.checkedOn = r.on
    }
    return s
  }

  return {
    /** The households a draw of `scope` chooses from: those of the given statuses, and their villages. */
    population(scope: DrawScope, statuses: readonly string[]): { codes: string[]; villages: number } {
      const rows = population[scope.kind].all({ ...scope, statuses: JSON.stringify(statuses) }) as { code: string; villageCode: string }[]
      return { codes: rows.map((r) => r.code), villages: new Set(rows.map((r) => r.villageCode)).size }
    },
    /** Writes a draw, its list and each household's team snapshot; returns the draw's number. */
    add(d: NewDraw): number {
      const id = Number(insertDraw.run({
        ...d.scope, statuses: d.statuses.join(','), requested: d.requested, population: d.population, size: d.households.length,
        seed: d.seed, method: d.method, drawerOpenId: d.drawerOpenId, drawerMemberId: d.drawerMemberId, drawnAt: d.drawnAt,
        sourceMessageId: d.sourceMessageId,
      }).lastInsertRowid)
      d.households.forEach((code, i) => {
        const s = snapshot(code, d.drawnAt)
        insertHousehold.run({ drawId: id, position: i + 1, code, ...s })
      })
      return id
    },
    get: (id: number) => byId.get(id) as DrawRow | undefined,
    households: (drawId: number) => householdsOf.all(drawId) as DrawnHousehold[],
    /** Draws touching a place, drawn by `until` (epoch ms), newest first. */
    list: (where: PlaceFilter, until: number, limit: number) => list[where.kind].all({ id: placeId(where), until, limit }) as DrawRow[],
    /** Every draw that drew the household, newest first. */
    drawsOf: (householdCode: string) => drawsOfHousehold.all(householdCode) as DrawRow[],
    /** false when the member was already assigned to the draw. */
    assign: (drawId: number, memberId: number, by: string, at: number) => assign.run(drawId, memberId, by, at).changes === 1,
    assignees: (drawId: number) => assignees.all(drawId) as MemberMatch[],
    membersNamed: (name: string) => membersNamed.all(name) as MemberMatch[],
  }
}
export type SpotDraws = ReturnType<typeof createSpotDraws>
