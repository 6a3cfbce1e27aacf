import { PassThrough, type Writable } from 'node:stream'
import { createRequire } from 'node:module'
import type ExcelJS from 'exceljs'
import type { Book, Cell, ColumnKind } from './book'

/**
 * The bot renders in a worker thread (src/lark/sender.ts): a county workbook is about a second of CPU. Only
 * exceljs's streaming writer is loaded, not the whole package (its reader, CSV, the browser bundle): 150 ms
 * and 17 MB instead of 370 ms and 29 MB, in every worker. exceljs is pinned, so the path is stable.
 */
const WorkbookWriter = createRequire(import.meta.url)('exceljs/lib/stream/xlsx/workbook-writer') as typeof ExcelJS.stream.xlsx.WorkbookWriter

const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: '@', int: '0', decimal: '0.00', decimal3: '0.000', percent: '0.0%', date: 'yyyy-mm-dd', general: undefined,
}

/** The streaming sheet's data validations, which exceljs's types leave out. */
type StreamSheet = { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }

/** Drop-downs cover this many data rows of a workbook people fill in. */
const CHOICE_ROWS = 5000

/**
 * Writes `book` to a file path or a stream with exceljs's streaming writer (a large export stays cheap).
 * The one exceljs writer: exports, the import template and the registry files tests import.
 * `sharedStrings`: a string table as Excel writes one; inline strings (the default) are faster to write.
 */
export async function writeBook(book: Book, out: string | Writable, o: { sharedStrings?: boolean } = {}): Promise<void> {
  const wb = new WorkbookWriter({
    ...(typeof out === 'string' ? { filename: out } : { stream: out }), useStyles: true, useSharedStrings: !!o.sharedStrings,
  })
  wb.creator = '战区助手'
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheet.plain ? {} : { views: [{ state: 'frozen', ySplit: 1 }] })
    const kinds = sheet.columns.map((c) => c.kind ?? 'text')
    ws.columns = sheet.columns.map((c, i) => ({ width: c.width, style: { numFmt: NUM_FMT[kinds[i]!] } }))
    const header = ws.addRow(sheet.columns.map((c) => c.header))
    header.font = { bold: true }
    sheet.columns.forEach((c, i) => { if (c.note) header.getCell(i + 1).note = c.note })
    header.commit()
    const validations = (ws as unknown as StreamSheet).dataValidations
    sheet.columns.forEach((c, i) => {
      if (!c.choices) return
      const letter = ws.getColumn(i + 1).letter
      validations.add(`${letter}2:${letter}${CHOICE_ROWS + 1}`, {
        type: 'list', allowBlank: !c.required, formulae: [`"${c.choices.join(',')}"`],
        showErrorMessage: true, errorTitle: '无效的值', error: `应为 ${c.choices.join('/')}`,
      })
    })
    let n = 0
    for (const row of sheet.rows) {
      const added = ws.addRow(row.map((v, i) => cell(v, kinds[i] ?? 'text')))
      if (n++ < (sheet.exampleRows ?? 0)) added.font = { color: { argb: 'FF808080' } }
      added.commit()
    }
    ws.commit()
  }
  await wb.commit()
}

/** The workbook's bytes (for a file message). */
export async function renderBook(book: Book): Promise<Buffer> {
  const chunks: Buffer[] = []
  const sink = new PassThrough()
  sink.on('data', (c: Buffer) => chunks.push(c))
  const ended = new Promise<void>((resolve, reject) => sink.on('end', resolve).on('error', reject))
  await writeBook(book, sink)
  sink.end()
  await ended
  return Buffer.concat(chunks)
}

function cell(v: Cell, kind: ColumnKind): string | number | Date | null {
  if (v === null || v === '') return null
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    return new Date(Date.UTC(Number(v.slice(0, 4)), Number(v.slice(5, 7)) - 1, Number(v.slice(8, 10))))
  }
  if (kind === 'text') return String(v)
  return v
}
