import type { SixiaoTotals } from '../../views/sixiao'
import { md, type Element } from './kit'

/** The "四小" roll-up line of a summary card (zone, township, monthly review). */
export function sixiaoSummary(t: SixiaoTotals, year: number): Element {
  return md(`**"四小"项目（${year} 年）** 有项目 ${t.withProject}/${t.households} 户，项目 ${t.projects} 个，奖补 ${t.amount.toLocaleString('en-US')} 元`)
}
