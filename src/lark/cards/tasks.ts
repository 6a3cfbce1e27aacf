import type { TaskView } from '../../views/tasks'
import { lightIcon } from '../../views/tasks'
import { maskName } from '../../privacy/mask'
import { bar, card, escapeMd, md, type Element } from './kit'
import { taskUnit } from '../../domain/units'
import { fmt } from '../../domain/progress'

const MAX = 25

/** Who answers for a task: an @-mention when linked (Feishu renders the name), otherwise the name. */
export function ownerLabel(t: TaskView, o: { mention: boolean; direct: boolean }): string {
  if (o.mention && t.ownerOpenId) return `<at id=${t.ownerOpenId}></at>`
  if (t.ownerName) return escapeMd(o.direct ? t.ownerName : maskName(t.ownerName))
  return escapeMd(t.unit ?? '未指定责任人')
}

/** A task's progress with its target in its own unit: `▓▓▓▓▓▓▓░░░ 67%（2/3 处）`. */
export function taskProgress(t: TaskView): string {
  if (t.target === null) return bar(t.actual)
  const unit = taskUnit(t.measure)
  return `${bar(t.actual)}（${fmt(t.actual * t.target)}/${fmt(t.target)}${unit ? ` ${unit.name}` : ''}）`
}

export function taskLine(t: TaskView, o: { direct: boolean; mention?: boolean }): string {
  const where = t.villageName ? `${t.townshipName}${t.villageName}` : t.townshipName
  const late = t.daysOverdue > 0 ? ` **逾期 ${t.daysOverdue} 天**` : ''
  return `${lightIcon(t)} ${escapeMd(t.code)} ${escapeMd(where)} · ${escapeMd(t.title)}　${taskProgress(t)}　截止 ${t.dueDate}${late}　责任人 ${ownerLabel(t, { mention: o.mention ?? false, direct: o.direct })}`
}

/** A list of tasks (/任务, /逾期), long lists summarised with "还有 N 项". */
export function taskListCard(o: { title: string; subtitle?: string; tasks: TaskView[]; empty: string; direct: boolean; footer?: string }): object {
  const elements: Element[] = o.tasks.length === 0
    ? [md(o.empty)]
    : [md(o.tasks.slice(0, MAX).map((t) => taskLine(t, { direct: o.direct })).join('\n') + (o.tasks.length > MAX ? `\n还有 ${o.tasks.length - MAX} 项` : ''))]
  if (o.footer) elements.push(md(`<font color='grey'>${o.footer}</font>`))
  return card({ title: o.title, subtitle: o.subtitle, template: o.tasks.some((t) => t.light === '红') ? 'red' : 'blue', elements })
}
