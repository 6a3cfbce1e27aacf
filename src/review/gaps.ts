import type { AreaView } from '../views/area'
import { FIVE_ITEMS, LOW_INCIDENCE_THRESHOLD } from '../domain/standards'
import { ELIGIBLE_VILLAGES, incidenceText } from '../views/figures'

export interface Gap {
  village: string
  item: string
  /** How far from done, 0..1: the shortfall against plan, or 1 for a standard item nothing shows met. */
  size: number
  text: string
}

const pc = (x: number) => `${Math.round(x * 100)}%`

/**
 * The biggest gaps in a zone, village by item: village tasks behind their plan (expected − actual), and
 * for the villages that must meet 一低五有 (预脱贫村, 已脱贫村) the items nothing shows met — an item
 * backed by a task is judged by that task's progress instead, so it is not counted twice. Biggest first;
 * 预脱贫村 (this year's exits) before 已脱贫村 on a tie.
 */
export function biggestGaps(view: AreaView, n: number): Gap[] {
  const gaps: Array<Gap & { order: number; code: string }> = []
  for (const v of view.villages) {
    const order = v.category === '预脱贫村' ? 0 : 1
    for (const t of v.tasks) {
      const behind = t.open ? t.expected - t.actual : 0
      if (behind > 1e-9) gaps.push({ village: v.name, item: t.title, size: behind, text: `应完成 ${pc(t.expected)}，实际 ${pc(t.actual)}`, order, code: v.code })
    }
    if (!ELIGIBLE_VILLAGES.includes(v.category) || v.standard.meets) continue
    if (!v.standard.lowIncidence) {
      const excess = 1 - LOW_INCIDENCE_THRESHOLD / v.standard.incidence
      gaps.push({ village: v.name, item: '贫困发生率', size: excess, text: `${incidenceText(v.standard)}，须低于 3%`, order, code: v.code })
    }
    // Items in the same state make one entry ("集体经济、硬化路：尚无上报"), so one village's empty
    // checklist does not crowd every other gap out of the five.
    for (const state of [null, false] as const) {
      const items = FIVE_ITEMS.filter((i) => v.standard.items[i] === state && !v.tasks.some((t) => t.title.includes(i)))
      if (items.length) gaps.push({ village: v.name, item: items.join('、'), size: 1, text: state === null ? '尚无上报' : '未达标', order, code: v.code })
    }
  }
  return gaps
    .sort((a, b) => b.size - a.size || a.order - b.order || a.code.localeCompare(b.code))
    .slice(0, n)
    .map(({ village, item, size, text }) => ({ village, item, size, text }))
}
