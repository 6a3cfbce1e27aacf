import { readFileSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { SHEET_BY_NAME } from './sheets'
import type { SheetName } from './sheets'
import type { RawSheet } from './types'
import { parseMerges, parseNumberStyles, parseSharedStrings, parseWorkbook, takeRows } from './xlsx-xml'
import type { SheetContext, SheetRow } from './xlsx-xml'
import { entryStream, entryText, listZip, XlsxFormatError } from './xlsx-zip'

export interface XlsxRead {
  sheets: RawSheet[]
  /** Sheets that are not the template's (a notes sheet, a pivot…). */
  ignored: string[]
  /** Template sheets that are hidden: an official cannot see what they hold, so they are not imported. */
  hidden: string[]
}

/**
 * Reads the template's sheets from a workbook. Worksheets are inflated and scanned as a stream (a
 * 200,000-row 户 sheet never becomes one string or a workbook model); bytes are decoded with a
 * StringDecoder, so a character split between chunks stays whole. Every non-empty row is kept: which one is
 * the header is decided later, the same way for xlsx and CSV.
 */
export async function readXlsx(path: string, source: string, onRow?: () => void): Promise<XlsxRead> {
  const buf = readFileSync(path)
  const zip = listZip(buf)
  const text = (name: string) => {
    const e = zip.get(name)
    return e ? entryText(buf, e) : ''
  }
  const workbookXml = text('xl/workbook.xml')
  if (!workbookXml) throw new XlsxFormatError('不是有效的 .xlsx 文件（缺少 xl/workbook.xml）')
  const book = parseWorkbook(workbookXml, text('xl/_rels/workbook.xml.rels'))
  const ctx: SheetContext = {
    shared: parseSharedStrings(text('xl/sharedStrings.xml')),
    styles: parseNumberStyles(text('xl/styles.xml')),
    date1904: book.date1904,
  }
  const out: XlsxRead = { sheets: [], ignored: [], hidden: [] }
  for (const { name: rawName, path: part, hidden } of book.sheets) {
    const name = rawName.normalize('NFKC').trim()
    const entry = zip.get(part)
    if (!SHEET_BY_NAME.has(name) || !entry) {
      out.ignored.push(rawName)
      continue
    }
    if (hidden) {
      out.hidden.push(rawName)
      continue
    }
    const sheet: RawSheet = { sheet: name as SheetName, source, rows: [], ...(ctx.date1904 ? { date1904: true } : {}) }
    const tail = { xml: '' }
    for await (const row of sheetRows(entryStream(buf, entry), ctx, tail)) {
      if (row.cells.every((c) => c === null || c === '')) continue
      sheet.rows.push(row)
      onRow?.()
    }
    const merges = parseMerges(tail.xml)
    if (merges.length > 0) sheet.merges = merges
    out.sheets.push(sheet)
  }
  return out
}

/** Yields the rows; what follows the last row (merged cells…) is left in `tail.xml`. */
async function* sheetRows(stream: AsyncIterable<Buffer>, ctx: SheetContext, tail: { xml: string }): AsyncGenerator<SheetRow> {
  const decoder = new StringDecoder('utf8')
  let pending = ''
  let lastRow = 0
  for await (const chunk of stream) {
    pending += decoder.write(chunk)
    const { rows, used } = takeRows(pending, ctx, lastRow)
    pending = pending.slice(used)
    for (const r of rows) yield r
    lastRow = rows.at(-1)?.line ?? lastRow
  }
  pending += decoder.end()
  const last = takeRows(pending, ctx, lastRow)
  yield* last.rows
  tail.xml = pending.slice(last.used)
}
