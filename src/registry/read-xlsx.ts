import { readFileSync } from 'node:fs'
import { StringDecoder } from 'node:string_decoder'
import { SHEET_BY_NAME } from './sheets'
import type { SheetName } from './sheets'
import type { RawSheet } from './types'
import { parseHiddenColumns, parseMerges, parseNumberStyles, parseSharedStrings, parseWorkbook, takeRows } from './xlsx-xml'
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
    const around = { head: '', tail: '' }
    for await (const row of sheetRows(entryStream(buf, entry), ctx, around)) {
      if (row.cells.every((c) => c === null || c === '')) continue
      sheet.rows.push(row)
      onRow?.()
    }
    const merges = parseMerges(around.tail)
    if (merges.length > 0) sheet.merges = merges
    const hiddenColumns = parseHiddenColumns(around.head)
    if (hiddenColumns.length > 0) sheet.hiddenColumns = hiddenColumns
    out.sheets.push(sheet)
  }
  return out
}

const SHEET_DATA = /<(?:[\w.-]+:)?sheetData[\s>/]/

/**
 * Yields the rows; what precedes them (column settings) is left in `around.head`, what follows them
 * (merged cells) in `around.tail`.
 */
async function* sheetRows(stream: AsyncIterable<Buffer>, ctx: SheetContext, around: { head: string; tail: string }): AsyncGenerator<SheetRow> {
  const decoder = new StringDecoder('utf8')
  let pending = ''
  let lastRow = 0
  let headFound = false
  for await (const chunk of stream) {
    pending += decoder.write(chunk)
    if (!headFound) { // no row comes before <sheetData>, so nothing has been consumed yet
      const at = pending.search(SHEET_DATA)
      if (at >= 0) [around.head, headFound] = [pending.slice(0, at), true]
    }
    const { rows, used } = takeRows(pending, ctx, lastRow)
    pending = pending.slice(used)
    for (const r of rows) yield r
    lastRow = rows.at(-1)?.line ?? lastRow
  }
  pending += decoder.end()
  const last = takeRows(pending, ctx, lastRow)
  yield* last.rows
  around.tail = pending.slice(last.used)
}
