import type { RankingRow, Snapshot } from '../../domain/ranking'
import { fixed, scoreFormat } from '../../domain/score'
import { card, columns, escapeMd, hr, md, type Element } from './kit'

const QUARTERS = ['一', '二', '三', '四']

/** 2018-05 → 2018年5月, 2018-Q2 → 2018年第二季度. */
export function periodLabel(period: string): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(period)
  if (q) return `${q[1]}年第${QUARTERS[Number(q[2]) - 1]}季度`
  const m = /^(\d{4})-(\d{2})$/.exec(period)
  return m ? `${m[1]}年${Number(m[2])}月` : period
}

const fmt = (x: number | null) => (x === null ? '—' : fixed(x))
const MONTH_NAME = (m: string) => `${Number(m.slice(5, 7))}月`

/** Under every ranking: what the shown figures are, so a reader adding them up is not misled. */
export const ROUNDING_NOTE = '分项四舍五入到两位小数显示；得分和排名按未取整的分项合计，相加时末位可能略有出入。'

/** The snapshot's township and zone scores as shown: 2 decimals, 3 where that alone would hide a rank. */
export function shownScores(s: Snapshot) {
  return { township: scoreFormat(s.rows), zone: scoreFormat(s.zones) }
}

/**
 * One township's line: its place, score and what the score is made of. In a zone chat the place is
 * within the zone, with the county-wide rank beside it; in the HQ chat it is the county-wide rank.
 */
function townshipLine(s: Snapshot, r: RankingRow, scope: 'zone' | 'county', shown: (score: number | null) => string): string {
  const name = `**${escapeMd(r.townshipName)}**${scope === 'county' ? `（${escapeMd(r.zoneName)}）` : ''}`
  if (r.score === null) return `— ${name}　本期没有可考核的内容`
  const score = shown(r.score)
  const head = scope === 'zone'
    ? `${r.zoneRank}. ${name}　**${score}** 分（全县第 ${r.rank}）`
    : `${r.rank}. ${name}　**${score}** 分`
  if (s.head.kind === 'quarter') {
    const months = (r.detail.months ?? []).map((m) => `${MONTH_NAME(m.month)} ${fmt(m.score ?? null)}`).join(' · ')
    return `${head}\n　${months}`
  }
  const parts = [`任务进度 ${fmt(r.tasks)}`, `户达标 ${fmt(r.standing)}`, `村达标 ${fmt(r.villages)}`, `数据时效 ${fmt(r.currency)}`,
    ...(r.spotCheck !== null ? [`抽查一致率 ${fmt(r.spotCheck)}`] : [])]
  return `${head}\n　${parts.join(' · ')}${r.penalty > 0 ? ` · 扣 ${r.penalty}` : ''}`
}

function subtitle(s: Snapshot): string {
  return s.head.kind === 'quarter' ? `各月得分的平均，数据截至 ${s.head.asOf}` : `数据截至 ${s.head.asOf}，发布后不再改变`
}

/** A zone chat's ranking: its place among the zones and its townships' scores (county-wide ranks). */
export function zoneRankingCard(s: Snapshot, zoneId: number, o: { footer?: string } = {}): object {
  const zone = s.zones.find((z) => z.zoneId === zoneId)
  const rows = s.rows.filter((r) => r.zoneId === zoneId)
  const ranked = s.zones.filter((z) => z.rank !== null).length
  const zoneName = zone?.zoneName ?? rows[0]?.zoneName ?? `战区 ${zoneId}`
  const scores = shownScores(s)
  const elements: Element[] = [
    columns([
      `**战区得分**\n${scores.zone(zone?.score ?? null)}`,
      `**全县战区排名**\n${zone?.rank ? `第 ${zone.rank} / ${ranked}` : '未参评'}`,
      `**参评乡镇**\n${zone?.townships ?? 0} 个`,
    ]),
    hr(),
    md(rows.length ? rows.map((r) => townshipLine(s, r, 'zone', scores.township)).join('\n') : '本战区没有乡镇。'),   // county order is zone order too
    hr(),
    md(footer(s, o.footer)),
  ]
  return card({ title: `${zoneName} · ${periodLabel(s.head.period)} 考核排名`, subtitle: subtitle(s), template: 'blue', elements })
}

/** The HQ chat's ranking: every zone, then every township. */
export function countyRankingCard(s: Snapshot, o: { footer?: string } = {}): object {
  const scores = shownScores(s)
  const zoneLines = s.zones.map((z) => (z.rank === null
    ? `— **${escapeMd(z.zoneName)}**　未参评`
    : `${z.rank}. **${escapeMd(z.zoneName)}**　**${scores.zone(z.score)}** 分（${z.townships} 个乡镇）`))
  const elements: Element[] = [
    md(['**战区排名**', ...zoneLines].join('\n')),
    hr(),
    md(['**乡镇排名**', ...s.rows.map((r) => townshipLine(s, r, 'county', scores.township))].join('\n')),
    hr(),
    md(footer(s, o.footer)),
  ]
  return card({ title: `全县 · ${periodLabel(s.head.period)} 考核排名`, subtitle: subtitle(s), template: 'blue', elements })
}

function footer(s: Snapshot, text: string | undefined): string {
  // A footer can name a township (an imported name): each of its lines is text, never markdown.
  const lines = (text ?? `查看一个乡镇的得分明细：/排名 ${s.head.period} <乡镇>`).split('\n').map(escapeMd)
  return `${lines.join('\n')}\n<font color='grey'>${ROUNDING_NOTE}</font>`
}
