import type { Actor } from '../identity'
import { reachOf } from '../permissions'

/** What a map session may show: the whole county, or one zone. */
export type Remit = { kind: 'county' } | { kind: 'zone'; zoneId: number }

/**
 * The map a person may see, following `/战区 进度`: county roles the county; commanders, township cadres
 * and work teams their own zone (the map shows no personal data, only figures). Null: no remit.
 */
export function remitOf(me: Actor): Remit | null {
  const reach = reachOf(me, 'summary')
  if (reach === null) return null
  if (reach === 'county') return { kind: 'county' }
  return me.zoneId === null ? null : { kind: 'zone', zoneId: me.zoneId }
}

/** Whether a remit includes a zone (`null` = the county as a whole). */
export function covers(remit: Remit, zoneId: number | null): boolean {
  return remit.kind === 'county' || (zoneId !== null && remit.zoneId === zoneId)
}

export const remitOfZone = (zoneId: number | null): Remit => (zoneId === null ? { kind: 'county' } : { kind: 'zone', zoneId })
