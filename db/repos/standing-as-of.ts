import type { Db } from '../open'
import type { PlaceFilter } from './facts'
import { poorPeopleSql } from './poor-people'

/**
 * household_standing as it was on a past day `@asOf`: for each household, the latest non-empty value of
 * each item among its checks not withdrawn and visited by then — the same fold as `rebuildStanding`
 * (ordered by visit date, then record number). An earlier month's score needs it; household_standing is "now".
 *
 * Cheap because most households need no folding: one whose latest check (last_checked_on) is on or before
 * `@asOf` stood then exactly as it stands now, so its household_standing row is used as it is. Only the
 * households checked again since are folded, from their own checks (the checks_household index), in one
 * grouped pass rather than a query per household. That pass packs (visit date, record number) into one
 * integer key, yyyymmdd × 10^8 + id, with each yes/no item in its lowest bit (key × 2 + value), so MAX()
 * picks the latest value with integer arithmetic. The income is a REAL and cannot ride along: its latest
 * record number comes from the same pass and the value from that check (a primary-key lookup).
 */
const ITEMS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const

/** Record numbers must stay below this for the packed key to order correctly (10^8 records). */
export const MAX_RECORD_ID = 100_000_000

/** The folded rows (household_standing's columns) of the households checked again after `@asOf`. */
function foldedSql(): string {
  const key = `(CAST(replace(rc.visited_on, '-', '') AS INTEGER) * ${MAX_RECORD_ID} + rc.id)`
  // CROSS JOIN keeps this order: the few households checked since, then their checks by index — not
  // every check of the county with a lookup each.
  const fold = `
    SELECT c.household_code,
           ${ITEMS.map((x) => `MAX(CASE WHEN c.${x} IS NOT NULL THEN ${key} * 2 + c.${x} END) % 2 AS ${x}`).join(',\n           ')},
           MAX(CASE WHEN c.income IS NOT NULL THEN ${key} END) % ${MAX_RECORD_ID} AS income_record,
           MAX(rc.visited_on) AS last_checked_on
    FROM household_standing s
    CROSS JOIN checks c ON c.household_code = s.household_code
    CROSS JOIN records rc ON rc.id = c.record_id
    WHERE (s.last_checked_on > @asOf OR s.last_checked_on IS NULL) AND rc.withdrawn_at IS NULL AND rc.visited_on <= @asOf
    GROUP BY c.household_code`
  return `
    SELECT f.household_code, ic.income, CAST(substr(ir.visited_on, 1, 4) AS INTEGER) AS income_year,
           ${ITEMS.map((x) => `f.${x}`).join(', ')}, f.last_checked_on
    FROM (${fold}) f
    LEFT JOIN checks ic ON ic.record_id = f.income_record
    LEFT JOIN records ir ON ir.id = f.income_record`
}

/** A subquery with household_standing's columns, as of `@asOf` (bind it as a named parameter). */
export function standingAsOfSql(): string {
  return `(
    SELECT household_code, income, income_year, ${ITEMS.join(', ')}, last_checked_on
    FROM household_standing WHERE last_checked_on <= @asOf
    UNION ALL ${foldedSql()}
  )`
}

/**
 * The codes of the households meeting 一超六有 as of `@asOf`; `meets` is the condition over `hs`
 * (households.meetsSql). Cheaper to join than the whole standing: only meeting households, each joined
 * to its household by primary key.
 */
export function meetingAsOfSql(meets: string): string {
  return `(
    SELECT hs.household_code FROM household_standing hs WHERE hs.last_checked_on <= @asOf AND ${meets}
    UNION ALL
    SELECT hs.household_code FROM (${foldedSql()}) hs WHERE ${meets}
  )`
}

type PlaceKind = PlaceFilter['kind']
type Counts = { villageCode: string; total: number; poor: number; poorMeeting: number; eligible: number; eligibleMeeting: number; poorPeople: number }

/**
 * Household counts per village as of a past day (households.countsByVillage with `asOf`). Who is poor or
 * eligible follows households.status as it is now (the registry keeps no history); who meets 一超六有
 * follows the checks visited by `asOf`.
 */
export function createCountsAsOf(db: Db, meets: string) {
  const where: Record<PlaceKind, string> = { county: '1', zone: 't.zone_id = @id', township: 't.code = @id', village: 'h.village_code = @id' }
  const sql = (kind: PlaceKind) => ({
    // Who is poor or eligible does not depend on the day: village_stats (kept by triggers) has these
    // counts already, so the 200,000 households are not counted again for every month's score.
    all: db.prepare(`
      SELECT s.village_code AS villageCode, s.total, s.poor, s.eligible, ${poorPeopleSql('s.village_code')} AS poorPeople
      FROM village_stats s JOIN villages v ON v.code = s.village_code JOIN townships t ON t.code = v.township_code
      WHERE ${where[kind].replace('h.village_code', 's.village_code')} AND s.total > 0`),
    meeting: db.prepare(`
      SELECT h.village_code AS villageCode, SUM(h.status <> '非贫困户') AS poorMeeting, SUM(h.status IN ('当年脱贫', '已脱贫')) AS eligibleMeeting
      FROM ${meetingAsOfSql(meets)} m
      JOIN households h ON h.code = m.household_code JOIN villages v ON v.code = h.village_code JOIN townships t ON t.code = v.township_code
      WHERE ${where[kind]} GROUP BY h.village_code`),
  })
  const by = new Map<PlaceKind, ReturnType<typeof sql>>()   // prepared on first use: most processes never need them
  return (place: PlaceFilter, asOf: string): Map<string, Counts> => {
    let st = by.get(place.kind)
    if (!st) by.set(place.kind, (st = sql(place.kind)))
    const p = { asOf, id: place.kind === 'county' ? null : place.kind === 'zone' ? place.zoneId : place.code }
    const meeting = new Map((st.meeting.all(p) as Array<{ villageCode: string; poorMeeting: number; eligibleMeeting: number }>).map((r) => [r.villageCode, r]))
    return new Map((st.all.all(p) as Array<Omit<Counts, 'poorMeeting' | 'eligibleMeeting'>>).map((r) => [r.villageCode, {
      ...r, poorMeeting: meeting.get(r.villageCode)?.poorMeeting ?? 0, eligibleMeeting: meeting.get(r.villageCode)?.eligibleMeeting ?? 0,
    }]))
  }
}
