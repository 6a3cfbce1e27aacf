import { closest } from '../text'
import { cellText } from './fields'
import type { ColumnDef, SheetDef } from './sheets'
import type { Cell } from './types'
import { columnLetter } from './types'

/**
 * Header text → a comparable key. People retype headers: full-width letters and spaces, a trailing `*`
 * (or `＊`), a hint in brackets copied from the docs (`类型 (镇/乡)`), different case in `open_id`.
 * These are the "obvious variants": read as the column they name, and said so.
 */
export function normalizeHeader(raw: string): string {
  let s = raw.normalize('NFKC').replace(/\s+/g, '')
  for (let prev = ''; prev !== s;) {
    prev = s
    s = s.replace(/\*+$/, '').replace(/\([^()]*\)$/, '').replace(/^\*+/, '')
  }
  return s.toLowerCase()
}

// Columns people add that carry nothing to import: a row counter, remarks, the template's 说明.
const IGNORED = new Set(['序号', '备注', '说明'])

/** How many rows from the top may hold a title or notes above the header (government exports have them). */
export const HEADER_SEARCH_ROWS = 10

function lookupFor(def: SheetDef): Map<string, ColumnDef> {
  const lookup = new Map<string, ColumnDef>()
  for (const col of def.columns) {
    for (const name of [col.header, ...(col.aliases ?? [])]) lookup.set(normalizeHeader(name), col)
  }
  return lookup
}

/**
 * Which of the first rows is the header: the first in which most non-empty cells are the template's
 * headers (and at least one is a column). Rows above it (a title, 填报单位…) are not data. -1 when none
 * looks like a header.
 */
export function findHeaderRow(def: SheetDef, rows: readonly { cells: Cell[] }[]): number {
  const lookup = lookupFor(def)
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, rows.length); i++) {
    const texts = rows[i]!.cells.map((c) => normalizeHeader(cellText(c))).filter((t) => t !== '')
    const columns = texts.filter((t) => lookup.has(t)).length
    if (columns > 0 && (columns + texts.filter((t) => IGNORED.has(t)).length) * 2 >= texts.length) return i
  }
  return -1
}

/** When no row looks like a header and the first row is a title (one cell), not headers to correct. */
export function headerNotFound(def: SheetDef): string {
  return `前 ${HEADER_SEARCH_ROWS} 行里没有找到表头（写着 ${def.columns.slice(0, 3).map((c) => c.header).join('、')}… 等列名的一行）。` +
    `表头上方的标题和说明最多 ${HEADER_SEARCH_ROWS - 1} 行，请删去多余的行；或检查列名是否与模板一致`
}

/**
 * Government forms group columns under a title over two header rows: 户主信息 merged over 户主姓名 and
 * 证件号码 in the row below, the other headers merged down both rows. When the row under the header holds
 * only header names, and names columns the header row does not, the two are one header: each column is
 * named by the lower row where it has text, else by the upper. Null when the next row is not like that.
 */
export function twoRowHeader(def: SheetDef, upper: readonly Cell[], lower: readonly Cell[]): Cell[] | null {
  const lookup = lookupFor(def)
  const key = (c: Cell | undefined) => normalizeHeader(cellText(c ?? null))
  const texts = lower.map(key)
  if (!texts.every((t) => t === '' || lookup.has(t) || IGNORED.has(t))) return null
  if (!texts.some((t, i) => lookup.has(t) && !lookup.has(key(upper[i])))) return null
  return Array.from({ length: Math.max(upper.length, lower.length) }, (_, i) => (texts[i] ? lower[i]! : upper[i] ?? null))
}

export interface HeaderProblem { column?: string; col?: number; reason: string }

export interface HeaderMatch {
  /** column key → 0-based index in the row's cells */
  index: Map<string, number>
  /** Indexes of columns read on purpose as nothing (序号, 备注…); anything else without a column is an error. */
  ignored: Set<number>
  problems: HeaderProblem[]
  notes: string[]
}

/**
 * Finds each template column in the header row. A header that is not the template's is refused with the
 * closest ones: ignoring it would drop its data, and leaving a column out keeps the stored values, so a
 * typo would otherwise make an import silently do nothing for that column.
 */
export function matchHeaders(def: SheetDef, headers: readonly Cell[]): HeaderMatch {
  const lookup = lookupFor(def)
  const out: HeaderMatch = { index: new Map(), ignored: new Set(), problems: [], notes: [] }
  headers.forEach((cell, i) => {
    const raw = cellText(cell).replace(/\s+/g, ' ') // a line break typed in the cell (Alt+Enter) shown as a space
    if (raw === '') return
    const key = normalizeHeader(raw)
    const col = lookup.get(key)
    if (!col) {
      if (IGNORED.has(key)) {
        out.ignored.add(i)
        out.notes.push(`${columnLetter(i)} 列「${raw}」不是模板中的列，已忽略`)
      } else out.problems.push({ column: raw, col: i, reason: unknownReason(def, key) })
      return
    }
    const first = out.index.get(col.key)
    if (first !== undefined) {
      out.problems.push({ column: col.header, col: i, reason: `列重复（${columnLetter(first)} 列和 ${columnLetter(i)} 列都是「${col.header}」）` })
      return
    }
    out.index.set(col.key, i)
    const plain = raw.replace(/\*$/, '')
    if (plain !== col.header && !(col.aliases ?? []).includes(plain)) out.notes.push(`${columnLetter(i)} 列「${raw}」按「${col.header}」读取`)
  })
  for (const col of def.columns) {
    if (col.required && !out.index.has(col.key)) out.problems.push({ column: col.header, reason: '缺少必填列' })
  }
  if (def.name === '任务' && !out.index.has('villageCode') && !out.index.has('townshipCode')) {
    out.problems.push({ column: '村代码', reason: '缺少列：村代码 和 乡镇代码 至少要有一列' })
  }
  return out
}

function unknownReason(def: SheetDef, key: string): string {
  const guesses = closest(key, def.columns.map((c) => c.header), 2)
  const fix = '请改成模板中的列名，或删除这一列'
  if (guesses.length > 0) return `不是模板中的列，是不是${guesses.map((g) => `「${g}」`).join('或')}？${fix}`
  return `不是模板中的列（「${def.name}」表的列：${def.columns.map((c) => c.header).join('、')}）。${fix}`
}
