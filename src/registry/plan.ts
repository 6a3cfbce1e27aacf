import type { RegistryRepo } from '../../db/repos/registry'
import { diffRow } from './changes'
import type { RowChange } from './changes'
import { checkReferences } from './check-refs'
import type { MergedSheet } from './parse-sheet'
import { followPlaces } from './follow-places'
import { completeRow } from './merge'
import { checkRow } from './parse-sheet'
import type { ParsedRow, ParsedSheet } from './parse-sheet'
import type { SheetKey } from './sheets'
import type { Problem } from './types'
import { countChanges, ORDER, storedRows } from './upsert'
import type { ImportCounts } from './upsert'

export interface ImportPlan { changes: RowChange[]; counts: ImportCounts; rows: number }

/**
 * What the parsed sheets would do to the stored registry. Runs inside the import's transaction: each row is
 * completed with the stored values (what the file leaves out stays as it is), the completed row is checked
 * (rules within the row, then references across sheets and the database), and compared field by field.
 * Problems are added to `problems`; the plan is only acted on when there are none.
 */
export function planImport(registry: RegistryRepo, parsed: readonly ParsedSheet[], problems: Problem[]): ImportPlan {
  const stored = new Map<SheetKey, Map<string, ParsedRow>>()
  const storedOf = (key: SheetKey) => stored.get(key) ?? stored.set(key, storedRows(registry, key)).get(key)!
  const merged: MergedSheet[] = parsed.map((s) => {
    const columns = s.def.columns.map((c) => c.key)
    const rows = s.rows.map(({ line, row }) => {
      const key = row[s.def.keyColumn]
      const full = completeRow(s.def.key, row, columns, key == null ? undefined : storedOf(s.def.key).get(String(key)))
      checkRow(s.def, full, (column, reason) =>
        problems.push({ source: s.source, sheet: s.def.name, row: line, column, col: s.colOf(column), reason }))
      return { line, row: full }
    })
    return { ...s, rows }
  })
  const places = checkReferences(merged, registry.storedKeys(), problems) // also fills in members' township and zone

  const changes: RowChange[] = []
  const rowCount = Object.fromEntries(ORDER.map((k) => [k, 0])) as Record<SheetKey, number>
  for (const s of ORDER.flatMap((k) => merged.filter((m) => m.def.key === k))) { // parents first
    rowCount[s.def.key] += s.rows.length
    for (const { line, row } of s.rows) {
      const key = row[s.def.keyColumn]
      const change = diffRow(s.def, { source: s.source, line }, row, key == null ? undefined : storedOf(s.def.key).get(String(key)))
      if (change) changes.push(change)
    }
  }
  if (merged.some((s) => s.def.key === 'townships' || s.def.key === 'villages')) {
    const tasksAt = changes.findIndex((c) => c.def.key === 'tasks') // with the members, before the tasks
    changes.splice(tasksAt < 0 ? changes.length : tasksAt, 0, ...followPlaces(storedOf('members'), merged, places))
  }
  return { changes, counts: countChanges(changes, rowCount), rows: merged.reduce((n, s) => n + s.rows.length, 0) }
}
