import type { AreaView, VillageRow } from '../../views/area'
import type { TaskView } from '../../views/tasks'
import { CATEGORIES, taskTally, threeHaveOf } from '../../views/area'
import { THREE_ITEMS } from '../../domain/standards'
import { sumCounts } from '../../../db/repos/households'
import { householdShare, householdTotalText, percentOf, registeredShare, shareText, taskShare, villageShare } from '../../views/figures'
import { card, columns, escapeMd, groupedBars, hr, md, type Element } from './kit'

/** One part of a place, compared with its siblings: a zone of the county, a township of a zone. */
export interface AreaPart { name: string; villages: VillageRow[]; tasks: TaskView[] }

/**
 * `/战区 进度` and `/乡 进度`: the place's figures (docs/figures.md), then a row and a bar per part — the
 * zones for the county, the townships for a zone — and the command that goes one level down.
 */
export function areaCard(v: AreaView, o: { title: string; subtitle?: string; rank?: string | null; parts?: { label: string; list: AreaPart[] }; down?: string; extra?: Element[] }): object {
  const tally = taskTally(v.tasks)
  const h = v.households
  const byCategory = CATEGORIES.map((c) => {
    const list = v.villages.filter((x) => x.category === c)
    return `${c} ${list.length} 个（一低五有达标 ${list.filter((x) => x.standard.meets).length} 个）`
  })
  const registered = v.villages.reduce((sum, x) => sum + x.households, 0)
  const elements: Element[] = [
    columns([
      `**村达标**\n${shareText(villageShare(v.villages), '个')}`,
      `**户达标**\n${shareText(householdShare(h), '户')}`,
      `**任务完成率**\n${shareText(taskShare(v.tasks), '项')}，逾期 ${tally.overdue} 项`,
    ]),
    md(byCategory.join('\n')),
    md([`建档立卡户达标 ${shareText(registeredShare(h), '户')}　红灯任务 ${tally.red} 项`,
      `总户数 ${householdTotalText(registered, h.total)}${o.rank ? `　**${o.rank}**` : ''}`].join('\n')),
  ]
  if (o.parts && o.parts.list.length > 0) {
    elements.push(hr(), md([`**${o.parts.label}**`, ...o.parts.list.map(partLine)].join('\n')))
    if (o.parts.list.length > 1) elements.push(partChart(o.parts.label, o.parts.list))
    if (o.down) elements.push(md(`<font color='grey'>${escapeMd(o.down)}</font>`))
  }
  if (o.extra) elements.push(...o.extra)
  return card({ title: o.title, subtitle: o.subtitle, template: tally.red > 0 ? 'orange' : 'blue', elements })
}

/**
 * `/乡 进度`: the township's figures, its 乡"三有" item by item and a line per village, with the command
 * for one village's detail (`villageCommand`).
 */
export function townshipCard(v: AreaView, o: { title: string; subtitle?: string; villageCommand?: string; extra?: Element[] }): object {
  const township = v.townships[0]
  const three = threeHaveOf(township)
  const mark = (met: boolean | null) => (met === null ? '⚪' : met ? '✅' : '❌')
  const villageLines = (township?.villages ?? []).map((x) =>
    `${mark(x.standard.meets)} ${escapeMd(x.name)}（${x.category}）户达标 ${shareText(householdShare(x.counts), '户')}　任务完成率 ${shareText(taskShare(x.tasks), '项')}`)
  return areaCard(v, {
    title: o.title,
    subtitle: o.subtitle,
    extra: [
      hr(),
      md([`**乡"三有"**：${three.meets ? '✅ 达标' : `未达标（${three.missing.join('、')}）`}`,
        ...THREE_ITEMS.map((i) => `${mark(three.items[i])} ${i}　${escapeMd(three.sources[i])}`)].join('\n')),
      md(['**各村**（✅ ❌：一低五有是否达标）', ...villageLines,
        ...(o.villageCommand ? [`<font color='grey'>一个村的明细：${escapeMd(o.villageCommand)}</font>`] : [])].join('\n')),
      ...(o.extra ?? []),
    ],
  })
}

function partLine(p: AreaPart): string {
  const h = sumCounts(p.villages.map((x) => x.counts))
  const overdue = taskTally(p.tasks).overdue
  return `**${escapeMd(p.name)}**　村达标 ${shareText(villageShare(p.villages), '个')}　户达标 ${shareText(householdShare(h), '户')}` +
    `　任务完成率 ${shareText(taskShare(p.tasks), '项')}${overdue ? `　逾期 ${overdue} 项` : ''}`
}

/** 任务完成率 and 户达标 per part, side by side. */
function partChart(label: string, parts: AreaPart[]): Element {
  return groupedBars(`${label}进度（%）`, parts.flatMap((p) => [
    { x: p.name, series: '任务完成率', value: percentOf(taskShare(p.tasks)) },
    { x: p.name, series: '户达标', value: percentOf(householdShare(sumCounts(p.villages.map((x) => x.counts)))) },
  ]))
}
