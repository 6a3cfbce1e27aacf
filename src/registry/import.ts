import { DEFAULT_IMPORT_LIMITS } from '../config'
import type { ImportLimits } from '../config'
import type { RegistryStore } from '../../db/repos/registry'
import type { RowChange } from './changes'
import { parseSheet } from './parse-sheet'
import { planImport } from './plan'
import { readImportFiles } from './read-files'
import { SHEETS } from './sheets'
import type { Problem } from './types'
import { writeChanges } from './upsert'
import type { ImportCounts } from './upsert'

/** What the import reads and writes through (db/repos/registry.ts registryStore; the bot's Deps have it too). */
export interface ImportDeps extends RegistryStore {
  now: () => Date
  /** Called while reading and writing (rows so far, total when known) — the CLI draws a progress line. */
  progress?: (phase: 'read' | 'check' | 'write', done: number, total?: number) => void
  /** IMPORT_MAX_ROWS and IMPORT_MAX_MB (src/config.ts); the defaults when not given. */
  limits?: ImportLimits
  /** Who imports, for the audit row (default the admin CLI). */
  actor?: string
  /** More to write in the import's own transaction, after the rows: it commits with them or not at all. */
  alsoWrite?: () => void
}

export interface ImportOptions {
  dryRun?: boolean
  /** Replacing a household's head or ID number is written only with this (a 户编号 mix-up looks the same). */
  confirmHeads?: boolean
}

export type ImportResult =
  | { ok: false; problems: Problem[]; notes: string[] }
  | {
    ok: true; dryRun: boolean; counts: ImportCounts; rows: number; sheets: string[]; notes: string[]
    /** Every change, parents first; `heads` ones are also listed first by the CLI. */
    changes: RowChange[]
    /** False on a dry run, and when head changes were not confirmed: then nothing was written. */
    written: boolean
  }

/**
 * The whole import: read and parse every file, then — in one transaction, so what is compared is what is
 * written — complete each row with the stored values, check everything (nothing is written if anything is
 * wrong), compare, and write the changed rows with an audit row (counts only, no personal data).
 */
export async function importRegistry(deps: ImportDeps, files: readonly string[], opts: ImportOptions = {}): Promise<ImportResult> {
  let read = 0
  const { sheets: raw, problems, notes } = await readImportFiles(files, deps.limits ?? DEFAULT_IMPORT_LIMITS, () => {
    if (++read % 5000 === 0) deps.progress?.('read', read)
  })
  deps.progress?.('check', read)
  const parsed = raw.map((s) => parseSheet(s, problems, notes))
  const run = () => {
    const plan = planImport(deps.registry, parsed, problems)
    const blocked = problems.length > 0 || opts.dryRun || (!opts.confirmHeads && plan.changes.some((c) => c.heads))
    if (blocked) return { plan, written: false }
    writeChanges(deps.registry, plan.changes, (done, total) => deps.progress?.('write', done, total))
    deps.alsoWrite?.()
    deps.audit.record({
      at: deps.now().getTime(), actor: deps.actor ?? 'admin-cli', action: 'registry.import',
      target: files.map((f) => f.split(/[\\/]/).pop()).join(', '), detail: { counts: plan.counts },
    })
    return { plan, written: true }
  }
  // A dry run reads a consistent snapshot; a real import takes the write lock up front (the bot then waits
  // on busy_timeout instead of failing).
  const { plan, written } = opts.dryRun ? deps.tx.run(run) : deps.tx.immediate(run)
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems, files), notes }
  const present = new Set(raw.map((s) => s.sheet))
  return {
    ok: true, dryRun: !!opts.dryRun, counts: plan.counts, rows: plan.rows, notes, changes: plan.changes, written,
    sheets: SHEETS.filter((s) => present.has(s.name)).map((s) => s.name),
  }
}

// Problems read best in the order of the files and the template: sheet, row, then column.
function sortProblems(problems: Problem[], files: readonly string[]): Problem[] {
  const sources = files.map((f) => f.split(/[\\/]/).pop())
  const sheetIndex = (p: Problem) => (p.sheet ? SHEETS.findIndex((s) => s.name === p.sheet) : -1)
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (sources.indexOf(a.p.source) - sources.indexOf(b.p.source))
      || (sheetIndex(a.p) - sheetIndex(b.p)) || ((a.p.row ?? 0) - (b.p.row ?? 0))
      || ((a.p.col ?? -1) - (b.p.col ?? -1)) || (a.i - b.i))
    .map(({ p }) => p)
}
