import type { Db } from '../open'
import type { PlaceFilter } from './facts'
import { createCountsAsOf, meetingAsOfSql } from './standing-as-of'
import { poorPeopleSql } from './poor-people'

/** The six 有 of 一超六有 as stored: 1 met, 0 not met, null never checked. */
export type SixValues = Record<'housing' | 'water' | 'power' | 'tv' | 'education' | 'medical', number | null>

export interface Standing extends SixValues {
  income: number | null
  incomeYear: number | null
  lastCheckedOn: string | null
}

export interface HouseholdCounts {
  total: number
  /** Households in the poverty registry (all but 非贫困户). */
  poor: number
  poorMeeting: number
  /** 当年脱贫 and 已脱贫: the households the monthly score measures. */
  eligible: number
  eligibleMeeting: number
  /** People of the households poor now (未脱贫, 返贫): 贫困发生率's numerator once every household is imported. */
  poorPeople: number
}


const ITEMS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const

/**
 * The income line of a check's year as SQL: the line of the latest configured year not after it, else
 * the earliest (the same rule as domain/by-year). Built from validated numbers, never from user text.
 */
function incomeLineSql(lines: Readonly<Record<number, number>>, yearExpr: string): string {
  const years = Object.keys(lines).map(Number).sort((a, b) => b - a)
  const branches = years.map((y) => `WHEN ${yearExpr} >= ${y} THEN ${Number(lines[y])}`).join(' ')
  return `(CASE ${branches} ELSE ${Number(lines[years[years.length - 1]!])} END)`
}

/** SQL that is 1 when the standing row `hs` meets 一超六有. */
export function meetsSql(lines: Readonly<Record<number, number>>): string {
  return `(hs.income > ${incomeLineSql(lines, 'hs.income_year')} AND ${ITEMS.map((i) => `hs.${i} = 1`).join(' AND ')})`
}

/** Households and their folded check results (household_standing, see migration 0003). */
/**
 * Triggers it relies on: village_stats_household_*, village_stats_standing_* keep each village's counts of
 * households and of those meeting 一超六有 (village_stats) as households and their standing change;
 * village_status_counts_* keep households and people per status (0016); households_status_inserted and
 * households_status_changed record each status and the day it took effect (household_status_history).
 */
