import { maskIdNumber, maskPhone } from '../privacy/mask'
import type { PlacesAfter } from './follow-places'
import type { MergedSheet, ParsedRow } from './parse-sheet'
import type { SheetKey, SheetName } from './sheets'
import { SHEET_BY_KEY, SHEETS } from './sheets'
import type { Problem } from './types'

/** What is already in the database, as far as references need it (loaded once, no per-row SELECT). */
export interface StoredKeys {
  zoneNames: Set<string>
  townshipZone: Map<string, string>     // township code → zone name
  villageTownship: Map<string, string>  // village code → township code
  openIdPhone: Map<string, string>      // open_id → phone of the member holding it
  householdIds: Map<string, string>     // household code → its head's ID number (those that have one)
}

type Loc = { source: string; line: number; colOf: (header: string) => number | undefined }

/**
 * Checks what spans rows and sheets: duplicate keys, references (resolved across the whole import and
 * against what is stored), and fills in a member's township and zone from their village. Returns where
 * every township and village is after the import.
 */
export function checkReferences(sheets: MergedSheet[], stored: StoredKeys, problems: Problem[]): PlacesAfter {
  const by = (key: SheetKey) => sheets.filter((s) => s.def.key === key).flatMap((s) => s.rows.map((r) => ({ ...r, source: s.source, colOf: s.colOf })))
  const rows = Object.fromEntries(SHEETS_IN_ORDER.map((k) => [k, by(k)])) as Record<SheetKey, (Loc & { row: ParsedRow })[]>
  const at = (sheet: SheetName, loc: Loc, column: string, reason: string) =>
    problems.push({ source: loc.source, sheet, row: loc.line, column, col: loc.colOf(column), reason })

  for (const key of SHEETS_IN_ORDER) findDuplicates(key, rows[key], at)
  // A sheet whose header was unusable has no rows here; "X 不存在" against it would only be noise.
  const broken = new Set(sheets.filter((s) => s.broken).map((s) => s.def.key))
  const unknown = (key: SheetKey, known: { has(k: string): boolean }, code: unknown) =>
    code !== null && !broken.has(key) && !known.has(code as string)

  const zones = new Set([...stored.zoneNames, ...rows.zones.map((r) => r.row.name as string)])
  const townshipZone = new Map(stored.townshipZone)
  for (const r of rows.townships) townshipZone.set(r.row.code as string, r.row.zoneName as string)
  const villageTownship = new Map(stored.villageTownship)
  for (const r of rows.villages) villageTownship.set(r.row.code as string, r.row.townshipCode as string)

  const missing = (what: string, code: unknown) => `${what} ${String(code)} 不存在（本次导入和已有数据里都没有）`
  for (const r of rows.townships) {
    if (unknown('zones', zones, r.row.zoneName)) at('乡镇', r, '所属战区', missing('战区', r.row.zoneName))
  }
  for (const r of rows.villages) {
    if (unknown('townships', townshipZone, r.row.townshipCode)) at('村', r, '所属乡镇代码', missing('乡镇', r.row.townshipCode))
  }
  for (const r of rows.households) {
    if (unknown('villages', villageTownship, r.row.villageCode)) at('户', r, '村代码', missing('村', r.row.villageCode))
  }
  checkIdNumbers(rows.households, stored.householdIds, (r, m) => at('户', r, '证件号码', m))
  for (const r of rows.members) {
    checkMemberScope(r, { zones, townshipZone, villageTownship, broken }, (c, m) => at('成员', r, c, m))
  }
  checkOpenIds(rows.members, stored.openIdPhone, (r, m) => at('成员', r, '飞书open_id', m))
  for (const r of rows.tasks) {
    if (unknown('villages', villageTownship, r.row.villageCode)) at('任务', r, '村代码', missing('村', r.row.villageCode))
    if (unknown('townships', townshipZone, r.row.townshipCode)) at('任务', r, '乡镇代码', missing('乡镇', r.row.townshipCode))
  }
  return { townshipZone, villageTownship }
}

const SHEETS_IN_ORDER: SheetKey[] = SHEETS.map((s) => s.key) // references point backwards in this order

