import type { GivenRow, ParsedRow } from './parse-sheet'
import type { SheetKey } from './sheets'

/**
 * Columns read together: a task belongs to a village or a township, and a member's zone, township and
 * village are one place. When the file gives any column of a group, it says the whole place: the others are
 * emptied (a member's township and zone are then filled in from the village, see check-refs.ts). When it
 * gives none, the stored place stays — and what of it was derived (a member's township from their village,
 * zone from their township) is derived again, so it follows a township or village this import moves.
 */
const GROUPS: Partial<Record<SheetKey, string[][]>> = {
  tasks: [['villageCode', 'townshipCode']],
  members: [['zoneName', 'townshipCode', 'villageCode']],
}

/**
 * The row as it will be stored: what the file gives, and the stored value wherever the file says nothing
 * (an absent column, a blank cell). A new row has nothing stored, so what the file leaves out is empty.
 */
export function completeRow(key: SheetKey, given: GivenRow, columns: readonly string[], stored?: ParsedRow): ParsedRow {
  const out: ParsedRow = {}
  for (const k of columns) out[k] = given[k] !== undefined ? given[k] : (stored?.[k] ?? null)
  for (const group of GROUPS[key] ?? []) {
    if (group.some((k) => given[k] !== undefined)) for (const k of group) if (given[k] === undefined) out[k] = null
  }
  if (key === 'members' && stored && !GROUPS.members![0]!.some((k) => given[k] !== undefined)) {
    if (stored.villageCode !== null) out.townshipCode = null
    if (stored.villageCode !== null || stored.townshipCode !== null) out.zoneName = null
  }
  return out
}
