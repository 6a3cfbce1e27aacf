import { mkdirSync } from 'node:fs'
import { writeExcelCsv } from '../export/csv'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { SHEETS, templateHeader } from './sheets'
import type { SheetDef } from './sheets'
import type { RegistryRows } from './types'

type OutCell = string | number | Date | null

/** A typed row as the cells of its sheet, in template order. Dates become Excel date cells when asked. */
export function sheetCells(def: SheetDef, row: object, opts: { dateCells?: boolean } = {}): OutCell[] {
  const r = row as Record<string, string | number | null>
  return def.columns.map((c) => {
    const v = r[c.key] ?? null
    if (opts.dateCells && c.kind === 'date' && typeof v === 'string') {
      const [y, m, d] = v.split('-').map(Number)
      return new Date(Date.UTC(y!, m! - 1, d!))
    }
    return v
  })
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

/**
 * Writes a workbook in the template's shape with exceljs's streaming writer (200,000 rows stay cheap):
 * bold frozen header, column widths, codes as text, dates as date cells.
 */
export async function writeRegistryXlsx(path: string, rows: RegistryRows, opts: { sharedStrings?: boolean } = {}): Promise<void> {
  // Excel itself writes a shared-string table; inline strings are faster to write. Both are read alike.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: !!opts.sharedStrings })
  for (const def of SHEETS) {
    const list = rows[def.key] as object[]
    if (list.length === 0) continue
    const ws = wb.addWorksheet(def.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.columns = def.columns.map((c) => ({
      width: c.width,
      style: c.kind === 'code' || c.kind === 'phone' || c.kind === 'id-number' ? { numFmt: '@' }
        : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }))
    const header = ws.addRow(def.columns.map(templateHeader))
    header.font = { bold: true }
    header.commit()
    for (const row of list) ws.addRow(sheetCells(def, row, { dateCells: true })).commit()
    ws.commit()
  }
  await wb.commit()
}
