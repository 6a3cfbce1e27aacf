/**
 * Expected progress, overdue days and the traffic light of a task (docs/domain.md, "Traffic lights per task").
 * Dates are 'YYYY-MM-DD' in the county's calendar; ratios are 0..1.
 */
import { addDays, daysBetween } from './dates'

export type Light = '红' | '黄' | '绿'

export interface LightThresholds {
  /** Red once overdue by MORE than this many days. */
  redOverdueDays: number
  /** Red when actual < redRatio × expected. */
  redRatio: number
}

export const DEFAULT_LIGHT_THRESHOLDS: LightThresholds = { redOverdueDays: 15, redRatio: 0.8 }

/**
 * A task imported without 开始日期 is assumed to have been planned over the 90 days before its deadline:
 * assuming it started "long ago" would make it look late at once, and assuming it starts on the deadline
 * would let it look on track until the last day.
 */
export const DEFAULT_PLANNING_DAYS = 90

/** Ratios are compared with this slack so that 12/15 against 0.8×1 is not red by binary rounding. */
const EPSILON = 1e-9

/**
 * Linear from start (0) to due (1): 0 on or before the start, 1 on or after the deadline.
 * `at` is the day of evaluation — today, or the last day of the month being assessed.
 */
export function expectedProgress(input: { start: string | null; due: string; at: string }): number {
  const start = input.start ?? addDays(input.due, -DEFAULT_PLANNING_DAYS)
  if (daysBetween(input.due, input.at) >= 0) return 1
  const span = daysBetween(start, input.due)
  const elapsed = daysBetween(start, input.at)
  // A start on or after the deadline is bad data; the deadline check above already decided after it.
  if (span <= 0 || elapsed <= 0) return 0
  return elapsed / span
}

/** Due today = 0, due yesterday = 1; a done task is never overdue. */
export function daysOverdue(due: string, today: string, done: boolean): number {
  if (done) return 0
  return Math.max(0, daysBetween(due, today))
}

export function trafficLight(
  input: { done: boolean; actual: number; expected: number; daysOverdue: number },
  thresholds: LightThresholds = DEFAULT_LIGHT_THRESHOLDS,
): Light | null {
  if (input.done) return null
  const { actual, expected, daysOverdue: late } = input
  if (late > thresholds.redOverdueDays || actual < thresholds.redRatio * expected - EPSILON) return '红'
  if (late > 0 || actual < expected - EPSILON) return '黄'
  return '绿'
}

export interface TaskStatusInput {
  start: string | null
  due: string
  /** The day of evaluation: today for live views, the month's last day for a past month's score. */
  at: string
  /** `/任务 完成` was recorded. */
  completed: boolean
  /** Latest reported progress ratio 0..1; null = nothing reported yet (counts as 0). */
  actual: number | null
  thresholds?: LightThresholds
}

export interface TaskStatus {
  started: boolean
  done: boolean
  open: boolean
  expected: number
  actual: number
  light: Light | null
  daysOverdue: number
}

export function taskStatus(input: TaskStatusInput): TaskStatus {
  const reported = input.actual ?? 0
  // A task without a start date was assigned when it was imported, so it counts as started.
  const started = input.start === null || daysBetween(input.start, input.at) >= 0
  const done = input.completed || reported >= 1
  // Completion is one state: a task marked done counts in full wherever progress is shown or scored, as
  // one whose reports reached the target does.
  const actual = done ? 1 : reported
  const expected = expectedProgress({ start: input.start, due: input.due, at: input.at })
  const late = daysOverdue(input.due, input.at, done)
  return {
    started,
    done,
    open: started && !done,
    expected,
    actual,
    light: trafficLight({ done, actual, expected, daysOverdue: late }, input.thresholds),
    daysOverdue: late,
  }
}
