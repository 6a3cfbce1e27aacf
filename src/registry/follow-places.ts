import { diffRow } from './changes'
import type { RowChange } from './changes'
import type { MergedSheet, ParsedRow } from './parse-sheet'
import { SHEET_BY_KEY } from './sheets'

/** Where each township and village is after the import (file rows over stored ones). */
export interface PlacesAfter {
  townshipZone: ReadonlyMap<string, string>
  villageTownship: ReadonlyMap<string, string>
}

/**
 * A member's township and zone are derived from their village (and a zone from a township) and stored
 * with them. When the import moves a township to another zone or a village to another township, the
 * members the file does not list would keep the old place — the bot would then scope them to a zone
 * their village is no longer in, and the next export would contradict itself. Their place follows, as
 * changes the dry run shows, credited to the row that moved it.
 */
export function followPlaces(stored: ReadonlyMap<string, ParsedRow>, sheets: readonly MergedSheet[], places: PlacesAfter): RowChange[] {
  const def = SHEET_BY_KEY.members
  const listed = new Set<string>()
  const movedBy = new Map<string, { source: string; line: number }>() // `township:`/`village:` + code → its file row
  for (const s of sheets) {
    for (const { line, row } of s.rows) {
      if (s.def.key === 'members') listed.add(String(row.phone))
      else if (s.def.key === 'townships' || s.def.key === 'villages') movedBy.set(`${s.def.key}:${row.code}`, { source: s.source, line })
    }
  }
  const changes: RowChange[] = []
  for (const [phone, m] of stored) {
    if (listed.has(phone) || (m.villageCode === null && m.townshipCode === null)) continue
    const village = m.villageCode as string | null
    const township = village === null ? (m.townshipCode as string) : places.villageTownship.get(village)
    if (township === undefined) continue
    const zone = places.townshipZone.get(township)
    if (zone === undefined || (township === m.townshipCode && zone === m.zoneName)) continue
    const cause = (township !== m.townshipCode && village !== null && movedBy.get(`villages:${village}`)) || movedBy.get(`townships:${township}`)
    if (!cause) continue // not moved by this import: a stored inconsistency is not the file's doing
    const change = diffRow(def, cause, { ...m, townshipCode: township, zoneName: zone }, m)
    if (change) changes.push({ ...change, follows: true })
  }
  return changes
}
