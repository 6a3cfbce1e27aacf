import type { Db } from '../open'
import { placeId, type PlaceFilter } from './registry-cache'
import type { CheckItems } from './records'
import { DRAWN_SELECT, type DrawnHousehold } from './spot-draws'
import type { SixValues } from './households'

/**
 * What spot checks found, and what followed: the 复核 records (records.kind = 'reverify'), the team's
 * later checks of the same households, and admins' closings. Reads take `until` (epoch ms): the figures
 * of a past month use what had been typed by its end.
 */
export interface ReverifyRow extends SixValues {
  recordId: number
  drawId: number
  householdCode: string
  income: number | null
  visitedOn: string
  createdAt: number
  authorOpenId: string
  authorName: string | null
  note: string | null
}

/** A team check (/户 核查) typed after a 复核: it states the corrected value and closes what it records. */
export type FollowUpCheck = Omit<ReverifyRow, 'drawId' | 'authorName' | 'note'>

export interface ClosureRow { drawId: number; householdCode: string; through: number; reason: string; closedBy: string; closedByName: string | null; closedAt: number }

export type FindingsWhere = PlaceFilter | { kind: 'draw'; drawId: number }

const ITEMS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const
const VALUES = `x.income, ${ITEMS.map((i) => `x.${i}`).join(', ')}`

/** How each kind of place narrows a drawn household `dh` (named parameter @id). */
const WHERE: Record<FindingsWhere['kind'], string> = {
  county: '1',
  zone: 'dh.township_code IN (SELECT code FROM townships WHERE zone_id = @id)',
  township: 'dh.township_code = @id',
  village: 'dh.village_code = @id',
  draw: 'dh.draw_id = @id',
}
const idOf = (w: FindingsWhere) => (w.kind === 'draw' ? w.drawId : placeId(w))

