import type { TaskFact } from '../../db/repos/facts'
import { taskStatus, type TaskStatus } from '../domain/lights'
import type { Settings } from '../settings'
import { daysBetween } from '../domain/dates'

export type TaskView = TaskFact & TaskStatus

/**
 * A task with its derived status and light as of `today`. Mutates and returns `fact`: facts are read
 * fresh for each view, and copying a county's 5,000 of them (plus the garbage) cost its /战区 进度 about
 * a third of its time (BENCHMARKS.md §3).
 */
export function viewTask(fact: TaskFact, today: string, settings: Settings): TaskView {
  return Object.assign(fact, taskStatus({ start: fact.startDate, due: fact.dueDate, at: today, completed: fact.completed, actual: fact.ratio, thresholds: settings.lights }))
}

/** Overdue first (longest first), then the rest by deadline. */
export function byUrgency(a: TaskView, b: TaskView): number {
  return b.daysOverdue - a.daysOverdue || a.dueDate.localeCompare(b.dueDate) || a.code.localeCompare(b.code)
}

/** Longest overdue first, then by code: the order of /逾期 and the daily digest. */
export function byLateness(a: TaskView, b: TaskView): number {
  return b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code)
}

/** Overdue: started, not done, past its deadline — the one rule behind /逾期 and the daily digest. */
export const isOverdue = (t: TaskView) => t.open && t.daysOverdue > 0

/** Due soon: not done, not yet overdue, due within `days` days of `today` (today included). */
export const isDueSoon = (t: TaskView, today: string, days: number) => !t.done && t.daysOverdue === 0 && daysBetween(today, t.dueDate) <= days

export const LIGHT_ICON: Record<string, string> = { 红: '🔴', 黄: '🟡', 绿: '🟢' }
export const lightIcon = (t: TaskView) => (t.done ? '✅' : !t.started ? '⚪' : LIGHT_ICON[t.light ?? '绿'] ?? '')
