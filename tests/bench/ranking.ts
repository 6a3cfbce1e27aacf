// Measurements 4 and 8: the county's monthly ranking (scheduler/ranking.ts → src/scoring publishRanking:
// score every township as of the month's end, rank, write the frozen snapshot — rolled back after each
// run so it can be repeated; the cards and workbooks of the broadcast are not included) against the floor,
// one plain SQL aggregate over the same rows; and /战区 进度 at 25 %, 50 %, 100 % of the county.
import { openDatabase, type Db } from '../../db/open'
import { createDeps, type Deps } from '../../src/deps'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/log'
import { DEFAULT_SETTINGS } from '../../src/settings'
import { localDate, parsePeriod } from '../../src/domain/dates'
import { rankingJob } from '../../scheduler/ranking'
import { publishRanking } from '../../src/scoring/publish'
import { assessmentDay } from '../../src/scoring/month'
import { runQueries } from './queries'
import { once, summarize, type Summary } from './stats'

export interface ScaleResult {
  percent: number
  households: number
  records: number
  /** publishRanking for last month: first run, and the median of the runs. */
  rankingFirstMs: number
  ranking: Summary
  floor: Summary
  /** /战区 进度 全县 through the router. */
  zoneProgress: Summary
}

/** The floor: every record the month's ranking may depend on (not withdrawn, visited by the month's end), with its report or check, aggregated per township in one statement. */
export const FLOOR_SQL = `
  SELECT rc.township_code, COUNT(*) AS records, SUM(r.ratio) AS progress, SUM(r.done) AS done, SUM(c.income) AS income,
         SUM(c.housing + c.water + c.power + c.tv + c.education + c.medical) AS items
  FROM records rc LEFT JOIN reports r ON r.record_id = rc.id LEFT JOIN checks c ON c.record_id = rc.id
  WHERE rc.withdrawn_at IS NULL AND rc.visited_on <= @asOf
  GROUP BY rc.township_code`

export function openDeps(path: string): { deps: Deps; db: Db } {
  const db = openDatabase(path, { skipIntegrityCheck: true })
  return { deps: createDeps(db, loadConfig({}, { lark: false }), DEFAULT_SETTINGS, createLogger('silent')), db }
}

export function measureScale(path: string, percent: number, now: Date, inspector: string, o: { runs: number; zoneRuns: number }): ScaleResult {
  const { deps, db } = openDeps(path)
  try {
    const today = localDate(now)
    const month = rankingJob.defaultPeriod(today)
    const period = parsePeriod(month)!
    const asOf = assessmentDay(month, today)
    const floorStmt = db.prepare(FLOOR_SQL)
    const ranking: number[] = []
    const floor: number[] = []
    for (let i = 0; i < o.runs; i++) {
      db.exec('BEGIN')
      try {
        const r = once(() => publishRanking(deps, period, today, now))
        if (r.value.rows.length === 0) throw new Error('ranking produced no rows')
        ranking.push(r.ms)
      } finally {
        db.exec('ROLLBACK')
      }
      floor.push(once(() => floorStmt.all({ asOf })).ms)
    }
    const [zone] = runQueries(deps, db, () => now, { openId: inspector, only: ['/战区 进度 全县'], maxCount: o.zoneRuns, maxMs: 15_000, warmup: 2 })
    if (zone!.notOk > 0) throw new Error('/战区 进度 did not answer ok')
    return {
      percent,
      households: db.prepare(`SELECT COUNT(*) FROM households`).pluck().get() as number,
      records: db.prepare(`SELECT COUNT(*) FROM records`).pluck().get() as number,
      rankingFirstMs: ranking[0]!,
      ranking: summarize(ranking),
      floor: summarize(floor),
      zoneProgress: zone!.summary,
    }
  } finally {
    db.close()
  }
}
