import type { TaskView } from '../../views/tasks'
import { lightIcon } from '../../views/tasks'
import { maskName } from '../../privacy/mask'
import { bar, card, escapeMd, md, mention, type Element } from './kit'
import { taskUnit } from '../../domain/units'
import { fmt } from '../../domain/progress-reading'
import { pageFooter, pageOf } from './pages'

/** Tasks per page: full lines (progress bar, deadline, owner) and compact ones. Both stay far below 30 KB. */
export const PAGE_SIZE = 20
export const COMPACT_PAGE_SIZE = 60
/** A compact line shows this much of a title (titles may be 200 characters). */
const SHORT_TITLE = 30

/** Who answers for a task: an @-mention when linked (Feishu renders the name), otherwise the name. */
export function ownerLabel(t: TaskView, o: { mention: boolean; direct: boolean }): string {
  const at = o.mention ? mention(t.ownerOpenId) : null
  if (at) return at
  if (t.ownerName) return escapeMd(o.direct ? t.ownerName : maskName(t.ownerName))
  return escapeMd(t.unit ?? '未指定责任人')
}

/** A task's progress with its target in its own unit: `▓▓▓▓▓▓▓░░░ 67%（2/3 处）`. */
export function taskProgress(t: TaskView): string {
  if (t.target === null) return bar(t.actual)
  const unit = taskUnit(t.measure)
  return `${bar(t.actual)}（${fmt(t.actual * t.target)}/${fmt(t.target)}${unit ? ` ${unit.name}` : ''}）`
}

const placeOf = (t: TaskView) => (t.villageName ? `${t.townshipName}${t.villageName}` : t.townshipName)

export function taskLine(t: TaskView, o: { direct: boolean; mention?: boolean }): string {
  const late = t.daysOverdue > 0 ? ` **逾期 ${t.daysOverdue} 天**` : ''
  return `${lightIcon(t)} ${escapeMd(t.code)} ${escapeMd(placeOf(t))} · ${escapeMd(t.title)}　${taskProgress(t)}　截止 ${t.dueDate}${late}　责任人 ${ownerLabel(t, { mention: o.mention ?? false, direct: o.direct })}`
}

/** One short line: place, title (cut at 30 characters), how late (or when due) and who answers for it. */
export function compactTaskLine(t: TaskView, o: { direct: boolean; mention?: boolean }): string {
  const chars = [...t.title]
  const title = chars.length > SHORT_TITLE ? `${chars.slice(0, SHORT_TITLE).join('')}…` : t.title
  const when = t.daysOverdue > 0 ? `逾期 ${t.daysOverdue} 天` : `截止 ${t.dueDate}`
  return `${lightIcon(t)} ${escapeMd(t.code)} ${escapeMd(placeOf(t))} · ${escapeMd(title)}　${when}　${ownerLabel(t, { mention: o.mention ?? false, direct: o.direct })}`
}

/**
 * A list of tasks (/任务, /逾期), a page at a time. A page that does not end the list says exactly what to
 * send for the next one: `command(n)` writes the command for page n.
 */
export function taskListCard(o: {
  title: string; subtitle?: string; tasks: TaskView[]; empty: string; direct: boolean; footer?: string
  page?: number; compact?: boolean; command: (page: number) => string
}): object {
  const p = pageOf(o.tasks, o.page ?? 1, o.compact ? COMPACT_PAGE_SIZE : PAGE_SIZE)
  const line = o.compact ? compactTaskLine : taskLine
  const elements: Element[] = o.tasks.length === 0 ? [md(o.empty)] : [md(p.items.map((t) => line(t, { direct: o.direct })).join('\n'))]
  const notes = [pageFooter(p, (n) => escapeMd(o.command(n))), o.footer && escapeMd(o.footer)].filter((x): x is string => Boolean(x))
  if (notes.length) elements.push(md(`<font color='grey'>${notes.join('\n')}</font>`))
  return card({ title: o.title, subtitle: o.subtitle, template: o.tasks.some((t) => t.light === '红') ? 'red' : 'blue', elements })
}
