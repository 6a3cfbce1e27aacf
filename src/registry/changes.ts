import { maskIdNumber, maskPhone } from '../privacy/mask'
import type { ParsedRow, Value } from './parse-sheet'
import type { ColumnDef, SheetDef } from './sheets'

export interface FieldChange { column: ColumnDef; old: Value; new: Value }

/** What importing one row does to the registry: adds it, or changes these fields. */
export interface RowChange {
  def: SheetDef
  source: string
  line: number
  /** The row as it will be stored. */
  row: ParsedRow
  added: boolean
  fields: FieldChange[]
  /**
   * A household's head or ID number is replaced (not first filled in). A mixed-up 户编号 looks exactly
   * like this, so it is listed first as 请核对 and imported only when confirmed.
   */
  heads: boolean
  /** A member's township or zone following their village or township, which this import moved. */
  follows?: boolean
}

const HEAD_FIELDS = new Set(['headName', 'idNumber'])

/** The change a row makes against the stored row, or null when it changes nothing. */
export function diffRow(def: SheetDef, loc: { source: string; line: number }, row: ParsedRow, stored?: ParsedRow): RowChange | null {
  if (!stored) return { def, ...loc, row, added: true, fields: [], heads: false }
  const fields = def.columns.filter((c) => row[c.key] !== stored[c.key]).map((c) => ({ column: c, old: stored[c.key]!, new: row[c.key]! }))
  if (fields.length === 0) return null
  const heads = def.key === 'households' && fields.some((f) => HEAD_FIELDS.has(f.column.key) && f.old !== null)
  return { def, ...loc, row, added: false, fields, heads }
}

/** How a row is named in the diff: codes are not personal; a member is named by masked phone and name. */
export function rowLabel(def: SheetDef, r: ParsedRow): string {
  switch (def.key) {
    case 'zones': return `${r.name}`
    case 'townships': case 'villages': return `${r.code} ${r.name}`
    case 'households': return `${r.code}`
    case 'members': return `${maskPhone(String(r.phone))} ${r.name}`
    case 'tasks': return `${r.code} ${r.title}`
  }
}

/** A value as the diff shows it: personal numbers masked, an empty value said in words. */
export function shownValue(col: ColumnDef, v: Value): string {
  if (v === null) return '（空）'
  if (col.kind === 'phone') return maskPhone(String(v))
  if (col.kind === 'id-number') return maskIdNumber(String(v))
  return String(v)
}

/** `所属战区 第四战区 → 第一战区`; masked ID numbers that look alike say that they differ. */
export function fieldText(f: FieldChange): string {
  const [a, b] = [shownValue(f.column, f.old), shownValue(f.column, f.new)]
  return `${f.column.header} ${a} → ${b}${a === b ? '（中间几位不同）' : ''}`
}

/** `乡镇 511922204 团结乡：所属战区 第四战区 → 第一战区` or `户 5119222042070003：新增`. */
export function changeText(c: RowChange): string {
  return `${c.def.name} ${rowLabel(c.def, c.row)}：${c.added ? '新增' : c.fields.map(fieldText).join('；')}`
}
