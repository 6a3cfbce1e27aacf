import type { Logger } from '../log'
import type { Remit } from './remit'
import type { Rankings, TownshipScore } from '../../db/repos/rankings'
import { fixed, scoreFormat } from '../domain/score'

/** `shown`: the score as the chat cards show it (2 decimals, 3 where that alone would hide a rank). */
export interface RankRow { name: string; zoneId: number; rank: number | null; score: number | null; shown: string }
export interface Ranking {
  period: string
  zones: RankRow[]
  townships: RankRow[]
  /** Whose order the townships' `rank` is: the county's, or (for a zone's viewer) the zone's. */
  townshipRank: 'county' | 'zone'
}
export interface Trend { months: string[]; series: { zoneId: number; name: string; scores: (number | null)[] }[] }
export interface RankingData { latest: Ranking | null; trend: Trend | null }

const NONE: RankingData = { latest: null, trend: null }
const TREND_MONTHS = 12

/**
 * The published ranking: the frozen snapshots of migration 0005, read through the rankings repository
 * that /排名 and the export use, cut to the viewer's remit (a commander sees their zone's place and its
 * townships, never another zone's figures). Read at request time: with nothing published yet it shows
 * "暂无已发布的排名".
 */
export function readRanking(rankings: Rankings, remit: Remit, log?: Logger): RankingData {
  try {
    const visible = (zoneId: number) => remit.kind === 'county' || zoneId === remit.zoneId
    const zonesOf = (period: string): RankRow[] => {
      const zones = rankings.zones(period)
      const shown = scoreFormat(zones)
      return zones.filter((z) => visible(z.zoneId)).map((z) => ({ name: z.zoneName, zoneId: z.zoneId, rank: z.rank, score: z.score, shown: shown(z.score) }))
    }

    const periods = rankings.periods()   // latest first
    const head = periods[0]
    const latest: Ranking | null = head ? {
      period: head.period,
      zones: zonesOf(head.period),
      townships: townshipRows(rankings.scores(head.period), remit),
      townshipRank: remit.kind === 'county' ? 'county' : 'zone',
    } : null

    const months = periods.filter((p) => p.kind === 'month').map((p) => p.period).sort().slice(-TREND_MONTHS)
    const series = new Map<number, Trend['series'][number]>()
    months.forEach((m, i) => {
      for (const z of zonesOf(m)) {
        if (!series.has(z.zoneId)) series.set(z.zoneId, { zoneId: z.zoneId, name: z.name, scores: months.map(() => null) })
        series.get(z.zoneId)!.scores[i] = z.score === null ? null : Number(fixed(z.score))   // the chart's tooltip shows it as is
      }
    })
    const trend = series.size > 0 ? { months, series: [...series.values()].sort((a, b) => a.zoneId - b.zoneId) } : null
    return { latest, trend }
  } catch (err) {
    log?.warn({ err }, 'battle map: could not read the published ranking')
    return NONE
  }
}

/**
 * Township rows for the viewer: the county's order and ranks, or (for a zone's viewer) the zone's. The
 * decimals shown follow the county-wide table, as in the chat cards.
 */
function townshipRows(all: TownshipScore[], remit: Remit): RankRow[] {
  const shown = scoreFormat(all)
  const rows = remit.kind === 'county'
    ? all.map((t) => ({ ...t, shownRank: t.rank }))
    : all.filter((t) => t.zoneId === remit.zoneId).map((t) => ({ ...t, shownRank: t.zoneRank }))
      .sort((a, b) => (a.shownRank ?? Infinity) - (b.shownRank ?? Infinity))
  return rows.map((t) => ({ name: t.townshipName, zoneId: t.zoneId, rank: t.shownRank, score: t.score, shown: shown(t.score) }))
}
