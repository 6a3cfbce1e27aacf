import type { PlaceFilter } from '../../db/repos/facts'
import type { Rankings } from '../../db/repos/rankings'
import { periodLabel } from '../lark/cards/ranking'
import { scoreFormat } from '../domain/score'

/**
 * The place's position in the latest published ranking, for summary cards: 「2018年5月考核：全县第 2/5 名（85.30 分）」.
 * null when nothing is published yet, or for the county (it is not ranked).
 */
export function latestRankLine(rankings: Rankings, where: PlaceFilter): string | null {
  if (where.kind !== 'zone' && where.kind !== 'township') return null
  const latest = rankings.periods()[0]
  if (!latest) return null
  const label = `${periodLabel(latest.period)}考核`
  if (where.kind === 'zone') {
    const zones = rankings.zones(latest.period)
    const z = zones.find((x) => x.zoneId === where.zoneId)
    if (!z || z.rank === null || z.score === null) return `${label}：本战区未参评`
    return `${label}：全县第 ${z.rank}/${zones.filter((x) => x.rank !== null).length} 名（${scoreFormat(zones)(z.score)} 分）`
  }
  const all = rankings.scores(latest.period)
  const r = all.find((x) => x.townshipCode === where.code)
  if (!r || r.rank === null || r.score === null) return `${label}：本乡镇未参评`
  return `${label}：全县第 ${r.rank} 名（${scoreFormat(all)(r.score)} 分）`
}
