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
 * takes a ratio 0..1; `int`, `decimal` (shown with 2 decimals) and `decimal3` (3) take numbers.
 */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'decimal3' | 'percent' | 'date'

export interface Column {
  header: string
  /** In characters (a Chinese character counts about 2). */
  width: number
  kind?: ColumnKind
}

export interface Sheet {
  name: string
  columns: Column[]
  /** Rows in column order. An iterable, so a large export can stream rows from the database. */
  rows: Iterable<Cell[]>
}

export interface Book {
  sheets: Sheet[]
}

/** Column helper: `col('得分', 8, 'decimal')`. */
export const col = (header: string, width: number, kind: ColumnKind = 'text'): Column => ({ header, width, kind })
