/**
 * The monthly township score of docs/domain.md "Monthly assessment and ranking": outcomes only (task progress,
 * households and villages meeting the standards, fresh data), never message counts or online time.
 */
import type { Light } from './lights'

export interface ScoreWeights {
  tasks: number
  households: number
  villages: number
  currency: number
  /**
   * Spot checks' 一致率 (docs/figures.md). 0 by default: outcome data the county may choose to weigh, never
   * weighed unless it does.
   */
  spotCheck: number
  /** Points taken off per red task. */
  redPenalty: number
  /** The most the red-task penalty can take off. */
  penaltyCap: number
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  tasks: 40, households: 25, villages: 20, currency: 15, spotCheck: 0, redPenalty: 2, penaltyCap: 20,
}

/** An open task whose latest report is at most this many days old counts as current. */
export const DEFAULT_CURRENCY_DAYS = 30

export interface ScoreTask {
  started: boolean
  done: boolean
  /** Expected progress 0..1 at the end of the month (today for the current month). */
  expected: number
  actual: number
  /** Days since the latest progress report; null = never reported. */
  lastReportDaysAgo: number | null
  light: Light | null
}

export interface ScoreInput {
  tasks: ScoreTask[]
  /** Households exiting this year or already exited, and how many of them meet 一超六有. */
  households: { eligible: number; meeting: number }
  /** 预脱贫村 and 已脱贫村, and how many of them meet 一低五有. */
  villages: { eligible: number; meeting: number }
  /** The month's re-verified households and those in full agreement (only weighed when weights.spotCheck > 0). */
  spotCheck?: { reverified: number; agreeing: number }
  weights?: Partial<ScoreWeights>
  currencyDays?: number
}

type Component = 'tasks' | 'households' | 'villages' | 'currency' | 'spotCheck'
const COMPONENTS: readonly Component[] = ['tasks', 'households', 'villages', 'currency', 'spotCheck']

export interface ScoreResult {
  /** Points earned per component after rescaling, unrounded; null = nothing to measure, left out. */
  components: Record<Component, number | null>
  /** Points deducted for red tasks (a non-negative number, already capped). */
  penalty: number
  /**
   * Sum of the components minus the penalty, never below 0 — unrounded, like the components: the rank is
   * taken on it, and cards round it (and the components) only for display (docs/figures.md).
   */
  total: number
  /** False when every component was left out: the township had nothing to assess this month. */
  measured: boolean
  detail: {
    /** The raw shares 0..1 before weighting; null = left out. */
    shares: Record<Component, number | null>
    /** 100 ÷ the weights of the components kept: 1 when nothing was left out. */
    scale: number
    startedTasks: number
    openTasks: number
    currentTasks: number
    redTasks: number
  }
}

function share(part: number, whole: number): number | null {
  if (!(whole > 0)) return null
  return Math.min(1, Math.max(0, part / whole))
}

function mean(xs: number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length
}

export function monthlyScore(input: ScoreInput): ScoreResult {
  const w = { ...DEFAULT_SCORE_WEIGHTS, ...input.weights }
  const currencyDays = input.currencyDays ?? DEFAULT_CURRENCY_DAYS
  const started = input.tasks.filter((t) => t.started)
  const open = started.filter((t) => !t.done)
  const current = open.filter((t) => t.lastReportDaysAgo !== null && t.lastReportDaysAgo <= currencyDays)
  const redTasks = input.tasks.filter((t) => t.light === '红').length

  const shares: Record<Component, number | null> = {
    // Nothing was expected yet (expected 0) means nothing is behind: the task counts in full.
    tasks: mean(started.map((t) => (t.expected > 0 ? Math.min(1, Math.max(0, t.actual) / t.expected) : 1))),
    households: share(input.households.meeting, input.households.eligible),
    villages: share(input.villages.meeting, input.villages.eligible),
    currency: share(current.length, open.length),
    // Left out unless the county weighs it: a weight of 0 must not even show as a measured component.
    spotCheck: w.spotCheck > 0 && input.spotCheck ? share(input.spotCheck.agreeing, input.spotCheck.reverified) : null,
  }

  // Left-out components hand their weight to the others in proportion, so the best score is always 100.
  const kept = COMPONENTS.filter((c) => shares[c] !== null).reduce((sum, c) => sum + w[c], 0)
  const scale = kept > 0 ? 100 / kept : 0
  const components = {} as Record<Component, number | null>
  for (const c of COMPONENTS) {
    const s = shares[c]
    components[c] = s === null ? null : w[c] * s * scale
  }

  const penalty = Math.min(w.penaltyCap, w.redPenalty * redTasks)
  // Summing rounded components and rounding again swapped townships whose scores differ in the third
  // decimal (69.1043 ranked below 69.1032) and tied unequal ones: the total stays exact.
  const earned = COMPONENTS.reduce((sum, c) => sum + (components[c] ?? 0), 0)
  return {
    components,
    penalty,
    total: Math.max(0, earned - penalty),
    measured: kept > 0,
    detail: { shares, scale, startedTasks: started.length, openTasks: open.length, currentTasks: current.length, redTasks },
  }
}

