/**
 * Units a task's 目标数量 is counted in (the registry's 单位 column) and a report's figure may carry.
 * A figure converts only within its dimension (公里 ↔ 米, 万元 ↔ 元, 亩 ↔ 平方米); every other unit is
 * its own dimension, so `12户` on a task counted in 处 is refused rather than read as 12 处.
 */
export interface Unit {
  /** How the bot writes it. */
  name: string
  dimension: string
  /** Size in the dimension's base unit (米, 元, 平方米); 1 for counted things. */
  factor: number
}

const CONVERTIBLE: readonly (Unit & { aliases: readonly string[] })[] = [
  { name: '公里', aliases: ['千米', 'km'], dimension: '长度', factor: 1000 },
  { name: '米', aliases: ['m'], dimension: '长度', factor: 1 },
  { name: '元', aliases: ['块', '块钱', '元钱'], dimension: '金额', factor: 1 },
  { name: '万元', aliases: ['万', '万块', '万块钱'], dimension: '金额', factor: 10_000 },
  { name: '亩', aliases: [], dimension: '面积', factor: 2000 / 3 },
  { name: '平方米', aliases: ['平米', 'm2', '平方'], dimension: '面积', factor: 1 },
  { name: '公斤', aliases: ['千克', 'kg'], dimension: '重量', factor: 1 },
  { name: '吨', aliases: ['t'], dimension: '重量', factor: 1000 },
]

/** Things counted one by one; synonyms share a name. */
const COUNTED: readonly (readonly [name: string, ...aliases: string[]])[] = [
  ['户'], ['处'], ['个'], ['座'], ['间'], ['所'], ['套'], ['项'], ['人', '名'], ['只'], ['头'], ['条'], ['台'],
  ['家'], ['次'], ['场'], ['栋'], ['口'], ['眼'], ['盏'], ['棵', '株'], ['件'], ['张'], ['期'], ['批'], ['村'], ['千瓦', 'kw'],
]

const BY_NAME = new Map<string, Unit>()
for (const u of CONVERTIBLE) for (const n of [u.name, ...u.aliases]) BY_NAME.set(n, { name: u.name, dimension: u.dimension, factor: u.factor })
for (const [name, ...aliases] of COUNTED) for (const n of [name, ...aliases]) BY_NAME.set(n, { name, dimension: name, factor: 1 })

/**
 * The unit a word names, or null. A task's own 单位 that is not in the table (`亩·次`, `平方公里`) is still
 * a unit: it stands for itself and matches only itself.
 */
export function unitOf(word: string | null | undefined): Unit | null {
  const w = (word ?? '').trim().toLowerCase()
  if (w === '') return null
  return BY_NAME.get(w) ?? null
}

/** A task's 单位 as a Unit (known or not); null when the task has none. */
export function taskUnit(measure: string | null | undefined): Unit | null {
  const w = (measure ?? '').trim()
  if (w === '') return null
  return unitOf(w) ?? { name: w, dimension: w, factor: 1 }
}

export const isMoney = (u: Unit | null) => u?.dimension === '金额'

/** `value` in `from` expressed in `to`; null when they measure different things. */
export function convert(value: number, from: Unit, to: Unit): number | null {
  if (from.dimension !== to.dimension) return null
  if (from.factor === to.factor) return value
  // Round away binary noise (3.2 × 10000 = 32000.000000000004), keeping far more precision than anyone types.
  return Number(((value * from.factor) / to.factor).toPrecision(12))
}
