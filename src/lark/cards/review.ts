import type { Count, ReviewFigures, ReviewSpot } from '../../review/figures'
import { figuresLine } from './spot-results'
import { card, columns, escapeMd, groupedBars, hr, md, pct, percent, type Element } from './kit'
import { periodLabel } from './ranking'

/** +3 / −1 / ±0 against last month. */
const delta = (now: number, before: number) => (now > before ? `+${now - before}` : now < before ? `−${before - now}` : '±0')
const count = (c: Count, b: Count, unit: string) => `${c.met}/${c.target} ${unit}（${pct(c.met, c.target)}，较上月 ${delta(c.met, b.met)}）`

/**
 * The monthly review for a zone chat (the monthly 分析研判会), or for the county in the HQ chat: exits against the year's target, standards
 * met, tasks, the change since last month, the five biggest gaps and a chart of this month against last.
 */
export function reviewCard(o: { placeName: string; month: string; now: ReviewFigures; before: ReviewFigures; spot: ReviewSpot; phase: string }): object {
  const { now: n, before: b } = o
  const elements: Element[] = [
    md('**一、年度脱贫目标完成情况**'),
    columns([
      `**脱贫村**\n${count(n.exits.villages, b.exits.villages, '个')}`,
      `**脱贫户**\n${count(n.exits.households, b.exits.households, '户')}`,
      `**脱贫人口**\n${count(n.exits.people, b.exits.people, '人')}`,
    ]),
    md('预脱贫村以一低五有达标计，当年脱贫户以一超六有达标计（人口为这些户的家庭人口）。'),
    hr(),
    md([
      '**二、标准达标**',
      `村达标：${count(n.standards.villages, b.standards.villages, '个村')}`,
      `户达标：${count(n.standards.households, b.standards.households, '户')}`,
      `建档立卡户达标：${count(n.standards.registered, b.standards.registered, '户')}`,
      `乡"三有"：${count(n.standards.townships, b.standards.townships, '个乡镇')}`,
    ].join('\n')),
    md([
      '**三、任务**',
      `任务完成率：${count({ met: n.tasks.done, target: n.tasks.total }, { met: b.tasks.done, target: b.tasks.total }, '项')}`,
      `本月到期 ${n.tasks.dueThisMonth} 项，已完成 ${n.tasks.dueDone} 项`,
      `逾期未完成 ${n.tasks.overdue} 项（上月末 ${b.tasks.overdue} 项）`,
    ].join('\n')),
    md([
      '**四、抽查复核**（本月；一致率：复核的户中各项都与工作队核查一致的户）',
      ...(o.spot.rows.length ? [`合计：${figuresLine(o.spot.total)}`, ...o.spot.rows.map((r) => `${escapeMd(r.name)}：${figuresLine(r)}`)] : ['本月没有抽查，也没有待跟进的不一致。']),
    ].join('\n')),
    hr(),
    md(['**五、差距最大的五项**', ...(n.gaps.length
      ? n.gaps.map((g, i) => `${i + 1}. ${escapeMd(g.village)} · ${escapeMd(g.item)}：${g.text}`)
      : ['暂无落后于计划的事项。'])].join('\n')),
    chart(n, b),
  ]
  return card({
    title: `${o.placeName} · ${periodLabel(o.month)} 月度调度`,
    subtitle: `${o.phase}。数据截至 ${n.asOf}，与上月末（${b.asOf}）比较`,
    template: n.tasks.overdue > 0 ? 'orange' : 'blue',
    elements,
  })
}

/** The year's exits as % of target, last month against this month. */
function chart(n: ReviewFigures, b: ReviewFigures): Element {
  const rows = (f: ReviewFigures, series: string) => [
    { x: '脱贫村', series, value: percent(f.exits.villages.met, f.exits.villages.target) },
    { x: '脱贫户', series, value: percent(f.exits.households.met, f.exits.households.target) },
    { x: '脱贫人口', series, value: percent(f.exits.people.met, f.exits.people.target) },
    { x: '任务完成', series, value: percent(f.tasks.done, f.tasks.total) },
  ]
  return groupedBars('目标完成率（%）：上月末与本月', [...rows(b, '上月末'), ...rows(n, '本月')])
}
