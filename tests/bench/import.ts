// Measurement 6: `admin import` of the county workbook (one .xlsx, sheets 战区 … 任务, 200,000 户 rows) into an
// empty database: read, validate every row, upsert in one transaction — importRegistry, as the CLI runs it.
import { existsSync, renameSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { openDatabase } from '../../db/open'
import { importRegistry } from '../../src/registry/import'
import { registryStore } from '../../db/repos/registry'
import { writeRegistryXlsx } from '../../src/registry/write-sheets'
import { generateDemoCounty } from '../../src/demo/generator'
import { CACHE_DIR } from './county-db'

export interface ImportResult { rows: number; seconds: number; perSec: number; phases: Record<string, number>; workbookMb: number; writtenWorkbook: boolean }

/** The county workbook for a seed, written once (exceljs streaming writer) and cached next to the databases. */
export async function countyWorkbook(seed: number, now: Date): Promise<{ path: string; written: boolean }> {
  const path = join(CACHE_DIR, `county-${seed}-${now.toISOString().slice(0, 10)}.xlsx`)
  if (existsSync(path)) return { path, written: false }
  await writeRegistryXlsx(`${path}.tmp`, generateDemoCounty({ scale: 'county', seed, now }))
  renameSync(`${path}.tmp`, path)
  return { path, written: true }
}

export async function measureImport(seed: number, now: Date, dir: string): Promise<ImportResult> {
  const { path, written } = await countyWorkbook(seed, now)
  const db = openDatabase(join(dir, 'import.db'))
  const phases: Record<string, number> = {}
  let phase = ''
  let phaseStart = 0
  const started = performance.now()
  const mark = (p: string) => {
    const t = performance.now()
    if (phase) phases[phase] = (phases[phase] ?? 0) + (t - phaseStart) / 1000
    phase = p
    phaseStart = t
  }
  mark('read')
  const result = await importRegistry({ ...registryStore(db), now: () => now, progress: (p) => { if (p !== phase) mark(p) } }, [path])
  mark('')
  const seconds = (performance.now() - started) / 1000
  db.close()
  if (!result.ok) throw new Error(`import failed: ${result.problems.slice(0, 3).map((p) => p.reason).join('; ')}`)
  return { rows: result.rows, seconds, perSec: result.rows / seconds, phases, workbookMb: statSync(path).size / 1e6, writtenWorkbook: written }
}
