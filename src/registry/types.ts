import type { SheetName } from './sheets'

/**
 * One cell as a reader hands it over: CSV gives strings, xlsx also numbers, dates, booleans and errors, and
 * two kinds a field must refuse rather than guess: a formula whose result was never calculated, and a number
 * stored in scientific notation (its digits beyond the shown ones are gone).
 */
export type Cell = string | number | boolean | Date | { error: string } | { formula: string } | { scientific: number } | null

/** A sheet as read from a file: every non-empty row with the row number a person sees; the header is found later. */
export interface RawSheet {
  sheet: SheetName
  source: string            // file name, for messages when several files are imported
  rows: { line: number; cells: Cell[]; hidden?: boolean }[]
  /** The workbook counts serial days from 1904-01-01 (a number typed into a date column means that day). */
  date1904?: boolean
  /** Merged cells: only the top-left cell holds the value, the others are blank in the file. */
  merges?: CellRange[]
  /** 0-based indexes of columns hidden in the sheet (their values are imported, and said). */
  hiddenColumns?: number[]
}

/** A block of cells: rows numbered as in Excel (from 1), columns from 0. */
export interface CellRange { top: number; bottom: number; left: number; right: number }

/**
 * One problem, placed as the official sees it in Excel: sheet, row number, column letter and header.
 * File-level problems have no sheet; a whole-row problem has no column.
 */
export interface Problem {
  source: string
  sheet?: SheetName
  row?: number
  column?: string
  /** 0-based index of the column in the file, for its letter (absent when the column is missing). */
  col?: number
  reason: string
}

/** `户 第 12 行 D 列「证件号码」：reason`, `户 第 1 行「类别」：…`, `户 第 5 行：…`, `户.csv：…`. */
export function formatProblem(p: Problem): string {
  if (p.sheet === undefined) return `${p.source}：${p.reason}`
  const letter = p.col === undefined ? '' : ` ${columnLetter(p.col)} 列`
  const header = p.column === undefined ? '' : `「${p.column}」`
  return `${p.sheet} 第 ${p.row} 行${letter}${header}：${p.reason}`
}

/** 0 → A, 26 → AA: how Excel names a column. */
export function columnLetter(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
