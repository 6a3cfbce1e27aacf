import { excelSerialDate } from './dates'
import type { Cell, CellRange } from './types'

/**
 * The few pieces of SpreadsheetML the import needs, read with regular expressions: the files are
 * machine-written and regular, and a 200,000-row sheet is scanned in a second or two. Tag names may carry
 * a namespace prefix (`x:row`), as some generators write them.
 */
const P = '(?:[\\w.-]+:)?'
const attrPatterns = new Map<string, RegExp>()
function attr(tag: string, name: string): string | undefined {
  let re = attrPatterns.get(name)
  if (!re) attrPatterns.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(["'])(.*?)\\1`)))
  return re.exec(tag)?.[2]
}

export function decodeXml(s: string): string {
  return s
    .replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) =>
      e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'"
        : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)))
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) // Excel's escape for control chars
}

/** The visible text of an <si> or <is>: every <t>, skipping phonetic runs. */
function runsText(xml: string): string {
  const body = xml.replace(new RegExp(`<${P}rPh\\b[\\s\\S]*?</${P}rPh>`, 'g'), '')
  let out = ''
  for (const m of body.matchAll(new RegExp(`<${P}t(?:\\s[^>]*)?>([\\s\\S]*?)</${P}t>`, 'g'))) out += m[1]
  return decodeXml(out)
}

export function parseSharedStrings(xml: string): string[] {
  return [...xml.matchAll(new RegExp(`<${P}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}si>)`, 'g'))].map((m) => runsText(m[1] ?? ''))
}

export interface WorkbookSheet { name: string; path: string; hidden: boolean }

