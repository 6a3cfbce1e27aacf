import type { ImportLimits } from '../config'
import { stripInvisible } from '../text'
import { SHEET_BY_NAME } from './sheets'
import type { SheetName } from './sheets'
import type { RawSheet } from './types'
import { readNumberStyles, readRels, readSharedStrings, readWorkbook, Slots } from './xlsx-xml'
import type { NumberStyle } from './xlsx-xml'
import { readSheet } from './xlsx-sheet'
import type { SheetBudget } from './xlsx-sheet'
import { openWorkbookZip, XlsxFormatError } from './xlsx-zip'
import type { WorkbookZip } from './xlsx-zip'

export interface XlsxRead {
  sheets: RawSheet[]
  /** Sheets that are not the template's (a notes sheet, a pivot…). */
  ignored: string[]
  /** Template sheets that are hidden: an official cannot see what they hold, so they are not imported. */
  hidden: string[]
}

/**
 * Reads the template's sheets from a workbook, each part streamed from the zip through an XML parser (a
 * 200,000-row 户 sheet never becomes one string or a workbook model). What the file may cost is bounded
 * before it is spent: the parts read may inflate to at most IMPORT_MAX_MB together (charged from the zip's
 * directory, before inflating), a sheet holds at most IMPORT_MAX_ROWS rows, and the values held are bounded
 * too (Slots). Every non-empty row is kept: which one is the header is decided later, the same way
 * for xlsx and CSV.
 */
export async function readXlsx(path: string, source: string, limits: ImportLimits, onRow?: () => void): Promise<XlsxRead> {
  const zip = await openWorkbookZip(path)
  try {
    return await readParts(zip, source, limits, onRow)
  } finally {
    zip.close()
  }
}

async function readParts(zip: WorkbookZip, source: string, limits: ImportLimits, onRow?: () => void): Promise<XlsxRead> {
  if (!zip.has('xl/workbook.xml')) throw new XlsxFormatError('不是有效的 .xlsx 文件（缺少 xl/workbook.xml）')
  let bytesLeft = limits.maxBytes
  const read = (part: string) => {
    bytesLeft -= zip.size(part)
    if (bytesLeft < 0) {
      throw new XlsxFormatError(`解压后超过 ${limits.maxBytes / 1e6} MB（IMPORT_MAX_MB），不导入：文件可能是恶意构造的；` +
        '如果确实是这么大的花名册，请拆成几个文件分批导入')
    }
    return zip.read(part)
  }
  const optional = <T>(part: string, parse: (bytes: AsyncIterable<Buffer>) => Promise<T>, none: T) =>
    (zip.has(part) ? parse(read(part)) : Promise.resolve(none))
  const rels = await optional('xl/_rels/workbook.xml.rels', readRels, new Map<string, string>())
  const book = await readWorkbook(read('xl/workbook.xml'), rels)
  const styles = await optional('xl/styles.xml', readNumberStyles, [] as NumberStyle[])
  const slots = new Slots(limits.maxBytes)
  const shared = await optional('xl/sharedStrings.xml', (b) => readSharedStrings(b, slots), [] as string[])
  const ctx = { shared, styles, date1904: book.date1904 }
  const budget: SheetBudget = { maxRows: limits.maxRows, slots }
  const out: XlsxRead = { sheets: [], ignored: [], hidden: [] }
  for (const { name: rawName, path: part, hidden } of book.sheets) {
    const name = stripInvisible(rawName.normalize('NFKC')).trim()
    if (!SHEET_BY_NAME.has(name) || !zip.has(part)) {
      out.ignored.push(rawName)
      continue
    }
    if (hidden) {
      out.hidden.push(rawName)
      continue
    }
    const { rows, merges, hiddenColumns } = await readSheet(read(part), `工作表「${name}」`, ctx, budget, onRow)
    const sheet: RawSheet = { sheet: name as SheetName, source, rows, ...(ctx.date1904 ? { date1904: true } : {}) }
    if (merges.length > 0) sheet.merges = merges
    if (hiddenColumns.length > 0) sheet.hiddenColumns = hiddenColumns
    out.sheets.push(sheet)
  }
  return out
}

async function text(zip: WorkbookZip, part: string): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of zip.read(part)) chunks.push(c)
  return Buffer.concat(chunks).toString('utf8')
}

/** Whether a zip is an OpenDocument file (.ods) rather than a workbook. */
export async function isOpenDocument(path: string): Promise<boolean> {
  const zip = await openWorkbookZip(path)
  try {
    return zip.has('mimetype') && zip.size('mimetype') < 200 && (await text(zip, 'mimetype')).startsWith('application/vnd.oasis.opendocument')
  } finally {
    zip.close()
  }
}
