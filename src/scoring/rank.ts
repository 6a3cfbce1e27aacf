import { rankOrder, zoneScore } from '../domain/score'
import type { RankingHead, RankingRow, Snapshot, ZoneRanking } from '../domain/ranking'

const UNRANKED = Number.MAX_SAFE_INTEGER

export type ScoredTownship = Omit<RankingRow, 'rank' | 'zoneRank'>

/**
 * Ranks township scores county-wide and within each zone, and scores and ranks the zones (mean of their
 * assessed townships weighted by 总户数). A township with nothing to assess has no score and no rank.
 * Ties share a rank ("1224"); the input is sorted by code first so a published table is stable.
 */
export function buildSnapshot(head: RankingHead, townships: ScoredTownship[], zones: Array<{ id: number; name: string }>): Snapshot {
  const byCode = [...townships].sort((a, b) => a.townshipCode.localeCompare(b.townshipCode))
  const assessed = byCode.filter((t) => t.score !== null)
  const county = new Map(rankOrder(assessed, (t) => t.score!).map((r) => [r.item.townshipCode, r.rank]))
  const inZone = new Map<string, number>()
  for (const z of zones) {
    for (const r of rankOrder(assessed.filter((t) => t.zoneId === z.id), (t) => t.score!)) inZone.set(r.item.townshipCode, r.rank)
  }
  const rows: RankingRow[] = byCode.map((t) => ({ ...t, rank: county.get(t.townshipCode) ?? null, zoneRank: inZone.get(t.townshipCode) ?? null }))

  const zoneRows = zones.map((z) => {
    const own = assessed.filter((t) => t.zoneId === z.id)
    return {
      zoneId: z.id,
      zoneName: z.name,
      score: zoneScore(own.map((t) => ({ score: t.score!, households: t.households }))),
      townships: own.length,
      households: byCode.filter((t) => t.zoneId === z.id).reduce((sum, t) => sum + t.households, 0),
    }
  })
  const zoneRank = new Map(rankOrder(zoneRows.filter((z) => z.score !== null), (z) => z.score!).map((r) => [r.item.zoneId, r.rank]))
  const zoneRankings: ZoneRanking[] = zoneRows.map((z) => ({ ...z, rank: zoneRank.get(z.zoneId) ?? null }))
  // Array.sort is stable: equal ranks (and the unranked, last) keep code order, as the repository reads them back.
  const order = (a: { rank: number | null }, b: { rank: number | null }) => (a.rank ?? UNRANKED) - (b.rank ?? UNRANKED)
  return { head, rows: rows.sort(order), zones: zoneRankings.sort(order) }
}
