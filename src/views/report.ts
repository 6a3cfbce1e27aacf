import type { Deps } from '../deps'
import type { NewRecord } from '../../db/repos/records'
import type { TaskFact } from '../../db/repos/facts'
import { parseProgress } from '../domain/progress'
import { readProgress, percentOf, fmt, USAGE_HINT, type ProgressTarget, type Reading } from '../domain/progress-reading'
import { taskUnit } from '../domain/units'
import { looksLikeDate } from '../domain/visit-date'
import { UserError } from '../reply'
import { taskProgress } from '../lark/cards/tasks'
import { viewTask } from './tasks'

/** The same report sent twice within this window is recorded once (a double send, a resent message). */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000

/**
 * The progress at the start of `words` and the remark after it. Voice input splits a figure (`50 %`,
 * `2.5 公里`, `百分之 六十`), so up to four words are tried as one, longest first; the first reading that
 * holds against the target wins. Nothing is guessed: when none holds, the refusal says why.
 */
export function splitProgress(words: readonly string[], on: ProgressTarget): { reading: Reading; remark: string[] } {
  let refusal: string | null = null
  // Two numbers apart are two numbers (`12 15` is not 1215): a word joins the figure only when it does
  // not start with a digit, or when the figure so far ends in `/` or `.`.
  let longest = 1
  while (longest < Math.min(4, words.length) && (!/^\d/.test(words[longest]!) || /[/.]$/.test(words[longest - 1]!))) longest++
  for (let n = longest; n >= 1; n--) {
    const parsed = parseProgress(words.slice(0, n).join(''))
    if (!parsed.ok) {
      if (n === 1) refusal ??= `${parsed.reason}（${USAGE_HINT}）`
      continue
    }
    const read = readProgress(parsed.value, on)
    const next = words[n]
    // `12 15`, `2 3`: a second bare number is not a remark; ask rather than file it as one.
    if (read.ok && next !== undefined && /^\d+(\.\d+)?$/.test(next)) {
      throw new UserError(`「${words.slice(0, n + 1).join(' ')}」是两个数，不知道哪个是进度。如果是完成数/总数，请写成 ${words.slice(0, n).join('')}/${next}；备注请写在文字后面。`)
    }
    if (read.ok) return { reading: read.value, remark: words.slice(n) }
    refusal = read.reason   // the shortest figure that parsed explains best what did not fit
  }
  throw new UserError(refusal === null ? `没有写进度（${USAGE_HINT}）。` : /[。？）]$/.test(refusal) ? refusal : `${refusal}。`)
}

/** A date typed without `日期=` is never filed as a remark: ask instead. */
export function refuseStrayDate(remark: readonly string[]) {
  const date = remark.find(looksLikeDate)
  if (date) throw new UserError(`「${date}」是走访日期吗？请写成 日期=${date}（也可以写 日期 ${date}）；如果是备注，请写 备注=…。`)
}

/** The figure as stored, against the task's target: `2 公里 / 目标 3 公里（66.7%）`. */
export function progressLine(r: Reading, task: Pick<TaskFact, 'target' | 'measure'> | null): string {
  const unit = taskUnit(task?.measure)
  const target = task?.target ?? null
  const targetText = target === null ? '' : `目标 ${fmt(target)}${unit ? ` ${unit.name}` : ''}`
  const over = r.amount !== null && target !== null && r.amount > target
  const pct = r.ratio === null ? '' : `（${over ? '超过目标，按 100% 计' : percentOf(Math.min(1, r.ratio))}）`
  switch (r.kind) {
    case 'percent':
      return `${r.shown}${targetText ? `（${targetText}）` : ''}`
    case 'quantity':
      return target === null ? r.shown : `${r.shown} / ${targetText}${pct}`
    default:
      return `${r.shown}${pct}`
  }
}

/** A task's state after a write, as the cards show it. */
export function taskNow(deps: Deps, code: string, today: string): string {
  const view = viewTask(deps.facts.task(code)!, today, deps.settings)
  if (view.done) return '✅ 已完成'
  const light = view.light ? `，${view.light}灯` : ''
  const late = view.daysOverdue > 0 ? `，逾期 ${view.daysOverdue} 天` : `，截止 ${view.dueDate}`
  return `${taskProgress(view)}${light}${late}`
}

/**
 * Refuses a report that would contradict a finished task: a done task stays done until it is reopened
 * (`/任务 重开`), so a card never says 已完成 over a lower figure.
 */
export function assertOpenForReport(deps: Deps, task: TaskFact, reading: Reading, today: string) {
  const view = viewTask(task, today, deps.settings)
  if (!view.done) return
  const source = doneSource(deps, task)
  if (reading.done) throw new UserError(`任务 ${task.code}「${task.title}」已经是完成状态（${source}），不用再报完成，这次没有记录。`, { showUsage: false })
  throw new UserError(`任务 ${task.code}「${task.title}」已经是完成状态（${source}），不能再报较低的进度「${reading.shown}」，这次没有记录。\n如果确实还没完成，请先发送 /任务 重开 ${task.code} <原因>，再重新上报。`, { showUsage: false })
}

/** Which record made a task done: `#12 任务完成` or `#15 上报`. */
export function doneSource(deps: Deps, task: TaskFact): string {
  const id = task.completionId ?? task.lastReportId
  return `#${id} ${deps.records.get(id!)?.kind === 'completion' ? '任务完成' : '上报'}`
}

/** Stores a report, or returns the number of the identical one the same person sent minutes ago. */
export function storeReport(deps: Deps, base: NewRecord, p: { taskCode: string | null; item: string | null; reading: Reading }): { id: number; duplicate: boolean } {
  const fields = { taskCode: p.taskCode, item: p.item, input: p.reading.shown }
  const same = deps.records.sameReport(base, fields, base.createdAt - DUPLICATE_WINDOW_MS)
  if (same !== undefined) return { id: same, duplicate: true }
  const { ratio, amount, done } = p.reading
  const id = deps.records.addReport(base, { ...fields, ratio: done ? 1 : ratio === null ? null : Math.min(1, ratio), amount, done })
  deps.audit.record({ at: base.createdAt, actor: base.authorOpenId, action: 'report.add', target: `record:${id}` })
  return { id, duplicate: false }
}

/** The lines every write's reply ends with: when, and the remark as stored. */
export function visitLines(visitedOn: string, remark: string | null): string[] {
  return [`走访日期：${visitedOn}`, `备注：${remark ?? '（无）'}`]
}