export function createHouseholds(db: Db, lines: Readonly<Record<number, number>>) {
  const checks = db.prepare(`
    SELECT c.income, CAST(substr(rc.visited_on, 1, 4) AS INTEGER) AS year, ${ITEMS.map((i) => `c.${i}`).join(', ')}, rc.visited_on AS "on"
    FROM checks c JOIN records rc ON rc.id = c.record_id
    WHERE c.household_code = ? AND rc.withdrawn_at IS NULL ORDER BY rc.visited_on, rc.id`)
  const upsert = db.prepare(`
    INSERT INTO household_standing (household_code, income, income_year, housing, water, power, tv, education, medical, last_checked_on)
    VALUES (@code, @income, @incomeYear, @housing, @water, @power, @tv, @education, @medical, @lastCheckedOn)
    ON CONFLICT (household_code) DO UPDATE SET income = excluded.income, income_year = excluded.income_year,
      housing = excluded.housing, water = excluded.water, power = excluded.power, tv = excluded.tv,
      education = excluded.education, medical = excluded.medical, last_checked_on = excluded.last_checked_on`)
  const remove = db.prepare(`DELETE FROM household_standing WHERE household_code = ?`)
  const standing = db.prepare(`SELECT income, income_year AS incomeYear, ${ITEMS.join(', ')}, last_checked_on AS lastCheckedOn
                               FROM household_standing WHERE household_code = ?`)
  const meets = `COALESCE(${meetsSql(lines)}, 0)`
  const setMeets = db.prepare(`UPDATE household_standing AS hs SET meets = ${meets} WHERE hs.household_code = ?`)
  const countSql = (where: string) => db.prepare(`
    SELECT s.village_code AS villageCode, s.total, s.poor, s.poor_meeting AS poorMeeting, s.eligible, s.eligible_meeting AS eligibleMeeting,
           ${poorPeopleSql('s.village_code')} AS poorPeople
    FROM village_stats s JOIN villages v ON v.code = s.village_code JOIN townships t ON t.code = v.township_code ${where}`)
  // Past days (an earlier month's score) fold the checks visited by then: db/repos/standing-as-of.ts.
  const countsAsOf = createCountsAsOf(db, meetsSql(lines))
  const exitingPlace = `JOIN villages v ON v.code = h.village_code JOIN townships t ON t.code = v.township_code
                        WHERE (@zoneId IS NULL OR t.zone_id = @zoneId) AND h.status = '当年脱贫'`
  const exitingAll = db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(h.size), 0) AS people FROM households h ${exitingPlace}`)
  // Only the households meeting the standard, each joined to its household by primary key.
  const exitingMet = db.prepare(`
    SELECT COUNT(*) AS n, COALESCE(SUM(h.size), 0) AS people
    FROM ${meetingAsOfSql(meetsSql(lines))} m JOIN households h ON h.code = m.household_code ${exitingPlace}`)
  const countsBy = {
    county: countSql(''),
    zone: countSql('WHERE t.zone_id = ?'),
    township: countSql('WHERE t.code = ?'),
    village: countSql('WHERE s.village_code = ?'),
  }

  /**
   * `meets` depends on the configured income lines: when they differ from the ones it was computed with,
   * recompute it for every household (the village_stats triggers follow). Cheap when nothing changed.
   */
  function syncIncomeLines() {
    const wanted = JSON.stringify(lines)
    const stored = db.prepare(`SELECT value FROM settings WHERE key = 'standing_income_lines'`).pluck().get()
    if (stored === wanted) return
    db.transaction(() => {
      db.prepare(`UPDATE household_standing AS hs SET meets = ${meets} WHERE hs.meets <> ${meets}`).run()
      db.prepare(`INSERT INTO settings (key, value) VALUES ('standing_income_lines', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(wanted)
    }).immediate()
  }

  return {
    /** Re-folds one household's checks; call after every check or withdrawal that touches it. */
    rebuildStanding(code: string) {
      const rows = checks.all(code) as (Record<(typeof ITEMS)[number], number | null> & { income: number | null; year: number; on: string })[]
      if (rows.length === 0) return void remove.run(code)
      const s: Record<string, number | string | null> = { code, income: null, incomeYear: null, lastCheckedOn: null }
      for (const i of ITEMS) s[i] = null
      for (const r of rows) {
        if (r.income !== null) Object.assign(s, { income: r.income, incomeYear: r.year })
        for (const i of ITEMS) if (r[i] !== null) s[i] = r[i]
        s.lastCheckedOn = r.on
      }
      upsert.run(s)
      setMeets.run(code)
    },
    syncIncomeLines,
    standing: (code: string) => standing.get(code) as Standing | undefined,
    /**
     * 当年脱贫 households of a zone (null: the county) and their people, and how many of them meet 一超六有
     * on the checks visited by `asOf` (the monthly review's exits).
     */
    exiting(zoneId: number | null, asOf: string) {
      const all = exitingAll.get({ zoneId }) as { n: number; people: number }
      const met = exitingMet.get({ zoneId, asOf }) as { n: number; people: number }
      return { households: all.n, people: all.people, metHouseholds: met.n, metPeople: met.people }
    },
    /** Household counts per village code; with `asOf` (YYYY-MM-DD), from the checks visited by that day. */
    countsByVillage(where: PlaceFilter, asOf?: string): Map<string, HouseholdCounts> {
      if (asOf !== undefined) return countsAsOf(where, asOf)
      const rows = (where.kind === 'county' ? countsBy.county.all()
        : where.kind === 'zone' ? countsBy.zone.all(where.zoneId)
        : countsBy[where.kind].all(where.code)) as (HouseholdCounts & { villageCode: string })[]
      return new Map(rows.map((r) => [r.villageCode, r]))
    },
  }
}
export type Households = ReturnType<typeof createHouseholds>

export const NO_HOUSEHOLDS: Readonly<HouseholdCounts> = Object.freeze({ total: 0, poor: 0, poorMeeting: 0, eligible: 0, eligibleMeeting: 0, poorPeople: 0 })

export function sumCounts(counts: Iterable<HouseholdCounts>): HouseholdCounts {
  const out: HouseholdCounts = { ...NO_HOUSEHOLDS }
  for (const c of counts) for (const k of Object.keys(out) as (keyof HouseholdCounts)[]) out[k] += c[k] ?? 0
  return out
}
