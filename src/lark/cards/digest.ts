import type { TaskView } from '../../views/tasks'
import { groupBy } from '../../group-by'
import { card, escapeMd, hr, md, type Element } from './kit'
import { taskLine } from './tasks'

const MAX_LINES = 40

export interface DigestInput {
  title: string
  /** Overdue tasks that changed (or are new) since the last digest: shown in full. */
  fresh: TaskView[]
  /** Overdue tasks already listed last time and unchanged: one compact line. */
  stale: TaskView[]
  dueSoon: TaskView[]
  /** The commander(s) to call on for tasks overdue beyond the escalation threshold. */
  escalate?: { mention: string; count: number; days: number }
}

/** The daily overdue digest: one card per chat, grouped by township and village, longest overdue first. */
export function digestCard(d: DigestInput): object {
  const elements: Element[] = []
  const byPlace = groupBy(d.fresh, (t) => (t.villageName ? `${t.townshipName} · ${t.villageName}` : `${t.townshipName}（乡镇任务）`))
  const lines: string[] = []
  for (const [place, tasks] of [...byPlace.entries()].sort((a, b) => maxLate(b[1]) - maxLate(a[1]))) {
    lines.push(`**${escapeMd(place)}**`, ...tasks.map((t) => taskLine(t, { direct: false, mention: true })))
  }
  if (d.fresh.length > 0) {
    elements.push(md(`**逾期 ${d.fresh.length + d.stale.length} 项**${d.stale.length ? `（其中 ${d.stale.length} 项无新进展，见文末）` : ''}`))
    elements.push(md(cap(lines)))
  }
  if (d.escalate) {
    elements.push(md(`⚠️ 有 ${d.escalate.count} 项逾期超过 ${d.escalate.days} 天，请 ${d.escalate.mention} 督办。`))
  }
  if (d.dueSoon.length > 0) {
    elements.push(hr(), md(`**即将到期**（${d.dueSoon.length} 项）\n${cap(d.dueSoon.map((t) => taskLine(t, { direct: false, mention: true })))}`))
  }
  if (d.stale.length > 0) {
    elements.push(hr(), md(`**仍逾期**（昨日已提醒，无新进展）：${d.stale.map((t) => `${escapeMd(t.code)}（${t.daysOverdue} 天）`).join('、')}`))
  }
  elements.push(md(`<font color='grey'>上报进度：/村 上报　完成任务：/任务 完成 <编号>　暂停提醒：/提醒 暂停 <天数></font>`))
  return card({ title: d.title, template: d.fresh.some((t) => t.light === '红') || d.escalate ? 'red' : 'orange', elements })
}

function maxLate(tasks: TaskView[]) {
  return Math.max(...tasks.map((t) => t.daysOverdue))
}

function cap(lines: string[]) {
  return lines.length > MAX_LINES ? `${lines.slice(0, MAX_LINES).join('\n')}\n还有 ${lines.length - MAX_LINES} 行，发送 /逾期 查看全部` : lines.join('\n')
}
