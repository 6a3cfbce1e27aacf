import type { Db } from '../../db/open'
import { createAudit } from '../../db/repos/audit'
import { createRegistryRepo } from '../../db/repos/registry'
import { checkReferences } from './check-refs'
import { parseSheet } from './parse-sheet'
import { readImportFiles } from './read-files'
import { SHEETS } from './sheets'
import type { ParsedSheet } from './parse-sheet'
import type { Problem, RawSheet, RegistryRows } from './types'
import { applyRegistry, ORDER } from './upsert'
import type { ImportCounts } from './upsert'

export interface ImportDeps {
  db: Db
  now: () => Date
  /** Called while reading and writing (rows so far, total when known) — the CLI draws a progress line. */
  progress?: (phase: 'read' | 'check' | 'write', done: number, total?: number) => void
}

export type ImportResult =
  | { ok: false; problems: Problem[]; notes: string[] }
  | { ok: true; dryRun: boolean; counts: ImportCounts; rows: number; sheets: string[]; notes: string[] }

/**
 * The whole import: read every file, check every row (nothing is written if anything is wrong), then
 * upsert everything in one transaction together with an audit row (counts only, no personal data).
 */
export async function importRegistry(deps: ImportDeps, files: readonly string[], opts: { dryRun?: boolean } = {}):
  Promise<ImportResult> {
  let read = 0
  const { sheets: raw, problems, notes } = await readImportFiles(files, () => {
    if (++read % 5000 === 0) deps.progress?.('read', read)
  })
  deps.progress?.('check', read)
  const { rows, problems: more, parsed } = validateSheets(deps.db, raw)
  problems.push(...more)
  for (const p of parsed) {
    if (p.ignoredColumns.length) notes.push(`${p.source} 的「${p.def.name}」表：已忽略不认识的列 ${p.ignoredColumns.join('、')}`)
  }
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems, files), notes }

  const audit = createAudit(deps.db)
  const counts = applyRegistry(deps.db, rows, {
    dryRun: opts.dryRun,
    onProgress: (done, total) => deps.progress?.('write', done, total),
    alsoInTransaction: (c) => audit.record({
      at: deps.now().getTime(), actor: 'admin-cli', action: 'registry.import',
      target: files.map((f) => f.split(/[\\/]/).pop()).join(', '), detail: { counts: c },
    }),
  })
  const present = [...new Set(raw.map((s) => s.sheet))]
  return {
    ok: true, dryRun: !!opts.dryRun, counts, notes,
    rows: ORDER.reduce((n, k) => n + rows[k].length, 0),
    sheets: SHEETS.filter((s) => present.includes(s.name)).map((s) => s.name),
  }
}

/** Validation only: parse every sheet, then check references against the import and the stored registry. */
export function validateSheets(db: Db, raw: RawSheet[]): { rows: RegistryRows; problems: Problem[]; parsed: ParsedSheet[] } {
  const problems: Problem[] = []
  const parsed = raw.map((s) => parseSheet(s, problems))
  const rows = checkReferences(parsed, createRegistryRepo(db).storedKeys(), problems)
  return { rows, problems, parsed }
}

// Problems read best in the order of the files and the template: sheet, row, then column.
function sortProblems(problems: Problem[], files: readonly string[]): Problem[] {
  const sources = files.map((f) => f.split(/[\\/]/).pop())
  const sheetIndex = (p: Problem) => (p.sheet ? SHEETS.findIndex((s) => s.name === p.sheet) : -1)
  const colIndex = (p: Problem) => {
    const def = SHEETS.find((s) => s.name === p.sheet)
    return def ? def.columns.findIndex((c) => c.header === p.column) : -1
  }
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (sources.indexOf(a.p.source) - sources.indexOf(b.p.source))
      || (sheetIndex(a.p) - sheetIndex(b.p)) || ((a.p.row ?? 0) - (b.p.row ?? 0))
      || (colIndex(a.p) - colIndex(b.p)) || (a.i - b.i))
    .map(({ p }) => p)
}
