/**
 * Which source decides a standard item — a 一低五有 item of a village, or a 乡"三有" item of a township
 * (docs/input.md, "Which source decides a standard item"):
 * 1. The place's tasks whose 事项 names the item (卫生室建设 → 卫生室), once they have started by the day
 *    asked about: the item is met when all of them are done. They are the plan, so they win over reports.
 * 2. Otherwise the item's own latest report: met when it says done, or, for 集体经济, when it gives an
 *    income above 0 (a village with collective income "has" a collective economy).
 * 3. Otherwise nothing is known (⚪). A task that has not started yet does not make a met item unmet: a
 *    clinic reported done in September stays met in November though its renovation starts in December.
 */
export interface ItemTask { code: string; title: string; started: boolean; done: boolean }
export interface ItemReport { done: boolean; amount: number | null; input: string; on: string; recordId: number }
export interface ItemStatus {
  met: boolean | null
  /** Where the status came from, for people: `任务 T002 已完成`, `2018-06-01 上报「已完成」`. */
  source: string
  /** The same, for a published trace: the deciding tasks, or the report's number. */
  ref: string | null
}

export function itemStatus(item: string, tasks: readonly ItemTask[], report: ItemReport | undefined): ItemStatus {
  const named = tasks.filter((t) => t.title.includes(item))
  const started = named.filter((t) => t.started)
  const codes = (ts: readonly ItemTask[]) => ts.map((t) => t.code).join('、')
  if (started.length > 0) {
    const done = started.every((t) => t.done)
    return { met: done, source: `任务 ${codes(started)}${done ? ' 已完成' : ' 未完成'}`, ref: `任务 ${codes(started)}` }
  }
  if (report) {
    const met = report.done || (item === '集体经济' && (report.amount ?? 0) > 0)
    return { met, source: `${report.on} 上报「${report.input}」`, ref: `#${report.recordId}` }
  }
  if (named.length > 0) return { met: null, source: `任务 ${codes(named)} 尚未开始`, ref: null }
  return { met: null, source: '尚无上报', ref: null }
}
