import type { Db } from '../open'
import type { RankingHead, RankingRow, Snapshot, ZoneRanking } from '../../src/domain/ranking'

export interface PublishedPeriod { period: string; kind: 'month' | 'quarter'; asOf: string; publishedAt: number }

/** A township's place in a ranking without its (large) trace detail. */
export type TownshipScore = Pick<RankingRow, 'townshipCode' | 'townshipName' | 'zoneId' | 'score' | 'rank' | 'zoneRank'>

type HeadRow = { period: string; kind: 'month' | 'quarter'; asOf: string; publishedAt: number; weights: string; months: string | null }
type RowRow = Omit<RankingRow, 'detail'> & { detail: string }

const ROW_COLUMNS = `township_code AS townshipCode, township_name AS townshipName, zone_id AS zoneId, zone_name AS zoneName,
  households, score, tasks, standing, villages, currency, spot_check AS spotCheck, penalty, rank, zone_rank AS zoneRank, detail`

/**
 * Published rankings (migration 0005): written once per period inside the ranking job's claim, never
 * changed after (triggers refuse it). Everything that shows a ranking — /排名, /战区 进度, the Excel
 * export, the battle map — reads it here, so they all show the same frozen figures.
 */
/** Triggers it relies on (0005): rankings_frozen_*, ranking_zones_frozen_*, ranking_rows_frozen_* refuse UPDATE and DELETE. */
export function createRankings(db: Db) {
  const insertHead = db.prepare(`INSERT INTO rankings (period, kind, as_of, published_at, weights, months)
                                 VALUES (@period, @kind, @asOf, @publishedAt, @weights, @months)`)
  const insertRow = db.prepare(`
    INSERT INTO ranking_rows (period, township_code, township_name, zone_id, zone_name, households, score, tasks, standing, villages,
                              currency, spot_check, penalty, rank, zone_rank, detail)
    VALUES (@period, @townshipCode, @townshipName, @zoneId, @zoneName, @households, @score, @tasks, @standing, @villages,
            @currency, @spotCheck, @penalty, @rank, @zoneRank, @detail)`)
  const insertZone = db.prepare(`INSERT INTO ranking_zones (period, zone_id, zone_name, score, rank, townships, households)
                                 VALUES (@period, @zoneId, @zoneName, @score, @rank, @townships, @households)`)
  const head = db.prepare(`SELECT period, kind, as_of AS asOf, published_at AS publishedAt, weights, months FROM rankings WHERE period = ?`)
  const periods = db.prepare(`SELECT period, kind, as_of AS asOf, published_at AS publishedAt FROM rankings ORDER BY as_of DESC, kind = 'month', period DESC`)
  const rows = db.prepare(`SELECT ${ROW_COLUMNS} FROM ranking_rows WHERE period = ? ORDER BY rank IS NULL, rank, township_code`)
  const row = db.prepare(`SELECT ${ROW_COLUMNS} FROM ranking_rows WHERE period = ? AND township_code = ?`)
  const scores = db.prepare(`SELECT township_code AS townshipCode, township_name AS townshipName, zone_id AS zoneId, score, rank, zone_rank AS zoneRank
                             FROM ranking_rows WHERE period = ? ORDER BY rank IS NULL, rank, township_code`)
  const zones = db.prepare(`SELECT zone_id AS zoneId, zone_name AS zoneName, score, rank, townships, households
                            FROM ranking_zones WHERE period = ? ORDER BY rank IS NULL, rank, zone_id`)

  const toRow = (r: RowRow): RankingRow => ({ ...r, detail: JSON.parse(r.detail) })
  const toHead = (h: HeadRow): RankingHead => ({ ...h, weights: JSON.parse(h.weights), months: h.months === null ? null : JSON.parse(h.months) })

  return {
    /** Writes a snapshot; the caller runs it inside the job's transaction. Throws if the period exists. */
    save(s: Snapshot) {
      const { head: h } = s
      insertHead.run({ ...h, weights: JSON.stringify(h.weights), months: h.months === null ? null : JSON.stringify(h.months) })
      for (const r of s.rows) insertRow.run({ ...r, period: h.period, detail: JSON.stringify(r.detail) })
      for (const z of s.zones) insertZone.run({ ...z, period: h.period })
    },
    head(period: string): RankingHead | undefined {
      const h = head.get(period) as HeadRow | undefined
      return h && toHead(h)
    },
    /** Published periods, latest first (a quarter after its last month on the same day). */
    periods: () => periods.all() as PublishedPeriod[],
    snapshot(period: string): Snapshot | undefined {
      const h = head.get(period) as HeadRow | undefined
      if (!h) return undefined
      return { head: toHead(h), rows: (rows.all(period) as RowRow[]).map(toRow), zones: zones.all(period) as ZoneRanking[] }
    },
    row(period: string, townshipCode: string): RankingRow | undefined {
      const r = row.get(period, townshipCode) as RowRow | undefined
      return r && toRow(r)
    },
    /** Every township's score and ranks, county order: for a rank line or the map, without the trace. */
    scores: (period: string) => scores.all(period) as TownshipScore[],
    zones: (period: string) => zones.all(period) as ZoneRanking[],
  }
}
export type Rankings = ReturnType<typeof createRankings>
