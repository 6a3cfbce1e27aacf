import type { AreaView, TownshipRow } from '../../views/area'
import { CATEGORIES, taskTally, townshipTasks } from '../../views/area'
import { sumCounts } from '../../../db/repos/households'
import { card, columns, escapeMd, groupedBars, hr, md, pct, percent, type Element } from './kit'

const MAX_ROWS = 20

/** `/战区 进度` (and the county view): standards met, households, tasks, per-township chart. */
export function areaCard(v: AreaView, o: { title: string; subtitle?: string; rank?: string | null; extra?: Element[] }): object {
  const tally = taskTally(v.tasks)
  const h = v.households
  const byCategory = CATEGORIES.map((c) => {
    const list = v.villages.filter((x) => x.category === c)
    return `${c} ${list.length} 个（一低五有达标 ${list.filter((x) => x.standard.meets).length}）`
  })
  const elements: Element[] = [
    columns([
      `**村 一低五有**\n${v.villages.filter((x) => x.standard.meets).length}/${v.villages.length} 达标`,
      `**户 一超六有**\n${h.poorMeeting}/${h.poor}（${pct(h.poorMeeting, h.poor)}）`,
      `**任务**\n完成 ${tally.done}/${tally.total}，逾期 ${tally.overdue}`,
    ]),
    md(byCategory.join('\n')),
    md(`当年/已脱贫户达标 ${h.eligibleMeeting}/${h.eligible}（${pct(h.eligibleMeeting, h.eligible)}）　红灯任务 ${tally.red}${o.rank ? `　**${o.rank}**` : ''}`),
    hr(),
    md(townshipLines(v.townships)),
  ]
  if (v.townships.length > 1) elements.push(townshipChart(v.townships))
  if (o.extra) elements.push(...o.extra)
  return card({ title: o.title, subtitle: o.subtitle, template: tally.red > 0 ? 'orange' : 'blue', elements })
}

function townshipLines(townships: TownshipRow[]): string {
  const lines = townships.slice(0, MAX_ROWS).map((t) => {
    const tally = taskTally(townshipTasks(t))
    const h = sumCounts(t.villages.map((x) => x.counts))
    return `**${escapeMd(t.name)}**　村达标 ${t.villages.filter((x) => x.standard.meets).length}/${t.villages.length}　户达标 ${pct(h.poorMeeting, h.poor)}　任务 ${tally.done}/${tally.total}${tally.overdue ? `　逾期 ${tally.overdue}` : ''}`
  })
  if (townships.length > MAX_ROWS) lines.push(`还有 ${townships.length - MAX_ROWS} 个乡镇`)
  return lines.join('\n')
}

/** Task completion and 一超六有 share per township, side by side. */
function townshipChart(townships: TownshipRow[]): Element {
  return groupedBars('各乡镇进度（%）', townships.flatMap((t) => {
    const tally = taskTally(townshipTasks(t))
    const h = sumCounts(t.villages.map((x) => x.counts))
    return [
      { x: t.name, series: '任务完成率', value: percent(tally.done, tally.total) },
      { x: t.name, series: '户达标率', value: percent(h.poorMeeting, h.poor) },
    ]
  }))
}
