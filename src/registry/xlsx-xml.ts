import { stripInvisible } from '../text'
import { attr, isTrue, readXml } from './xml-stream'
import { XlsxFormatError } from './xlsx-zip'

/**
 * The small parts of a workbook the import needs — the sheet list, the relationships, the number formats and
 * the shared strings — each read as a stream of parser events (src/registry/xml-stream.ts).
 */
type Bytes = AsyncIterable<Buffer>

/**
 * Excel's escape for characters XML cannot hold (`_x000D_`), then the characters nobody means to store
 * (NUL, bidi overrides, lone surrogates), removed or marked as chat input is (src/text.ts).
 */
export function cellString(s: string): string {
  const unescaped = s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s
  return stripInvisible(unescaped)
}

export interface WorkbookSheet { name: string; path: string; hidden: boolean }

/** Relationship id → part path inside the zip. */
export async function readRels(bytes: Bytes): Promise<Map<string, string>> {
  const targets = new Map<string, string>()
  await readXml(bytes, '工作簿的关系表（workbook.xml.rels）', {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target) {
        targets.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`)
      }
    },
  })
  return targets
}

/** Sheets (name, part path, hidden or not) in workbook order; and the 1904 date system flag. */
export async function readWorkbook(bytes: Bytes, targets: Map<string, string>): Promise<{ sheets: WorkbookSheet[]; date1904: boolean }> {
  const sheets: WorkbookSheet[] = []
  let date1904 = false
  await readXml(bytes, '工作簿（workbook.xml）', {
    open(name, a) {
      if (name === 'workbookPr') date1904 = isTrue(a.date1904)
      if (name !== 'sheet') return
      const rid = attr(a, 'id')
      const path = rid ? targets.get(rid) : undefined
      if (a.name !== undefined && path) sheets.push({ name: stripInvisible(a.name), path, hidden: (a.state ?? 'visible') !== 'visible' })
    },
  })
  return { sheets, date1904 }
}

// Built-in number formats that are dates (ECMA-376 18.8.30, plus the CJK ones Excel uses in China).
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58])
const BUILTIN_SCIENTIFIC = new Set([11, 48])

export type NumberStyle = 'date' | 'scientific' | undefined

/** For each cell style index: does it show numbers as dates, or in scientific notation (`0.00E+00`)? */
export async function readNumberStyles(bytes: Bytes): Promise<NumberStyle[]> {
  const custom = new Map<number, string>()
  const formatIds: number[] = []
  let inCellXfs = false
  await readXml(bytes, '样式表（styles.xml）', {
    open(name, a) {
      if (name === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '')
      else if (name === 'cellXfs') inCellXfs = true
      else if (name === 'xf' && inCellXfs) formatIds.push(Number(a.numFmtId ?? 0))
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false
    },
  })
  return formatIds.map((id) => {
    const code = custom.get(id)
    if (code === undefined) return BUILTIN_DATES.has(id) ? 'date' : BUILTIN_SCIENTIFIC.has(id) ? 'scientific' : undefined
    return formatKind(code)
  })
}

function formatKind(code: string): NumberStyle {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '')
  if (/^general$/i.test(bare)) return undefined
  if (/[ymd]/i.test(bare)) return 'date'
  return /E[+-]/i.test(bare) ? 'scientific' : undefined
}

/**
 * What the values read from one file may hold in memory, counted in slots: a shared string takes one, and a
 * row is held as an array up to its last cell, so one cell far to the right (XFD) takes 16,384. A real sheet
 * spends at least ~17 bytes of XML on a slot (`<c r="B2" s="1"/>`); one slot per 25 bytes of IMPORT_MAX_MB
 * (8 million, ~64 MB, by default) leaves room for any real file and bounds what a hostile one can make of a
 * few kilobytes.
 */
export class Slots {
  private left: number
  constructor(maxBytes: number) {
    this.left = Math.floor(maxBytes / 25)
  }
  /** `where` is a sheet (工作表「户」), or undefined for the shared strings. */
  take(n: number, where?: string) {
    this.left -= n
    if (this.left < 0) {
      throw new XlsxFormatError(`${where ? `${where}的单元格太多（含空白单元格，按每行最右边的单元格计）` : '共享字符串太多'}` +
        '：文件已损坏或是恶意构造的，不导入。如果是真实数据，请删除表格右边和下面多余的内容，或拆成几个文件分批导入')
    }
  }
  give(n: number) {
    this.left += n
  }
}

/** The visible text of each `<si>`: every `<t>`, skipping phonetic runs (`<rPh>`). */
export async function readSharedStrings(bytes: Bytes, slots: Slots): Promise<string[]> {
  const strings: string[] = []
  const runs = new RichText()
  await readXml(bytes, '共享字符串表（sharedStrings.xml）', {
    open: (name) => runs.open(name),
    text: (t) => runs.text(t),
    close(name) {
      runs.close(name)
      if (name !== 'si') return
      slots.take(1)
      strings.push(runs.take())
    },
  })
  return strings
}

/** Collects the `<t>` runs of a rich text (`<si>`, `<is>`), leaving out phonetic guides. */
export class RichText {
  private parts: string[] = []
  private inT = false
  private inPhonetic = 0
  open(name: string) {
    if (name === 't') this.inT = this.inPhonetic === 0
    else if (name === 'rPh') this.inPhonetic++
  }
  text(t: string) {
    if (this.inT) this.parts.push(t)
  }
  close(name: string) {
    if (name === 't') this.inT = false
    else if (name === 'rPh') this.inPhonetic--
  }
  take(): string {
    const s = this.parts.length === 1 ? this.parts[0]! : this.parts.join('')
    this.parts = []
    return cellString(s)
  }
}

/** Excel's limits: a sheet has 16,384 columns (A…XFD) and 1,048,576 rows. */
export const MAX_COLUMNS = 16_384
export const MAX_ROWS = 1_048_576
const OUTSIDE = '超出 Excel 的范围（最多 XFD 列、1,048,576 行）：文件已损坏或是恶意构造的，不导入'

/**
 * "AB12" → { col: 27 (0-based), row: 12 }; a reference Excel could not have written is refused. Read by hand,
 * one pass over the characters: it runs once per cell.
 */
export function cellRef(ref: string, where: string): { col: number; row: number } {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0 // $A$1 (in merged ranges)
  let col = 0
  for (let c = ref.charCodeAt(i) | 32; c >= 97 && c <= 122 && i < 12; c = ref.charCodeAt(++i) | 32) col = col * 26 + (c - 96)
  if (ref.charCodeAt(i) === 36) i++
  const digits = ref.slice(i)
  if (col === 0 || !/^\d{1,10}$/.test(digits)) throw new XlsxFormatError(`${where}的单元格位置「${ref.slice(0, 20)}」无效：文件已损坏，不导入`)
  const row = Number(digits)
  if (col > MAX_COLUMNS || row < 1 || row > MAX_ROWS) throw new XlsxFormatError(`${where}的单元格位置 ${ref.slice(0, 20)} ${OUTSIDE}`)
  return { col: col - 1, row }
}

/** A row number (`<row r="…">`) within Excel's limits. */
export function rowNumber(r: string, where: string): number {
  const n = /^\d{1,10}$/.test(r) ? Number(r) : NaN
  if (Number.isNaN(n)) throw new XlsxFormatError(`${where}的行号「${r.slice(0, 20)}」无效：文件已损坏，不导入`)
  if (n < 1 || n > MAX_ROWS) throw new XlsxFormatError(`${where}的行号 ${n.toLocaleString('en-US')} ${OUTSIDE}`)
  return n
}
