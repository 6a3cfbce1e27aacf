import { findHeaderRow, headerNotFound, matchHeaders, twoRowHeader } from './headers'
import { applyMergedCells } from './merged-cells'
import { cellText, isBlank, isClearMark, parseField } from './fields'
import { SHEET_BY_NAME, TEAM_ROLES } from './sheets'
import type { SheetDef } from './sheets'
import type { Cell, Problem, RawSheet } from './types'
import { columnLetter } from './types'

export type Value = string | number | null
/** A row as the file gives it: `undefined` where the file says nothing (column absent or cell blank). */
export type GivenRow = Record<string, Value | undefined>
/** A row as it will be stored: the file's values over the stored ones. */
export type ParsedRow = Record<string, Value>

export interface ParsedSheet {
  def: SheetDef
  source: string
  rows: { line: number; row: GivenRow }[]
  /** The header was unusable, so no rows were read: references into this sheet cannot be judged. */
  broken: boolean
  /** Header → 0-based column in this file, so a later problem can name the column letter. */
  colOf: (header: string) => number | undefined
}

/** A sheet whose rows are complete (the file's values over the stored ones), as references are judged. */
export type MergedSheet = Omit<ParsedSheet, 'rows'> & { rows: { line: number; row: ParsedRow }[] }

const EXAMPLE = /^示例/
const TOTAL = /^(合计|小计|总计)[:：]?$/

/**
 * One raw sheet → the rows it gives, checking everything that can be checked inside one cell: required
 * values, formats, enumerations. A blank cell or an absent column gives nothing (the stored value stays);
 * `-` or `（空）` empties an optional cell on purpose. A row with a problem is still returned, so later
 * checks can report more.
 */
export function parseSheet(raw: RawSheet, problems: Problem[], notes: string[]): ParsedSheet {
  const def = SHEET_BY_NAME.get(raw.sheet)!
  const at = (line: number, reason: string, column?: string, col?: number) =>
    problems.push({ source: raw.source, sheet: raw.sheet, row: line, column, col, reason })
  const note = (text: string) => notes.push(`${raw.source}「${raw.sheet}」表：${text}`)
  const out: ParsedSheet = { def, source: raw.source, rows: [], broken: false, colOf: () => undefined }
  if (raw.rows.length === 0) {
    note('是空的，没有导入任何行')
    return out
  }
  let h = findHeaderRow(def, raw.rows)
  if (h < 0 && raw.rows[0]!.cells.filter((c) => cellText(c) !== '').length <= 1) {
    at(raw.rows[0]!.line, headerNotFound(def))
    out.broken = true
    return out
  }
  h = Math.max(h, 0) // no header found, but the first row has several cells: its unknown headers are reported one by one
  const header = raw.rows[h]!
  if (h > 0) note(`${lineList(raw.rows.slice(0, h).map((r) => r.line))}在表头之上（标题或说明），已忽略`)
  const lower = raw.rows[h + 1]
  const combined = lower?.line === header.line + 1 ? twoRowHeader(def, header.cells, lower.cells) : null
  const headerCells = combined ?? header.cells
  const lastHeaderLine = combined ? lower!.line : header.line
  const firstData = combined ? h + 2 : h + 1
  if (combined) note(`第 ${header.line}–${lastHeaderLine} 行是两行表头，已合成一行读取（每列取下一行的列名，下一行空着的取上一行的）`)
  const m = matchHeaders(def, headerCells)
  for (const p of m.problems) at(header.line, p.reason, p.column, p.col)
  for (const n of m.notes) note(n)
  const byHeader = new Map(def.columns.flatMap((c) => (m.index.has(c.key) ? [[c.header, m.index.get(c.key)!] as const] : [])))
  out.colOf = (h) => byHeader.get(h)
  out.broken = m.problems.length > 0
  if (out.broken) return out

  const headerAt = new Map([...byHeader].map(([name, i]) => [i, name]))
  const hiddenColumns = (raw.hiddenColumns ?? []).filter((i) => headerAt.has(i))
  if (hiddenColumns.length > 0) {
    note(`${hiddenColumns.map((i) => `${columnLetter(i)} 列「${headerAt.get(i)}」`).join('、')}是隐藏列，已一并导入（请确认这些列确实要导入）`)
  }
  if (raw.rows.length === firstData) note('只有表头，没有数据行')
  const merged = applyMergedCells(raw, lastHeaderLine, headerAt)
  for (const p of merged.problems) at(p.line, p.reason, undefined, p.col)
  if (merged.filled.length > 0) note(`${merged.filled.join('，')}是合并单元格，已按每一行都填了合并单元格中的内容读取`)

  const named = headerCells.map((c) => cellText(c) !== '')
  const unnamed = new Set<number>()
  const hidden: number[] = []
  const repeated: number[] = []
  const keyAt = m.index.get(def.keyColumn)!
  const isHeader = (cells: Cell[]) => cellText(cells[keyAt] ?? null) === cellText(header.cells[keyAt] ?? null) && rowText(cells) === rowText(header.cells)
  for (const { line, cells, hidden: isHidden } of raw.rows.slice(firstData)) {
    if (merged.skip.has(line)) continue
    if (isHeader(cells)) { // paginated exports repeat the header on every page
      repeated.push(line)
      continue
    }
    const mark = rowMark(cells)
    if (mark) {
      at(line, mark === 'example' ? '这是模板的示例行（内容以「示例」开头），请删除示例行后再导入' : '合计/小计行不是数据，请删除这一行后再导入')
      continue
    }
    for (let i = 0; i < cells.length; i++) {
      if (named[i] || unnamed.has(i) || isBlank(cells[i] ?? null)) continue
      unnamed.add(i)
      at(line, `这一列有内容但没有列名：请在第 ${header.line} 行填上模板中的列名，或删除这一列`, undefined, i)
    }
    const row = parseRow(def, m.index, cells, !!raw.date1904, (reason, column, col) => at(line, reason, column, col))
    if (row === null) continue // only 序号 or notes: people pre-number empty rows
    if (isHidden) hidden.push(line)
    out.rows.push({ line, row })
  }
  if (repeated.length > 0) note(`${lineList(repeated)}是重复的表头（分页导出时常见），已跳过`)
  if (hidden.length > 0) note(`${lineList(hidden)}是隐藏行，已一并导入（请确认这些行确实要导入）`)
  return out
}