/** Triggers it relies on (0017): spot_closures_permanent_* — an admin's closing, with its reason, is never changed or deleted. */
export function createSpotFindings(db: Db) {
  const per = (sql: (where: string) => string) =>
    Object.fromEntries(Object.entries(WHERE).map(([k, where]) => [k, db.prepare(sql(where))])) as Record<FindingsWhere['kind'], ReturnType<Db['prepare']>>
  const reverifications = per((where) => `
    SELECT x.record_id AS recordId, x.draw_id AS drawId, x.household_code AS householdCode, ${VALUES},
      rc.visited_on AS visitedOn, rc.created_at AS createdAt, rc.author_open_id AS authorOpenId,
      (SELECT name FROM members WHERE open_id = rc.author_open_id) AS authorName, rc.note
    FROM reverifications x JOIN records rc ON rc.id = x.record_id
    JOIN spot_draw_households dh ON dh.draw_id = x.draw_id AND dh.household_code = x.household_code
    WHERE ${where} AND rc.withdrawn_at IS NULL AND rc.created_at <= @until
    ORDER BY rc.created_at, rc.id`)
  const closures = per((where) => `
    SELECT c.draw_id AS drawId, c.household_code AS householdCode, c.through, c.reason, c.closed_by AS closedBy,
      (SELECT name FROM members WHERE open_id = c.closed_by) AS closedByName, c.closed_at AS closedAt
    FROM spot_closures c JOIN spot_draw_households dh ON dh.draw_id = c.draw_id AND dh.household_code = c.household_code
    WHERE ${where} AND c.closed_at <= @until ORDER BY c.id`)
  // Draws per township: a draw of a zone counts once in each township it drew from.
  const drawsPerTownship = per((where) => `
    SELECT dh.township_code AS code, t.name, t.zone_id AS zoneId, COUNT(DISTINCT dh.draw_id) AS n
    FROM spot_draw_households dh JOIN spot_draws d ON d.id = dh.draw_id JOIN townships t ON t.code = dh.township_code
    WHERE ${where} AND d.drawn_at >= @from AND d.drawn_at <= @until GROUP BY dh.township_code`)
  const followUps = db.prepare(`
    SELECT x.record_id AS recordId, x.household_code AS householdCode, ${VALUES}, rc.visited_on AS visitedOn,
      rc.created_at AS createdAt, rc.author_open_id AS authorOpenId
    FROM checks x JOIN records rc ON rc.id = x.record_id
    WHERE x.household_code IN (SELECT value FROM json_each(@codes)) AND rc.kind = 'check' AND rc.withdrawn_at IS NULL
      AND rc.id > @after AND rc.created_at <= @until
    ORDER BY rc.id`)
  const addClosure = db.prepare(`INSERT INTO spot_closures (draw_id, household_code, through, reason, closed_by, closed_at) VALUES (?, ?, ?, ?, ?, ?)`)
  const sameReverify = db.prepare(`
    SELECT rc.id FROM reverifications x JOIN records rc ON rc.id = x.record_id
    WHERE x.draw_id = @drawId AND x.household_code = @householdCode AND rc.author_open_id = @authorOpenId AND rc.created_at >= @since
      AND rc.withdrawn_at IS NULL AND x.income IS @income AND ${ITEMS.map((i) => `x.${i} IS @${i}`).join(' AND ')}
      AND rc.visited_on = @visitedOn AND rc.note IS @note
    ORDER BY rc.id DESC LIMIT 1`).pluck()
  const reverified = per((where) => `${DRAWN_SELECT} WHERE ${where} AND EXISTS (
    SELECT 1 FROM reverifications x JOIN records rc ON rc.id = x.record_id
    WHERE x.draw_id = dh.draw_id AND x.household_code = dh.household_code AND rc.withdrawn_at IS NULL AND rc.created_at <= @until)
    ORDER BY dh.draw_id, dh.position`)
  const householdOf = db.prepare(`SELECT household_code FROM reverifications WHERE record_id = ?`).pluck()

  return {
    /** 复核 records not withdrawn, typed by `until`, oldest first. */
    reverifications: (where: FindingsWhere, until: number) => reverifications[where.kind].all({ id: idOf(where), until }) as ReverifyRow[],
    /** The drawn households with a 复核 (not withdrawn) typed by `until`, with their team snapshots. */
    reverifiedHouseholds: (where: FindingsWhere, until: number) => reverified[where.kind].all({ id: idOf(where), until }) as DrawnHousehold[],
    closures: (where: FindingsWhere, until: number) => closures[where.kind].all({ id: idOf(where), until }) as ClosureRow[],
    /** Team checks of these households recorded after record `after` (one sequence: later means a larger number) and by `until`. */
    followUps(codes: readonly string[], after: number, until: number): FollowUpCheck[] {
      if (codes.length === 0) return []
      return followUps.all({ codes: JSON.stringify([...new Set(codes)]), after, until }) as FollowUpCheck[]
    },
    /** How many draws drew from each township between `from` and `until` (epoch ms, inclusive). */
    drawsPerTownship: (where: PlaceFilter, from: number, until: number) =>
      drawsPerTownship[where.kind].all({ id: placeId(where), from, until }) as { code: string; name: string; zoneId: number; n: number }[],
    /** Closes what the 复核 records up to `through` found for the household in the draw. */
    addClosure: (c: { drawId: number; householdCode: string; through: number; reason: string; by: string; at: number }) =>
      Number(addClosure.run(c.drawId, c.householdCode, c.through, c.reason, c.by, c.at).lastInsertRowid),
    /** The same 复核 by the same person in the last minutes (a double send or a double tap on a form). */
    sameReverify(r: { drawId: number; householdCode: string; income: number | null; items: CheckItems; visitedOn: string; authorOpenId: string; note: string | null }, since: number) {
      const { items, ...rest } = r
      const bits = Object.fromEntries(ITEMS.map((i) => [i, items[i] === undefined ? null : items[i] ? 1 : 0]))
      return sameReverify.get({ ...rest, ...bits, since }) as number | undefined
    },
    /** The household a 复核 record is about (for /撤销); undefined when the record is not a 复核. */
    householdOf: (recordId: number) => householdOf.get(recordId) as string | undefined,
  }
}
export type SpotFindings = ReturnType<typeof createSpotFindings>