/**
 * Zone score = mean of its townships' unrounded scores weighted by their villages' 总户数; null when it
 * has none. Unrounded too: zones are ranked on it.
 */
export function zoneScore(townships: ReadonlyArray<{ score: number; households: number }>): number | null {
  if (townships.length === 0) return null
  const weight = townships.reduce((sum, t) => sum + Math.max(0, t.households), 0)
  // Townships without household figures yet: fall back to a plain mean rather than dividing by zero.
  if (weight === 0) return mean(townships.map((t) => t.score))
  return townships.reduce((sum, t) => sum + t.score * Math.max(0, t.households), 0) / weight
}

/**
 * Quarter score = mean of the quarter's monthly scores. A township with fewer than three assessed months
 * (joined mid-quarter, or a month with nothing to measure) is averaged over the months it has, so a
 * missing month neither counts as 0 nor blocks the ranking; null when it has none.
 */
export function quarterScore(monthly: readonly number[]): number | null {
  return mean([...monthly])
}

/**
 * Scores closer than this are equal: the same figures summed in another order differ in the last bits of
 * a double, and a rank must not turn on that. Any real difference (one record, one day) is far larger.
 */
export const SCORE_EPSILON = 1e-9

const sameScore = (a: number, b: number) => Math.abs(a - b) <= SCORE_EPSILON

/**
 * Competition ranking ("1224") on the unrounded scores: equal scores share a rank and the next rank skips.
 * Highest first; ties keep their input order, so callers sort by name (or code) first for a stable table.
 */
export function rankOrder<T>(items: readonly T[], key: (item: T) => number): Array<{ item: T; rank: number }> {
  const sorted = items.map((item, i) => ({ item, score: key(item), i }))
    .sort((a, b) => (sameScore(a.score, b.score) ? a.i - b.i : b.score - a.score))
  const out: Array<{ item: T; rank: number }> = []
  sorted.forEach((s, i) => {
    const prev = sorted[i - 1]
    const rank = prev && sameScore(prev.score, s.score) ? out[i - 1]!.rank : i + 1
    out.push({ item: s.item, rank })
  })
  return out
}

/**
 * `x` with `digits` decimals, half up as a person checking the figure by hand rounds: the 1e-9 nudge makes
 * 1.005 (stored as 1.00499999…) read 1.01.
 */
export function fixed(x: number, digits = 2): string {
  const f = 10 ** digits
  return (Math.round((x + 1e-9) * f) / f).toFixed(digits)
}

/**
 * How a ranking's scores are shown: 2 decimals, and 3 where two shown scores would read the same but their
 * ranks differ (more, up to 6, in the rare case 3 still read the same) — so a reader never sees a lower rank
 * beside an equal score. Pass every row of the table; the answer formats any of their scores.
 */
export function scoreFormat(rows: ReadonlyArray<{ score: number | null; rank: number | null }>): (score: number | null) => string {
  const scored = rows.filter((r): r is { score: number; rank: number | null } => r.score !== null)
  const digits = new Map<number, number>()
  for (const r of scored) {
    const rivals = scored.filter((o) => o.rank !== r.rank && fixed(o.score) === fixed(r.score))
    let d = 2
    while (d < 6 && rivals.some((o) => fixed(o.score, d) === fixed(r.score, d))) d += 1
    digits.set(r.score, d)
  }
  return (score) => (score === null ? '—' : fixed(score, digits.get(score) ?? 2))
}
