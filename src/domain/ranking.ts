/**
 * What a published ranking holds. Every figure keeps what it was computed from (`RowDetail`), so anyone
 * can trace a township's score to its tasks, reports and village items — docs/domain.md: "every number in it
 * can be traced to its records".
 */
import type { Light } from './lights'

export type RankingKind = 'month' | 'quarter'

/** One task as it stood on the assessment day. */
export interface TaskTrace {
  code: string
  title: string
  village: string | null
  start: string | null
  due: string
  started: boolean
  done: boolean
  expected: number
  actual: number
  /** min(1, actual ÷ expected) — what the task adds to the 40 points; null when not started yet. */
  share: number | null
  light: Light | null
  /** The latest report visited by the assessment day, and the `/任务 完成` record. */
  reportId: number | null
  reportOn: string | null
  completionId: number | null
  /** Open with a report at most `currencyDays` old; null when the task is not open. */
  current: boolean | null
}

/** A 预脱贫村 or 已脱贫村 and its 一低五有 on the assessment day. */
export interface VillageTrace {
  code: string
  name: string
  category: string
  meets: boolean
  missing: string[]
  /** Where each item's status came from: task codes, or the record number of the item's report. */
  sources: Record<string, string>
}

export interface RowDetail {
  asOf: string
  /** Raw shares 0..1 before weighting; null = nothing to measure (left out). */
  shares: { tasks: number | null; households: number | null; villages: number | null; currency: number | null; spotCheck?: number | null }
  /** 100 ÷ the weights kept. */
  scale: number
  counts: { startedTasks: number; openTasks: number; currentTasks: number; redTasks: number }
  tasks: TaskTrace[]
  households: { eligible: number; meeting: number; byVillage: Array<{ code: string; name: string; eligible: number; meeting: number }> }
  villages: VillageTrace[]
  /** The month's spot checks, when weighed (weights.spotCheck > 0): households re-verified and in full agreement. */
  spotCheck?: { reverified: number; agreeing: number }
  /** Quarter rows: the monthly scores averaged, and where each came from. */
  months?: QuarterMonth[]
}

export interface QuarterMonth {
  month: string
  asOf: string
  /** 'published': the frozen monthly ranking; 'computed': computed at the month's end for this quarter. */
  source: 'published' | 'computed'
  score?: number | null
}

export interface RankingHead {
  period: string
  kind: RankingKind
  asOf: string
  publishedAt: number
  weights: Record<string, number>
  months: QuarterMonth[] | null
}

export interface RankingRow {
  townshipCode: string
  townshipName: string
  zoneId: number
  zoneName: string
  /** 总户数 of its villages: its weight in the zone score. */
  households: number
  /** null: nothing to assess (not ranked). */
  score: number | null
  tasks: number | null
  standing: number | null
  villages: number | null
  currency: number | null
  /** The spot checks' component when the county weighs it (weights.spotCheck > 0); null otherwise. */
  spotCheck: number | null
  penalty: number
  rank: number | null
  zoneRank: number | null
  detail: RowDetail
}

export interface ZoneRanking {
  zoneId: number
  zoneName: string
  score: number | null
  rank: number | null
  /** Townships assessed (with a score). */
  townships: number
  households: number
}

export interface Snapshot {
  head: RankingHead
  rows: RankingRow[]
  zones: ZoneRanking[]
}