const rowText = (cells: Cell[]) => cells.map(cellText).join('\t').replace(/\t+$/, '')

/** A template example row, or a 合计 row: not data. (Most cells are plain data: a cheap test comes first.) */
function rowMark(cells: Cell[]): 'example' | 'total' | null {
  for (const c of cells) {
    if (typeof c !== 'string' || !(c.includes('示') || c.includes('计'))) continue
    const s = c.normalize('NFKC').replace(/\s+/g, '')
    if (EXAMPLE.test(s)) return 'example'
    if (TOTAL.test(s)) return 'total'
  }
  return null
}

/** The row's template cells, or null when none of them is filled. */
function parseRow(def: SheetDef, index: Map<string, number>, cells: Cell[], date1904: boolean,
  at: (reason: string, column?: string, col?: number) => void): GivenRow | null {
  const row: GivenRow = {}
  const blank: [string, number][] = []
  let filled = 0
  for (const col of def.columns) {
    const i = index.get(col.key)
    const cell = i === undefined ? null : (cells[i] ?? null)
    if (i === undefined || isBlank(cell)) {
      if (col.required && i !== undefined) blank.push([col.header, i])
      continue
    }
    filled++
    if (isClearMark(cell)) {
      if (col.required) at('必填，不能清空', col.header, i)
      row[col.key] = null
      continue
    }
    const r = parseField(col, cell, { date1904 })
    if ('reason' in r) at(r.reason, col.header, i)
    row[col.key] = 'reason' in r ? null : r.value
  }
  if (filled === 0) return null
  for (const [header, i] of blank) at('必填，不能为空', header, i)
  return row
}

/** [3, 4, 5, 9] → 第 3–5、9 行 */
function lineList(lines: number[]): string {
  const parts: string[] = []
  for (let i = 0; i < lines.length; i++) {
    let j = i
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++
    parts.push(j > i ? `${lines[i]}–${lines[j]}` : `${lines[i]}`)
    i = j
  }
  return `第 ${parts.length > 10 ? `${parts.slice(0, 10).join('、')} 等` : parts.join('、')} 行`
}

type At = (column: string, reason: string) => void

/** Rules between cells of one row, on the row as it will be stored (references are checked in check-refs.ts). */
export function checkRow(def: SheetDef, r: ParsedRow, at: At) {
  switch (def.key) {
    case 'villages':
      if (typeof r.poorPopulation === 'number' && typeof r.agriPopulation === 'number' && r.poorPopulation > r.agriPopulation) {
        at('贫困人口', `贫困人口（${r.poorPopulation}）不能大于农业人口（${r.agriPopulation}）`)
      }
      break
    case 'members':
      if (r.role === '指挥长' && r.zoneName === null) at('所属战区', '角色为指挥长时必填')
      if (r.role === '乡镇干部' && r.townshipCode === null && r.villageCode === null) at('所属乡镇代码', '角色为乡镇干部时必填')
      if (TEAM_ROLES.includes(r.role as never) && r.villageCode === null) at('所属村代码', `角色为${r.role}时必填`)
      break
    case 'tasks':
      if ((r.villageCode === null) === (r.townshipCode === null)) {
        at(r.villageCode === null ? '村代码' : '乡镇代码', r.villageCode === null
          ? '村代码 和 乡镇代码 必须填一个（村的任务填村代码，乡镇的任务填乡镇代码）'
          : '村代码 和 乡镇代码 只能填一个')
      }
      if (typeof r.startDate === 'string' && typeof r.dueDate === 'string' && r.dueDate < r.startDate) {
        at('截止日期', `截止日期 ${r.dueDate} 早于开始日期 ${r.startDate}`)
      }
      break
    default:
  }
}
