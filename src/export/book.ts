/**
 * A workbook as plain data: what every exporter builds and the one renderer (./render.ts) writes with
 * exceljs — a bold frozen header row, column widths, numbers as numbers, dates as date cells. Keeping
 * exporters free of exceljs lets the ranking job queue a workbook as data for the sender to render off the
 * event loop (./file-message.ts), and makes a new export one function that returns rows.
 */
export type Cell = string | number | null

/**
 * How a column's values are written: `text` keeps codes such as 511922204 as text (Excel would drop
 * leading zeros or round long numbers); `date` takes 'YYYY-MM-DD' and writes an Excel date; `percent`
 * takes a ratio 0..1; `int`, `decimal` (shown with 2 decimals) and `decimal3` (3) take numbers; `general`
 * writes a value as it is, in Excel's General format.
 */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'decimal3' | 'percent' | 'date' | 'general'

export interface Column {
  header: string
  /** In characters (a Chinese character counts about 2). */
  width: number
  kind?: ColumnKind
  /** A note on the header cell (the template says what a column takes). */
  note?: string
  /** A drop-down of the allowed values on the data rows, for a workbook people fill in. */
  choices?: readonly string[]
  required?: boolean
}

export interface Sheet {
  name: string
  columns: Column[]
  /** Rows in column order. An iterable, so a large export can stream rows from the database. */
  rows: Iterable<Cell[]>
  /** How many of the first rows are examples, written in grey. */
  exampleRows?: number
  /** No frozen header row (a sheet of notes). */
  plain?: boolean
}

export interface Book {
  sheets: Sheet[]
}

/** Column helper: `col('得分', 8, 'decimal')`. */
export const col = (header: string, width: number, kind: ColumnKind = 'text'): Column => ({ header, width, kind })
