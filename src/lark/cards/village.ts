import type { VillageView } from '../../views/village'
import { FIVE_ITEMS } from '../../domain/standards'
import { lightIcon } from '../../views/tasks'
import { card, columns, escapeMd, hr, md, type Element } from './kit'
import { taskProgress } from './tasks'
import { householdShare, householdTotalText, incidenceText, registeredShare, shareText, taskShare } from '../../views/figures'

const MAX_TASKS = 12

const mark = (met: boolean | null) => (met === null ? '⚪' : met ? '✅' : '❌')

/**
 * `/村 进度`: the village at a glance. A long task list is cut to stay under 30 KB, with the command that
 * lists it all (`tasksCommand`, e.g. `/任务 团结乡红岩洞村`).
 */
export function villageCard(v: VillageView, o: { tasksCommand: string }): object {
  const { village, standard: s, households: h, team } = v
  const overdue = v.tasks.filter((t) => t.daysOverdue > 0)
  const open = v.tasks.filter((t) => !t.done)
  const elements: Element[] = [
    columns([
      `**类别**\n${village.category}${village.plannedExitYear ? `（计划 ${village.plannedExitYear} 年）` : ''}`,
      `**工作队**\n${team.size} 人 / 应 ${team.required} 人${team.size < team.required ? ' ⚠️' : ''}`,
      `**一低五有**\n${s.meets ? '✅ 达标' : `❌ 差 ${s.missing.length} 项`}`,
    ]),
    md([
      `**一低五有**`,
      `${mark(s.lowIncidence)} 贫困发生率 ${incidenceText(s)}，须低于 3%`,
      ...FIVE_ITEMS.map((i) => `${mark(s.items[i])} ${i}　<font color='grey'>${escapeMd(v.itemSources[i])}</font>`),
    ].join('\n')),
    md([`**户达标** ${shareText(householdShare(h), '户')}　建档立卡户达标 ${shareText(registeredShare(h), '户')}`,
      `总户数 ${householdTotalText(village.households, h.total)}`].join('\n')),
    hr(),
    md(`**任务完成率** ${shareText(taskShare(v.tasks), '项')}　逾期 ${overdue.length} 项`),
  ]
  if (open.length > 0) {
    elements.push(md(open.slice(0, MAX_TASKS).map((t) =>
      `${lightIcon(t)} ${escapeMd(t.code)} ${escapeMd(t.title)}　${taskProgress(t)}　截止 ${t.dueDate}${t.daysOverdue > 0 ? ` **逾期 ${t.daysOverdue} 天**` : ''}`,
    ).join('\n') + (open.length > MAX_TASKS ? `\n还有 ${open.length - MAX_TASKS} 项未完成，发送 ${escapeMd(o.tasksCommand)} 查看全部` : '')))
  }
  if (v.recent.length > 0) {
    elements.push(hr(), md(['**最近记录**', ...v.recent.map((r) => `#${r.id} ${r.visitedOn} ${escapeMd(r.summary)}${r.photos.length > 0 ? ' 📷' : ''}`)].join('\n')))
  }
  return card({
    title: `${village.townshipName}${village.name} · 脱贫进度`,
    subtitle: village.zoneName,
    template: overdue.some((t) => t.light === '红') ? 'red' : s.meets ? 'green' : 'blue',
    elements,
  })
}
