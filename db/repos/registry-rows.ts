/**
 * The registry's rows as the import validates and writes them, one type per sheet of the template, keyed
 * like its columns (src/registry/sheets.ts). The repository maps these keys to columns by name.
 */
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
