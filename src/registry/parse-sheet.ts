import { matchHeaders } from './headers'
import { isBlank, parseField } from './fields'
import { SHEET_BY_NAME, TEAM_ROLES } from './sheets'
import type { SheetDef } from './sheets'
import type { Problem, RawSheet } from './types'

export type ParsedRow = Record<string, string | number | null>

export interface ParsedSheet {
  def: SheetDef
  source: string
  rows: { line: number; row: ParsedRow }[]
  /** The header was unusable, so no rows were read: references into this sheet cannot be judged. */
  broken: boolean
  ignoredColumns: string[]
}

/**
 * One raw sheet → typed rows, checking everything that can be checked inside a row: required values,
 * formats, enumerations, and the rules that tie two cells of the same row together.
 * A row with any problem is still returned (so later checks can report more), but marked by the problems.
 */
export function parseSheet(raw: RawSheet, problems: Problem[]): ParsedSheet {
  const def = SHEET_BY_NAME.get(raw.sheet)!
  const at = (line: number, column: string, reason: string) =>
    problems.push({ source: raw.source, sheet: raw.sheet, row: line, column, reason })
  const { index, problems: headerProblems, unknown } = matchHeaders(def, raw.headers)
  for (const p of headerProblems) at(raw.headerRow, p.column, p.reason)
  const out: ParsedSheet = { def, source: raw.source, rows: [], broken: headerProblems.length > 0, ignoredColumns: unknown }
  if (out.broken) return out

  for (const { line, cells } of raw.rows) {
    const row: ParsedRow = {}
    const blank: string[] = []
    let filled = 0
    for (const col of def.columns) {
      const i = index.get(col.key)
      const cell = i === undefined ? null : (cells[i] ?? null)
      row[col.key] = null
      if (isBlank(cell)) {
        if (col.required) blank.push(col.header)
        continue
      }
      filled++
      const r = parseField(col, cell)
      if ('reason' in r) at(line, col.header, r.reason)
      else row[col.key] = r.value
    }
    if (filled === 0) {
      continue // people leave empty rows between blocks; they are not data
    }
    for (const header of blank) at(line, header, '必填，不能为空')
    checkRow(def, row, (column, reason) => at(line, column, reason))
    out.rows.push({ line, row })
  }
  return out
}

type At = (column: string, reason: string) => void

/** Rules between cells of one row (references to other rows and sheets are checked in check-refs.ts). */
function checkRow(def: SheetDef, r: ParsedRow, at: At) {
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
