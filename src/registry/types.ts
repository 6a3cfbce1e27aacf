import type { SheetName } from './sheets'

/** Rows as validated and as written: one type per sheet, keys as in sheets.ts. */
export interface ZoneRow { name: string; commanderName: string | null; commanderPhone: string | null }
export interface TownshipRow { code: string; name: string; kind: string | null; zoneName: string }
export interface VillageRow {
  code: string; name: string; townshipCode: string; category: string; plannedExitYear: number | null
  households: number; agriPopulation: number; poorPopulation: number
}
export interface HouseholdRow {
  code: string; villageCode: string; headName: string; idNumber: string | null; size: number
  attribute: string | null; status: string; exitYear: number | null; helper: string | null; phone: string | null
}
export interface MemberRow {
  name: string; phone: string; role: string; zoneName: string | null; townshipCode: string | null
  villageCode: string | null; openId: string | null
}
export interface TaskRow {
  code: string; list: string; category: string; title: string; villageCode: string | null
  townshipCode: string | null; unit: string | null; ownerPhone: string | null; target: number | null
  measure: string | null; startDate: string | null; dueDate: string
}

export interface RegistryRows {
  zones: ZoneRow[]
  townships: TownshipRow[]
  villages: VillageRow[]
  households: HouseholdRow[]
  members: MemberRow[]
  tasks: TaskRow[]
}

export const emptyRegistry = (): RegistryRows =>
  ({ zones: [], townships: [], villages: [], households: [], members: [], tasks: [] })

/** One cell as a reader hands it over: CSV gives strings, xlsx also numbers, dates, booleans and errors. */
export type Cell = string | number | boolean | Date | { error: string } | null

/** A sheet as read from a file: its header row and data rows, with the row numbers a person sees. */
export interface RawSheet {
  sheet: SheetName
  source: string            // file name, for messages when several files are imported
  headerRow: number
  headers: Cell[]
  rows: { line: number; cells: Cell[] }[]
}

/** `<sheet> row <N> column <X>: <reason>`; file-level problems have no sheet/row. */
export interface Problem {
  source: string
  sheet?: SheetName
  row?: number
  column?: string
  reason: string
}

export function formatProblem(p: Problem): string {
  if (p.sheet === undefined) return `${p.source}: ${p.reason}`
  return `${p.sheet} row ${p.row} column ${p.column}: ${p.reason}`
}
