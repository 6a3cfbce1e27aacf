import type { Deps } from '../deps'
import type { Period } from '../domain/dates'
import { monthStart, parsePeriod } from '../domain/dates'
import { quarterScore } from '../domain/score'
import { scoreMonth, type MonthScores } from './month'
import { buildSnapshot, type ScoredTownship } from './rank'
import type { QuarterMonth, RankingHead, RowDetail, Snapshot } from '../domain/ranking'

/** A period that has not begun cannot be assessed (the caller turns this into a user-facing error). */
export class PeriodNotStarted extends Error {}

/**
 * The published ranking of `period`: the frozen snapshot when there is one, otherwise `computed` (the
 * ranking job computes it off the event loop, ./ranking-worker.ts) or computed now, and written. Callers
 * run this inside the ranking job's claim, so it is written once.
 */
export function publishRanking(deps: Deps, period: Period, today: string, now: Date, computed?: Snapshot): Snapshot {
  const rankings = deps.rankings
  const existing = rankings.snapshot(period.id)
  if (existing) return existing
  const snapshot = computed ?? computeRanking(deps, period, today, now)
  rankings.save(snapshot)
  return snapshot
}

/** The ranking of `period` from the records as they stand, written nowhere. */
export function computeRanking(deps: Deps, period: Period, today: string, now: Date): Snapshot {
  if (period.start > today) throw new PeriodNotStarted(`期间 ${period.id} 还没有开始（今天是 ${today}），不能考核。`)
  return period.kind === 'month' ? monthSnapshot(deps, period.id, today, now) : quarterSnapshot(deps, period, today, now)
}

function head(deps: Deps, period: string, kind: 'month' | 'quarter', asOf: string, now: Date, months: QuarterMonth[] | null): RankingHead {
  const { scoreWeights, currencyDays, lights } = deps.settings
  return { period, kind, asOf, publishedAt: now.getTime(), weights: { ...scoreWeights, currencyDays, ...lights }, months }
}

const zonesOf = (deps: Deps) => deps.lookup.zones()

function monthSnapshot(deps: Deps, month: string, today: string, now: Date): Snapshot {
  const scores = scoreMonth(deps, month, today)
  return buildSnapshot(head(deps, month, 'month', scores.asOf, now, null), monthRows(scores), zonesOf(deps))
}

function monthRows(scores: MonthScores): ScoredTownship[] {
  return scores.townships.map((t) => {
    const c = t.result.components
    return {
      townshipCode: t.code, townshipName: t.name, zoneId: t.zoneId, zoneName: t.zoneName, households: t.households,
      score: t.result.measured ? t.result.total : null,
      tasks: c.tasks, standing: c.households, villages: c.villages, currency: c.currency, spotCheck: c.spotCheck,
      penalty: t.result.penalty,
      detail: t.detail,
    }
  })
}

/**
 * Quarter = mean of its monthly scores (docs/domain.md). A month already published is taken from its frozen
 * snapshot, so the quarter agrees with what people were shown; a month not published is computed at its
 * end now. Months that have not begun are left out, as are months a township had nothing to assess.
 */
function quarterSnapshot(deps: Deps, quarter: Extract<Period, { kind: 'quarter' }>, today: string, now: Date): Snapshot {
  const rankings = deps.rankings
  const byCode = (rows: ScoredTownship[]) => new Map(rows.map((r) => [r.townshipCode, r]))
  const months = quarter.months.filter((m) => monthStart(m) <= today).map((m) => {
    const published = rankings.snapshot(m)
    if (published) return { month: m, asOf: published.head.asOf, source: 'published' as const, rows: byCode(published.rows) }
    const scores = scoreMonth(deps, m, today)
    return { month: m, asOf: scores.asOf, source: 'computed' as const, rows: byCode(monthRows(scores)) }
  })
  const last = months[months.length - 1]!
  const codes = [...new Set(months.flatMap((m) => [...m.rows.keys()]))]
  const rows: ScoredTownship[] = codes.map((code) => {
    const own = months.map((m) => ({ m, row: m.rows.get(code) }))
    const latest = [...own].reverse().find((x) => x.row)!.row!
    const scored = own.flatMap((x) => (x.row && x.row.score !== null ? [x.row.score] : []))
    const detail: RowDetail = {
      ...emptyDetail(last.asOf),
      months: own.map(({ m, row }) => ({ month: m.month, asOf: m.asOf, source: m.source, score: row?.score ?? null })),
    }
    return {
      townshipCode: code, townshipName: latest.townshipName, zoneId: latest.zoneId, zoneName: latest.zoneName, households: latest.households,
      score: quarterScore(scored), tasks: null, standing: null, villages: null, currency: null, spotCheck: null,
      // Deductions are already inside each month's total; the months' own rows keep them.
      penalty: 0,
      detail,
    }
  })
  const monthsHead = months.map(({ month, asOf, source }) => ({ month, asOf, source }))
  return buildSnapshot(head(deps, quarter.id, 'quarter', last.asOf, now, monthsHead), rows, zonesOf(deps))
}

function emptyDetail(asOf: string): RowDetail {
  return {
    asOf,
    shares: { tasks: null, households: null, villages: null, currency: null },
    scale: 0,
    counts: { startedTasks: 0, openTasks: 0, currentTasks: 0, redTasks: 0 },
    tasks: [],
    households: { eligible: 0, meeting: 0, byVillage: [] },
    villages: [],
  }
}

/** YYYY-MM or YYYY-Qn as the jobs and the CLI take it: canonical only, so one period has one claim. */
export function checkRankingPeriod(p: string): string | null {
  const parsed = parsePeriod(p)
  if (!parsed) return '应为月份 YYYY-MM（如 2018-05）或季度 YYYY-Qn（如 2018-Q2）'
  if (parsed.id !== p) return `请写成 ${parsed.id}`
  return null
}