/** Sheets (name, worksheet part path inside the zip, hidden or not) in workbook order; and the 1904 date system flag. */
export function parseWorkbook(workbookXml: string, relsXml: string): { sheets: WorkbookSheet[]; date1904: boolean } {
  const targets = new Map<string, string>()
  for (const m of relsXml.matchAll(new RegExp(`<${P}Relationship\\b[^>]*>`, 'g'))) {
    const id = attr(m[0], 'Id')
    const target = attr(m[0], 'Target')
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`)
  }
  const sheets: WorkbookSheet[] = []
  for (const m of workbookXml.matchAll(new RegExp(`<${P}sheet\\b[^>]*>`, 'g'))) {
    const name = attr(m[0], 'name')
    const rid = attr(m[0], '(?:[\\w]+:)?id')
    const path = rid ? targets.get(rid) : undefined
    const state = attr(m[0], 'state') ?? 'visible'
    if (name !== undefined && path) sheets.push({ name: decodeXml(name), path, hidden: state !== 'visible' })
  }
  const pr = new RegExp(`<${P}workbookPr\\b[^>]*>`).exec(workbookXml)?.[0] ?? ''
  return { sheets, date1904: isTrue(attr(pr, 'date1904')) }
}

const isTrue = (v: string | undefined) => v === '1' || v === 'true'

// Built-in number formats that are dates (ECMA-376 18.8.30, plus the CJK ones Excel uses in China).
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58])

export type NumberStyle = 'date' | 'scientific' | undefined

/** For each cell style index: does it show numbers as dates, or in scientific notation (`0.00E+00`)? */
export function parseNumberStyles(stylesXml: string): NumberStyle[] {
  const custom = new Map<number, string>()
  for (const m of stylesXml.matchAll(new RegExp(`<${P}numFmt\\b[^>]*>`, 'g'))) {
    custom.set(Number(attr(m[0], 'numFmtId')), decodeXml(attr(m[0], 'formatCode') ?? ''))
  }
  const xfs = new RegExp(`<${P}cellXfs\\b[\\s\\S]*?</${P}cellXfs>`).exec(stylesXml)?.[0] ?? ''
  return [...xfs.matchAll(new RegExp(`<${P}xf\\b[^>]*>`, 'g'))].map((m) => {
    const id = Number(attr(m[0], 'numFmtId') ?? 0)
    const code = custom.get(id)
    if (code === undefined) return BUILTIN_DATES.has(id) ? 'date' : BUILTIN_SCIENTIFIC.has(id) ? 'scientific' : undefined
    return formatKind(code)
  })
}

const BUILTIN_SCIENTIFIC = new Set([11, 48])

function formatKind(code: string): NumberStyle {
  const bare = code.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '')
  if (/^general$/i.test(bare)) return undefined
  if (/[ymd]/i.test(bare)) return 'date'
  return /E[+-]/i.test(bare) ? 'scientific' : undefined
}

const ROW_START = new RegExp(`<${P}row[\\s>/]`, 'g')
const ROW_END = new RegExp(`</${P}row>`, 'g')
const CELL = new RegExp(`<${P}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${P}c>)`, 'g')
const VALUE = new RegExp(`<${P}v(?:\\s[^>]*)?>([\\s\\S]*?)</${P}v>`)
const INLINE = new RegExp(`<${P}is\\b[^>]*>([\\s\\S]*?)</${P}is>`)

export interface SheetContext { shared: string[]; styles: NumberStyle[]; date1904: boolean }
export interface SheetRow { line: number; cells: Cell[]; hidden?: boolean }

/**
 * Pulls complete rows out of a growing buffer of sheet XML; returns them and how much of the buffer was
 * consumed (the rest waits for the next chunk).
 */
export function takeRows(xml: string, ctx: SheetContext, lastRow: number): { rows: SheetRow[]; used: number } {
  const rows: SheetRow[] = []
  let used = 0
  for (;;) {
    ROW_START.lastIndex = used
    const start = ROW_START.exec(xml)
    if (!start) break
    const tagEnd = xml.indexOf('>', start.index)
    if (tagEnd === -1) break
    const tag = xml.slice(start.index, tagEnd + 1)
    const line = Number(attr(tag, 'r') ?? (rows.at(-1)?.line ?? lastRow) + 1)
    if (tag.endsWith('/>')) { used = tagEnd + 1; continue } // an empty row
    ROW_END.lastIndex = tagEnd
    const end = ROW_END.exec(xml)
    if (!end) break
    const cells = parseCells(xml.slice(tagEnd + 1, end.index), ctx)
    rows.push(isTrue(attr(tag, 'hidden')) ? { line, cells, hidden: true } : { line, cells })
    used = end.index + end[0].length
  }
  return { rows, used }
}

function parseCells(rowXml: string, ctx: SheetContext): Cell[] {
  const cells: Cell[] = []
  for (const m of rowXml.matchAll(CELL)) {
    const tag = m[1] ?? ''
    const ref = attr(tag, 'r')
    const col = ref ? columnIndex(ref) : cells.length
    cells[col] = cellValue(attr(tag, 't') ?? 'n', Number(attr(tag, 's') ?? 0), m[2] ?? '', ctx)
  }
  for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null
  return cells
}

const FORMULA = new RegExp(`<${P}f\\b[^>]*?(?:/>|>([\\s\\S]*?)</${P}f>)`)

function cellValue(type: string, style: number, inner: string, ctx: SheetContext): Cell {
  if (type === 'inlineStr') return runsText(INLINE.exec(inner)?.[1] ?? '')
  const v = VALUE.exec(inner)?.[1]
  const formula = FORMULA.exec(inner)
  // A formula saved without its result (openpyxl writes `<f>200+0</f><v></v>`): its value is unknown, not 0.
  // A text result of "" is written as t="str" with an empty <v>, and is a real (blank) result.
  if (formula && (v === undefined || (v === '' && type !== 'str'))) return { formula: decodeXml(formula[1] ?? '') }
  if (v === undefined) return null
  switch (type) {
    case 's': return ctx.shared[Number(v)] ?? null
    case 'str': return decodeXml(v)
    case 'b': return v === '1' || v === 'true'
    case 'e': return { error: decodeXml(v) }
    case 'd': return isoDate(decodeXml(v))
    default: {
      const n = Number(v)
      if (v.trim() === '' || !Number.isFinite(n)) return decodeXml(v)
      const kind = ctx.styles[style]
      if (kind === 'date') return excelSerialDate(n, ctx.date1904)
      // Only a scientific display format means digits were lost to the eye; `<v>` itself may be written in
      // E notation (Java exports write 5.11922204207E11 for an exact 12-digit number). 16+ digits are judged
      // by the code fields, whatever the notation.
      return kind === 'scientific' ? { scientific: n } : n
    }
  }
}

/**
 * An ISO date cell (`t="d"`, `2018-04-30T00:00:00`) is the calendar day written: read as UTC midnight of
 * that day, never through the server's time zone (which would make it the day before east of Greenwich).
 */
function isoDate(s: string): Cell {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s)
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : s
}

/** `<mergeCell ref="I2:I4"/>` (after the rows of a worksheet) → the merged blocks. */
export function parseMerges(xml: string): CellRange[] {
  const out: CellRange[] = []
  for (const m of xml.matchAll(new RegExp(`<${P}mergeCell\\b[^>]*>`, 'g'))) {
    const [from = '', to = from] = (attr(m[0], 'ref') ?? '').split(':')
    const a = cellRef(from)
    const b = cellRef(to)
    if (a && b) out.push({ top: Math.min(a.row, b.row), bottom: Math.max(a.row, b.row), left: Math.min(a.col, b.col), right: Math.max(a.col, b.col) })
  }
  return out
}

/** 0-based indexes of hidden columns: `<col min="9" max="9" hidden="1"/>` (1-based, inclusive). */
export function parseHiddenColumns(xml: string): number[] {
  const out: number[] = []
  for (const m of xml.matchAll(new RegExp(`<${P}col\\b[^>]*>`, 'g'))) {
    if (!isTrue(attr(m[0], 'hidden'))) continue
    const min = Number(attr(m[0], 'min'))
    const max = Math.min(Number(attr(m[0], 'max') ?? min), 1000) // hiding the unused columns sets max 16384
    for (let c = min; c <= max; c++) if (c >= 1) out.push(c - 1)
  }
  return out
}

function cellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase())
  return m ? { col: columnIndex(m[1]!), row: Number(m[2]) } : null
}

/** "AB12" → 27 (0-based column). */
function columnIndex(ref: string): number {
  let n = 0
  for (const ch of ref) {
    const c = ch.charCodeAt(0)
    if (c < 65 || c > 90) break
    n = n * 26 + (c - 64)
  }
  return n - 1
}
