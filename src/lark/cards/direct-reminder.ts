import type { TaskView } from '../../views/tasks'
import { card, escapeMd, hr, md, type Element } from './kit'
import { taskProgress } from './tasks'
import { lightIcon } from '../../views/tasks'
import { taskRef } from './refs'

/** Tasks listed with their own line and 上报 button; the rest are counted (≤ 200 elements a card). */
const LISTED_MAX = 25

export interface DirectReminder {
  date: string
  overdue: TaskView[]
  dueSoon: TaskView[]
  soonDays: number
  /** The tasks the owner may report on by the form (a village's task, within their remit). */
  reportable: ReadonlySet<string>
}

const placeOf = (t: TaskView) => (t.villageName ? `${t.townshipName}${t.villageName}` : t.townshipName)

/**
 * A task owner's own reminder, in their direct chat: only the tasks they answer for, overdue first, each with
 * its place, progress in its unit, how late (or when due) and a 上报 button that opens the report form on it.
 */
export function directReminderCard(r: DirectReminder): object {
  const all = [...r.overdue, ...r.dueSoon]
  const elements: Element[] = [md([
    r.overdue.length ? `**逾期 ${r.overdue.length} 项**` : '',
    r.dueSoon.length ? `${r.soonDays} 天内到期 ${r.dueSoon.length} 项` : '',
  ].filter(Boolean).join('，') + '。点「上报」填写进度。')]
  for (const t of all.slice(0, LISTED_MAX)) {
    const when = t.daysOverdue > 0 ? `**逾期 ${t.daysOverdue} 天**` : `截止 ${t.dueDate}`
    elements.push(md(`${lightIcon(t)} ${escapeMd(t.code)} ${escapeMd(placeOf(t))} · ${escapeMd(t.title)}\n${when}　${taskProgress(t)}`))
    if (r.reportable.has(t.code)) {
      elements.push({ tag: 'button', name: `report_${elements.length}`, type: 'primary_filled', size: 'small', text: { tag: 'plain_text', content: '上报' }, behaviors: [{ type: 'callback', value: { action: 'report-open', ref: taskRef(t.code) } }] })
    }
  }
  if (all.length > LISTED_MAX) elements.push(md(`还有 ${all.length - LISTED_MAX} 项：发送 /任务 我的 查看全部。`))
  elements.push(hr(), md('这些提醒只发给您本人。暂停请在这里发送 /提醒 暂停 3（天数 1–30），恢复发送 /提醒 恢复。'))
  return card({ title: `您负责的任务 · 逾期提醒 ${r.date}`, template: r.overdue.length ? 'red' : 'orange', elements })
}
