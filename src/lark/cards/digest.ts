import type { TaskView } from '../../views/tasks'
import { groupBy } from '../../domain/group-by'
import { maskName } from '../../privacy/mask'
import { card, escapeMd, hr, md, type Element } from './kit'
import { compactTaskLine, taskLine } from './tasks'

/** How many tasks of each part the card lists in full; the rest are counted, with the command that lists them. */
const FRESH_MAX = 20
const STALE_MAX = 30
const SOON_MAX = 10

export interface DigestInput {
  title: string
  /** Overdue tasks that changed (or are new) since the last digest: shown in full. */
  fresh: TaskView[]
  /** Overdue tasks already listed last time and unchanged: one compact line each, still with place, title and owner. */
  stale: TaskView[]
  dueSoon: TaskView[]
  soonDays: number
  /** The commands that list what the card leaves out: every overdue task, every task due soon. */
  more: { overdue: string; dueSoon: string }
  /** The commander(s) to call on for tasks overdue beyond the escalation threshold. */
  escalate?: { mention: string; count: number; days: number }
  /** Spot-check disagreements still open after `days` days, by household (oldest first). */
  disagreements?: { days: number; households: OverdueDisagreement[] }
}

export interface OverdueDisagreement { householdCode: string; headName: string; villageName: string; drawId: number; items: string[]; openedOn: string; daysOpen: number }

const DISAGREEMENTS_MAX = 10

const mentioned = (t: TaskView) => taskLine(t, { direct: false, mention: true })

/**
 * The daily overdue digest: one card per chat. Changed tasks grouped by township and village, longest
 * overdue first; unchanged ones on one line each; tasks due soon. A part too long for one card says how
 * many it left out and what to send to read them all.
 */
export function digestCard(d: DigestInput): object {
  const elements: Element[] = []
  const overdue = d.fresh.length + d.stale.length
  const fresh = d.fresh.slice(0, FRESH_MAX)
  const stale = d.stale.slice(0, STALE_MAX)
  if (overdue > 0) {
    elements.push(md(`**逾期 ${overdue} 项**${d.stale.length ? `（其中 ${d.stale.length} 项昨日已提醒、无新进展，列在后面）` : ''}`))
  }
  if (fresh.length > 0) {
    const byPlace = groupBy(fresh, (t) => (t.villageName ? `${t.townshipName} · ${t.villageName}` : `${t.townshipName}（乡镇任务）`))
    const lines: string[] = []
    for (const [place, tasks] of [...byPlace.entries()].sort((a, b) => maxLate(b[1]) - maxLate(a[1]))) {
      lines.push(`**${escapeMd(place)}**`, ...tasks.map(mentioned))
    }
    elements.push(md(lines.join('\n')))
  }
  if (d.escalate) {
    elements.push(md(`⚠️ 有 ${d.escalate.count} 项逾期超过 ${d.escalate.days} 天，请 ${d.escalate.mention} 督办。`))
  }
  if (d.dueSoon.length > 0) {
    const rest = d.dueSoon.length - SOON_MAX
    elements.push(hr(), md([`**即将到期**（${d.soonDays} 天内，${d.dueSoon.length} 项）`, ...d.dueSoon.slice(0, SOON_MAX).map(mentioned),
      ...(rest > 0 ? [`还有 ${rest} 项即将到期，发送 ${escapeMd(d.more.dueSoon)} 查看全部`] : [])].join('\n')))
  }
  const dis = d.disagreements
  if (dis && dis.households.length > 0) {
    const rest = dis.households.length - DISAGREEMENTS_MAX
    elements.push(hr(), md([
      `**抽查复核的不一致超过 ${dis.days} 天未跟进**（${dis.households.length} 户）`,
      ...dis.households.slice(0, DISAGREEMENTS_MAX).map((h) =>
        `${escapeMd(h.householdCode)} ${escapeMd(maskName(h.headName))} · ${escapeMd(h.villageName)}：${h.items.join('、')}（抽查 #${h.drawId}，${h.openedOn} 复核，已 ${h.daysOpen} 天）`),
      ...(rest > 0 ? [`还有 ${rest} 户，发送 /抽查 结果 查看`] : []),
      '请工作队重新 /户 核查 这些户（以新核查为准），或由管理员 /抽查 关闭 并写明原因。',
    ].join('\n')))
  }
  if (stale.length > 0) {
    elements.push(hr(), md(['**仍逾期，无新进展**（昨日已提醒）', ...stale.map((t) => compactTaskLine(t, { direct: false, mention: true }))].join('\n')))
  }
  const left = overdue - fresh.length - stale.length
  if (left > 0) elements.push(md(`还有 ${left} 项逾期任务没有列出，发送 ${escapeMd(d.more.overdue)} 查看全部（逾期最久的在前）`))
  elements.push(md(`<font color='grey'>上报进度：/村 上报　完成任务：/任务 完成 <编号>　暂停提醒：/提醒 暂停 <天数></font>`))
  return card({ title: d.title, template: d.fresh.some((t) => t.light === '红') || d.escalate || dis?.households.length ? 'red' : 'orange', elements })
}

function maxLate(tasks: TaskView[]) {
  return Math.max(...tasks.map((t) => t.daysOverdue))
}
