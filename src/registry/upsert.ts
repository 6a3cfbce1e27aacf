import type { Db } from '../../db/open'
import { createRegistryRepo } from '../../db/repos/registry'
import type { TableAccess, Value } from '../../db/repos/registry'
import { SHEETS } from './sheets'
import type { SheetKey } from './sheets'
import type { RegistryRows } from './types'

export interface SheetCounts { added: number; updated: number; unchanged: number }
export type ImportCounts = Record<SheetKey, SheetCounts>

/** Parents before children, so foreign keys hold at every step (the template lists sheets this way). */
export const ORDER: readonly SheetKey[] = SHEETS.map((s) => s.key)

// Columns where an empty cell means "leave as it is": a member's open_id is set by /认证 in chat, and a
// roster re-import with the column blank must not unlink everyone.
const KEEP_IF_NULL: Partial<Record<SheetKey, number[]>> = { members: [6] }

export interface ApplyOptions {
  dryRun?: boolean
  onProgress?: (done: number, total: number) => void
  /** Runs inside the same transaction after the rows are written (e.g. the audit row). */
  alsoInTransaction?: (counts: ImportCounts) => void
}

/**
 * Upserts validated rows by key in one IMMEDIATE transaction (taking the write lock up front, so a running
 * bot waits on busy_timeout instead of failing). Stored rows are loaded once and compared in memory: an
 * unchanged row is not written at all, which makes a re-import cheap and tells 新增 / 更新 / 未变 apart.
 * With dryRun nothing is written, and the same counts come back.
 */
export function applyRegistry(db: Db, rows: RegistryRows, opts: ApplyOptions = {}): ImportCounts {
  const repo = createRegistryRepo(db)
  const total = ORDER.reduce((n, k) => n + rows[k].length, 0)
  let done = 0
  const run = () => {
    const counts = {} as ImportCounts
    for (const key of ORDER) {
      const access = repo.tables[key] as TableAccess<unknown>
      counts[key] = applyTable(access, rows[key], KEEP_IF_NULL[key] ?? [], !!opts.dryRun, () => {
        if (++done % 5000 === 0) opts.onProgress?.(done, total)
      })
    }
    opts.onProgress?.(total, total)
    if (!opts.dryRun) opts.alsoInTransaction?.(counts)
    return counts
  }
  if (opts.dryRun) return db.transaction(run).deferred() // a read snapshot, so counts are consistent
  return db.transaction(run).immediate()
}

function applyTable(access: TableAccess<unknown>, rows: readonly unknown[], keepIfNull: number[], dryRun: boolean,
  tick: () => void): SheetCounts {
  const counts: SheetCounts = { added: 0, updated: 0, unchanged: 0 }
  if (rows.length === 0) return counts
  const stored = access.snapshot()
  for (const row of rows) {
    const values = access.toValues(row)
    const old = stored.get(String(values[0]))
    if (old) {
      for (const i of keepIfNull) if (values[i] === null) values[i] = old[i] ?? null
      if (sameValues(values, old)) {
        counts.unchanged++
        tick()
        continue
      }
      counts.updated++
    } else counts.added++
    if (!dryRun) access.upsert(values)
    stored.set(String(values[0]), values) // a later duplicate in generated data then counts as unchanged
    tick()
  }
  return counts
}

function sameValues(a: Value[], b: Value[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

export const totalCounts = (c: ImportCounts): SheetCounts => ORDER.reduce(
  (t, k) => ({ added: t.added + c[k].added, updated: t.updated + c[k].updated, unchanged: t.unchanged + c[k].unchanged }),
  { added: 0, updated: 0, unchanged: 0 },
)
