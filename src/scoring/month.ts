import type { Deps } from '../deps'
import { areaView, type VillageRow } from '../views/area'
import { groupBy } from '../domain/group-by'
import type { TaskView } from '../views/tasks'
import { daysBetween, monthEnd } from '../domain/dates'
import { monthlyScore, type ScoreResult } from '../domain/score'
import { sumCounts } from '../../db/repos/households'
import { taskTrace, villageTrace } from './trace'
import { ELIGIBLE_VILLAGES, householdShare, villageShare } from '../views/figures'
import type { RowDetail } from '../domain/ranking'
import { dayEndMs, spotFigures } from '../views/spot-figures'

export interface TownshipScore {
  code: string
  name: string
  zoneId: number
  zoneName: string
  /** 总户数 of its villages (the zone weight). */
  households: number
  result: ScoreResult
  detail: RowDetail
}

export interface MonthScores { month: string; asOf: string; townships: TownshipScore[] }

/** The assessment day of a month: its last day, or today while the month is still running. */
export function assessmentDay(month: string, today: string): string {
  const end = monthEnd(month)
  return end < today ? end : today
}

/**
 * Every township's score for `month`, from the records as they stood at the month's end: tasks started
 * by then, the latest report visited by then, the checks visited by then (docs/domain.md, "Monthly assessment
 * and ranking"). Records withdrawn before this runs do not count; that is why the result is frozen once
 * published rather than recomputed.
 */
export function scoreMonth(deps: Deps, month: string, today: string): MonthScores {
  const asOf = assessmentDay(month, today)
  const view = areaView(deps, { kind: 'county' }, asOf, { asOf })
  const tasksBy = groupBy(view.tasks, (t) => t.townshipCode)
  const villagesBy = groupBy(view.villages, (v) => v.townshipCode)
  const eligible = view.villages.filter((v) => ELIGIBLE_VILLAGES.includes(v.category))
  const items = deps.facts.villageItems(eligible.map((v) => v.code), asOf)
  // Spot checks are read only when the county weighs them (weights.spotCheck > 0; default 0).
  const spot = deps.settings.scoreWeights.spotCheck > 0
    ? new Map(spotFigures(deps, { kind: 'county' }, month, dayEndMs(asOf, deps.config.TIMEZONE)).map((r) => [r.code, r]))
    : null
  const townships = deps.lookup.townships()

  return {
    month,
    asOf,
    townships: townships.map((t) => {
      const tasks = tasksBy.get(t.code) ?? []
      const villages = villagesBy.get(t.code) ?? []
      const spotCheck = spot && (spot.get(t.code) ?? { reverified: 0, agreeing: 0 })
      const { result, detail } = scoreTownship(deps, asOf, tasks, villages, (v) => villageTrace(v, items.get(v.code) ?? {}), spotCheck)
      return { ...t, households: villages.reduce((sum, v) => sum + v.households, 0), result, detail }
    }),
  }
}

function scoreTownship(deps: Deps, asOf: string, tasks: TaskView[], villages: VillageRow[], trace: (v: VillageRow) => RowDetail['villages'][number],
  spotCheck: { reverified: number; agreeing: number } | null) {
  const { settings } = deps
  const currencyDays = settings.currencyDays
  const eligibleVillages = villages.filter((v) => ELIGIBLE_VILLAGES.includes(v.category))
  const h = sumCounts(villages.map((v) => v.counts))
  const result = monthlyScore({
    tasks: tasks.map((t) => ({
      started: t.started, done: t.done, expected: t.expected, actual: t.actual, light: t.light,
      lastReportDaysAgo: t.lastReportOn === null ? null : daysBetween(t.lastReportOn, asOf),
    })),
    // The 25 and 20 points weigh 户达标 and 村达标 as every card shows them (docs/figures.md).
    households: { eligible: householdShare(h).of, meeting: householdShare(h).met },
    spotCheck: spotCheck ?? undefined,
    villages: { eligible: villageShare(villages).of, meeting: villageShare(villages).met },
    weights: settings.scoreWeights,
    currencyDays,
  })
  const detail: RowDetail = {
    asOf,
    shares: result.detail.shares,
    scale: result.detail.scale,
    counts: {
      startedTasks: result.detail.startedTasks, openTasks: result.detail.openTasks,
      currentTasks: result.detail.currentTasks, redTasks: result.detail.redTasks,
    },
    tasks: [...tasks].sort((a, b) => a.code.localeCompare(b.code)).map((t) => taskTrace(t, asOf, currencyDays)),
    households: {
      eligible: h.eligible,
      meeting: h.eligibleMeeting,
      byVillage: villages.filter((v) => v.counts.eligible > 0)
        .map((v) => ({ code: v.code, name: v.name, eligible: v.counts.eligible, meeting: v.counts.eligibleMeeting })),
    },
    villages: eligibleVillages.map(trace),
    ...(spotCheck ? { spotCheck: { reverified: spotCheck.reverified, agreeing: spotCheck.agreeing } } : {}),
  }
  return { result, detail }
}
