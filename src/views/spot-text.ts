import { incomeGap, type ItemComparison, type SpotItem } from '../domain/spot-compare'

const yuan = (n: number) => new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n)

/** An item's value as the comparison shows it: `5,200 元`, `达标`, `不达标`, `未核查`. */
export function valueText(item: SpotItem, v: number | boolean | null): string {
  if (v === null) return '未核查'
  return item === '收入' ? `${yuan(v as number)} 元` : v ? '达标' : '不达标'
}

/** One disagreement: `收入（工作队 5,200 元，复核 4,200 元，相差 19%）`, `住房（工作队 达标，复核 不达标）`. */
export function disagreementText(c: Pick<ItemComparison, 'item' | 'team' | 'found'>): string {
  const gap = c.item === '收入' && typeof c.team === 'number' ? incomeGap(c.team, c.found as number) : null
  return `${c.item}（工作队 ${valueText(c.item, c.team)}，复核 ${valueText(c.item, c.found)}${gap !== null ? `，相差 ${Math.round(gap * 100)}%` : ''}）`
}

/** A 复核 against the team's checks before the draw, item by item: agreeing, disagreeing, and not comparable. */
export function comparisonLines(comparisons: readonly ItemComparison[], teamCheckedOn: string | null): string[] {
  const of = (v: ItemComparison['verdict']) => comparisons.filter((c) => c.verdict === v)
  const agree = of('agree')
  const disagree = of('disagree')
  const unchecked = of('unchecked')
  return [
    teamCheckedOn ? `对比工作队抽查前的核查（最近 ${teamCheckedOn}）：` : '工作队在抽查前没有核查过该户：',
    ...(agree.length ? [`✅ 一致：${agree.map((c) => c.item).join('、')}`] : []),
    ...(disagree.length ? [`❌ 不一致：${disagree.map(disagreementText).join('；')}`] : []),
    ...(unchecked.length ? [`⚪ 工作队抽查前未核查：${unchecked.map((c) => c.item).join('、')}`] : []),
  ]
}
