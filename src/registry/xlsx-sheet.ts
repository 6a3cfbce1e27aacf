import { excelSerialDate } from '../domain/dates'
import type { Cell, CellRange } from './types'
import { isTrue, readXml } from './xml-stream'
import type { Attrs } from './xml-stream'
import { cellRef, cellString, MAX_COLUMNS, RichText, rowNumber } from './xlsx-xml'
import type { NumberStyle, Slots } from './xlsx-xml'
import { XlsxFormatError } from './xlsx-zip'

export interface SheetContext { shared: string[]; styles: NumberStyle[]; date1904: boolean }
export interface SheetRow { line: number; cells: Cell[]; hidden?: boolean }
export interface SheetRead { rows: SheetRow[]; merges: CellRange[]; hiddenColumns: number[] }

/** What a sheet may cost: non-empty rows (IMPORT_MAX_ROWS), and the file's slots (xlsx-xml.ts). */
export interface SheetBudget { maxRows: number; slots: Slots }

const CORRUPT = '文件已损坏或是恶意构造的，不导入'

/**
 * Reads a worksheet part as it is inflated: every non-empty row (with the row number a person sees), the
 * merged blocks and the hidden columns. What Excel could not have written — a cell past XFD, a row past
 * 1,048,576, rows or cells out of order, a cell inside a cell, a shared string that does not exist — is
 * refused with the place, so a damaged or hostile file is never half read.
 */
export async function readSheet(bytes: AsyncIterable<Buffer>, where: string, ctx: SheetContext, budget: SheetBudget,
  onRow?: () => void): Promise<SheetRead> {
  const out: SheetRead = { rows: [], merges: [], hiddenColumns: [] }
  let row: SheetRow | null = null
  let lastLine = 0
  let cell: { col: number; ref: string; type: string; style: number } | null = null // the open <c>
  let v: string | undefined
  let f: string | undefined
  let capture: 'v' | 'f' | null = null
  let inline: RichText | null = null
  let inlineText: string | undefined
  const fail = (what: string) => { throw new XlsxFormatError(`${where}${what}：${CORRUPT}`) }

  const openCell = (a: Attrs) => {
    if (!row) return fail('有不在任何一行里的单元格')
    if (cell) return fail(`第 ${row.line} 行有未结束的单元格（单元格套在单元格里）`)
    const col = a.r === undefined ? row.cells.length : cellRef(a.r, where).col
    if (col >= MAX_COLUMNS) fail(`第 ${row.line} 行的单元格超出 XFD 列`)
    if (col < row.cells.length) fail(`第 ${row.line} 行的单元格顺序错乱（${a.r ?? ''}）`)
    budget.slots.take(col + 1 - row.cells.length, where)
    while (row.cells.length < col) row.cells.push(null)
    cell = { col, ref: a.r ?? '', type: a.t ?? 'n', style: Number(a.s ?? 0) }
    v = f = inlineText = undefined
  }

  await readXml(bytes, where, {
    open(name, a) {
      switch (name) {
        case 'row': {
          if (row) return fail(`第 ${row.line} 行没有结束（行套在行里）`)
          const line = a.r === undefined ? lastLine + 1 : rowNumber(a.r, where)
          if (line <= lastLine) fail(`的行号不是递增的（第 ${line} 行出现在第 ${lastLine} 行之后）`)
          lastLine = line
          row = isTrue(a.hidden) ? { line, cells: [], hidden: true } : { line, cells: [] }
          return
        }
        case 'c': return openCell(a)
        case 'v': capture = 'v'; v = ''; return
        case 'f': capture = 'f'; f = ''; return
        case 'is': inline = new RichText(); return
        case 'mergeCell': {
          const [from = '', to = from] = (a.ref ?? '').split(':')
          const p = cellRef(from, where)
          const q = cellRef(to, where)
          out.merges.push({ top: Math.min(p.row, q.row), bottom: Math.max(p.row, q.row), left: Math.min(p.col, q.col), right: Math.max(p.col, q.col) })
          return
        }
        case 'col': {
          if (!isTrue(a.hidden)) return
          const min = Number(a.min)
          const max = Math.min(Number(a.max ?? min), 1000) // hiding the unused columns sets max 16384
          for (let c = min; c <= max; c++) if (c >= 1) out.hiddenColumns.push(c - 1)
          return
        }
        default: inline?.open(name)
      }
    },
    text(t) {
      if (capture === 'v') v += t
      else if (capture === 'f') f += t
      else inline?.text(t)
    },
    close(name) {
      switch (name) {
        case 'v': case 'f': capture = null; return
        case 'is': inlineText = inline!.take(); inline = null; return
        case 'c': {
          const c = cell!
          const value = cellValue(c.type, c.style, v, f, inlineText, ctx)
          if (value === undefined) return fail(` ${c.ref || `第 ${row!.line} 行`} 引用的共享字符串「${v!.slice(0, 12)}」不存在`)
          row!.cells[c.col] = value
          cell = null
          return
        }
        case 'row': {
          const r = row!
          row = null
          if (r.cells.every((x) => x === null || x === '')) {
            budget.slots.give(r.cells.length) // an empty row is not kept
            return
          }
          out.rows.push(r)
          if (out.rows.length > budget.maxRows) {
            throw new XlsxFormatError(`${where}超过 ${budget.maxRows.toLocaleString('en-US')} 行（IMPORT_MAX_ROWS），不导入：` +
              '请拆成几个文件分批导入')
          }
          onRow?.()
          return
        }
        default: inline?.close(name)
      }
    },
  })
  return out
}

/** The cell's value; undefined when it points at a shared string that does not exist. */
function cellValue(type: string, style: number, v: string | undefined, f: string | undefined, inline: string | undefined,
  ctx: SheetContext): Cell | undefined {
  if (type === 'inlineStr') return inline ?? ''
  // A formula saved without its result (openpyxl writes `<f>200+0</f><v></v>`): its value is unknown, not 0.
  // A text result of "" is written as t="str" with an empty <v>, and is a real (blank) result.
  if (f !== undefined && (v === undefined || (v === '' && type !== 'str'))) return { formula: cellString(f) }
  if (v === undefined) return null
  switch (type) {
    case 's': return /^\d{1,9}$/.test(v) ? ctx.shared[Number(v)] : undefined
    case 'str': return cellString(v)
    case 'b': return v === '1' || v === 'true'
    case 'e': return { error: cellString(v) }
    case 'd': return isoDate(cellString(v))
    default: {
      const n = Number(v)
      if (v.trim() === '' || !Number.isFinite(n)) return cellString(v)
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
