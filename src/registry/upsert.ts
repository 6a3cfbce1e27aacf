import type { RegistryRepo, RegistryStore, TableAccess } from '../../db/repos/registry'
import { diffRow } from './changes'
import type { RowChange } from './changes'
import type { ParsedRow } from './parse-sheet'
import { SHEET_BY_KEY, SHEETS } from './sheets'
import type { SheetKey } from './sheets'
import type { RegistryRows } from '../../db/repos/registry-rows'

export interface SheetCounts { added: number; updated: number; unchanged: number }
export type ImportCounts = Record<SheetKey, SheetCounts>

/** Parents before children, so foreign keys hold at every step (the template lists sheets this way). */
export const ORDER: readonly SheetKey[] = SHEETS.map((s) => s.key)

/** 新增 / 更新 / 未变 per sheet, from the changes and how many rows each sheet had. */
export function countChanges(changes: readonly RowChange[], rows: Record<SheetKey, number>): ImportCounts {
  const counts = Object.fromEntries(ORDER.map((k) => [k, { added: 0, updated: 0, unchanged: rows[k] }])) as ImportCounts
  for (const c of changes) {
    const n = counts[c.def.key]
    if (!c.follows) n.unchanged-- // a row that follows is not a row of the file
    if (c.added) n.added++
    else n.updated++
  }
  return counts
}

/**
 * Writes the changed and new rows, in the order given (parents first: the diff lists them so); unchanged
 * rows are not written at all, which makes a re-import cheap. The caller holds the transaction.
 */
export function writeChanges(registry: RegistryRepo, changes: readonly RowChange[], onProgress?: (done: number, total: number) => void): void {
  const tables = registry.tables as unknown as Record<SheetKey, TableAccess<ParsedRow>>
  if (changes.length > 0) {
    registry.bulk(() => changes.forEach((c, i) => {
      tables[c.def.key].upsert(c.row)
      if ((i + 1) % 5000 === 0) onProgress?.(i + 1, changes.length)
    }))
  }
  onProgress?.(changes.length, changes.length)
}

/** Stored rows of one table, keyed by import key, as the diff compares them. */
export function storedRows(registry: RegistryRepo, key: SheetKey): Map<string, ParsedRow> {
  return (registry.tables[key] as unknown as TableAccess<ParsedRow>).snapshot()
}

/**
 * Upserts complete rows (generated demo data) in one IMMEDIATE transaction (a running bot waits on
 * busy_timeout instead of failing) through the same diff and writes as an import.
 */
export function applyRegistry({ registry, tx }: Pick<RegistryStore, 'registry' | 'tx'>, rows: RegistryRows): ImportCounts {
  return tx.immediate(() => {
    const changes: RowChange[] = []
    for (const key of ORDER) {
      const stored = storedRows(registry, key)
      const def = SHEET_BY_KEY[key]
      for (const [i, row] of (rows[key] as unknown as ParsedRow[]).entries()) {
        const k = String(row[def.keyColumn])
        const change = diffRow(def, { source: 'demo', line: i + 1 }, row, stored.get(k))
        if (change) changes.push(change)
        stored.set(k, row) // a later duplicate in generated data then counts as unchanged
      }
    }
    writeChanges(registry, changes)
    return countChanges(changes, Object.fromEntries(ORDER.map((k) => [k, rows[k].length])) as Record<SheetKey, number>)
  })
}

export const totalCounts = (c: ImportCounts): SheetCounts => ORDER.reduce(
  (t, k) => ({ added: t.added + c[k].added, updated: t.updated + c[k].updated, unchanged: t.unchanged + c[k].unchanged }),
  { added: 0, updated: 0, unchanged: 0 },
)