function findDuplicates(key: SheetKey, rows: (Loc & { row: ParsedRow })[], at: (s: SheetName, l: Loc, c: string, m: string) => void) {
  const def = SHEET_BY_KEY[key]
  const col = def.columns.find((c) => c.key === def.keyColumn)!
  const seen = new Map<string | number, Loc>()
  for (const r of rows) {
    const k = r.row[def.keyColumn]
    if (k === null || k === undefined) continue
    const first = seen.get(k)
    if (!first) {
      seen.set(k, r)
      continue
    }
    const shown = col.kind === 'phone' ? maskPhone(String(k)) : String(k)
    at(def.name, r, col.header, `${col.header} ${shown} 重复（与${rowOf(first, r)}相同）`)
  }
}

/** Where an earlier row is, seen from a later one: `第 2 行`, or ` 户-1.csv 第 2 行` in another file. */
const rowOf = (first: Loc, from: Loc) => (first.source === from.source ? `第 ${first.line} 行` : ` ${first.source} 第 ${first.line} 行`)

interface Scope {
  zones: Set<string>; townshipZone: Map<string, string>; villageTownship: Map<string, string>; broken: Set<SheetKey>
}

/** A village implies its township, a township its zone: fill in what is blank, refuse what contradicts. */
function checkMemberScope(r: { row: ParsedRow }, s: Scope, at: (column: string, reason: string) => void) {
  const m = r.row
  if (m.villageCode !== null) {
    const township = s.villageTownship.get(m.villageCode as string)
    if (township === undefined && s.broken.has('villages')) return
    if (township === undefined) return at('所属村代码', `村 ${m.villageCode} 不存在（本次导入和已有数据里都没有）`)
    if (m.townshipCode !== null && m.townshipCode !== township) {
      return at('所属乡镇代码', `所属乡镇代码 ${m.townshipCode} 与村 ${m.villageCode} 所在乡镇 ${township} 不一致`)
    }
    m.townshipCode = township
  }
  if (m.townshipCode !== null) {
    const zone = s.townshipZone.get(m.townshipCode as string)
    if (zone === undefined && s.broken.has('townships')) return
    if (zone === undefined) return at('所属乡镇代码', `乡镇 ${m.townshipCode} 不存在（本次导入和已有数据里都没有）`)
    if (m.zoneName !== null && m.zoneName !== zone) {
      return at('所属战区', `所属战区 ${m.zoneName} 与乡镇 ${m.townshipCode} 所属战区 ${zone} 不一致`)
    }
    m.zoneName = zone
  }
  if (m.zoneName !== null && !s.broken.has('zones') && !s.zones.has(m.zoneName as string)) at('所属战区', `战区 ${m.zoneName} 不存在（本次导入和已有数据里都没有）`)
}

/** open_id is unique: two roster rows must not claim the same Feishu account. */
function checkOpenIds(rows: (Loc & { row: ParsedRow })[], stored: Map<string, string>, at: (r: Loc, m: string) => void) {
  const seen = new Map<string, Loc>()
  for (const r of rows) {
    const openId = r.row.openId as string | null
    if (openId === null) continue
    const first = seen.get(openId)
    const holder = stored.get(openId)
    if (first !== undefined) at(r, `飞书open_id 与${rowOf(first, r)}重复`)
    else if (holder !== undefined && holder !== r.row.phone) at(r, `飞书open_id 已关联到另一位成员（${maskPhone(holder)}）`)
    if (first === undefined) seen.set(openId, r)
  }
}

/**
 * One person heads one household: an ID number may appear once in the file, and not on another stored
 * household (a 户编号 typed wrong would otherwise give a family's head to a second household). A row whose
 * 户编号 was refused, or repeats an earlier row's, is already reported: judged here it would only claim
 * that the household's own ID number belongs to another.
 */
function checkIdNumbers(rows: (Loc & { row: ParsedRow })[], stored: Map<string, string>, at: (r: Loc, m: string) => void) {
  const inFile = new Set(rows.map((r) => r.row.code))
  const holder = new Map<string, string>()
  for (const [code, id] of stored) if (!inFile.has(code)) holder.set(id, code)
  const seen = new Map<string, Loc & { row: ParsedRow }>()
  for (const r of rows) {
    const id = r.row.idNumber as string | null
    if (id === null || r.row.code === null) continue
    const first = seen.get(id)
    const other = holder.get(id)
    if (first !== undefined && first.row.code !== r.row.code) at(r, `与${rowOf(first, r)}重复（${maskIdNumber(id)}）`)
    else if (first === undefined && other !== undefined) {
      at(r, `与已有的户 ${other} 的证件号码相同（${maskIdNumber(id)}）：同一人不能是两户的户主，请核对户编号`)
    }
    if (first === undefined) seen.set(id, r)
  }
}
