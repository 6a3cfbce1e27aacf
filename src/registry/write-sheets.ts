import { mkdirSync } from 'node:fs'
import { writeExcelCsv } from '../export/csv'
import { join } from 'node:path'
import type { Cell, Column } from '../export/book'
import { writeBook } from '../export/render'
import { SHEETS, templateHeader } from './sheets'
import type { SheetDef } from './sheets'
import type { RegistryRows } from '../../db/repos/registry-rows'

/** A typed row as the cells of its sheet, in template order (dates as 'YYYY-MM-DD'; the writer makes date cells). */
export function sheetCells(def: SheetDef, row: object): Cell[] {
  const r = row as Record<string, string | number | null>
  return def.columns.map((c) => r[c.key] ?? null)
}

/** Writes `<sheet>.csv` (UTF-8 with BOM, CRLF — what Excel's "CSV UTF-8" produces) for each non-empty sheet. */
export function writeRegistryCsv(dir: string, rows: RegistryRows): string[] {
  mkdirSync(dir, { recursive: true })
  const files: string[] = []
  for (const def of SHEETS) {
    const list = rows[def.key] as object[]
    if (list.length === 0) continue
    const file = join(dir, `${def.name}.csv`)
    writeExcelCsv(file, [def.columns.map(templateHeader), ...list.map((row) => sheetCells(def, row))], { forPeople: false })
    files.push(file)
  }
  return files
}

/** How a registry column is written: codes and numbers people type as text stay text, dates are date cells. */
export function registryColumn(c: SheetDef['columns'][number]): Column {
  const text = c.kind === 'code' || c.kind === 'phone' || c.kind === 'id-number' || c.kind === 'open-id'
  return { header: templateHeader(c), width: c.width, kind: text ? 'text' : c.kind === 'date' ? 'date' : 'general' }
}

/** Writes a workbook in the template's shape (200,000 rows stay cheap): bold frozen header, codes as text, dates as date cells. */
export async function writeRegistryXlsx(path: string, rows: RegistryRows, opts: { sharedStrings?: boolean } = {}): Promise<void> {
  const sheets = SHEETS.filter((def) => (rows[def.key] as object[]).length > 0).map((def) => ({
    name: def.name, columns: def.columns.map(registryColumn), rows: (rows[def.key] as object[]).map((row) => sheetCells(def, row)),
  }))
  await writeBook({ sheets }, path, opts)
}
