import type { Db } from '../open'

/** One record with everything the audit export shows of it (src/export/reports.ts). */
export type ExportedRecord = {
  id: number; kind: string; visitedOn: string; createdAt: number; zone: string; township: string; village: string | null
  taskCode: string | null; taskTitle: string | null; item: string | null; input: string | null; ratio: number | null; amount: number | null
  householdCode: string | null; headName: string | null; income: number | null; author: string | null; note: string | null; withdrawnAt: number | null
} & Record<'housing' | 'water' | 'power' | 'tv' | 'education' | 'medical', number | null>

/** The records of a period, withdrawn ones included, one row each with its place, task, household and author. */
export function createRecordExport(db: Db) {
  const sql = `
    SELECT rc.id, rc.kind, rc.visited_on AS visitedOn, rc.created_at AS createdAt, z.name AS zone, t.name AS township, v.name AS village,
           COALESCE(r.task_code, cp.task_code) AS taskCode, COALESCE(tk.title, ctk.title) AS taskTitle, r.item, r.input, r.ratio, r.amount,
           c.household_code AS householdCode, h.head_name AS headName, c.income, c.housing, c.water, c.power, c.tv, c.education, c.medical,
           m.name AS author, rc.note, rc.withdrawn_at AS withdrawnAt
    FROM records rc
    JOIN townships t ON t.code = rc.township_code JOIN zones z ON z.id = t.zone_id
    LEFT JOIN villages v ON v.code = rc.village_code
    LEFT JOIN reports r ON r.record_id = rc.id LEFT JOIN tasks tk ON tk.code = r.task_code
    LEFT JOIN completions cp ON cp.record_id = rc.id LEFT JOIN tasks ctk ON ctk.code = cp.task_code
    LEFT JOIN checks c ON c.record_id = rc.id LEFT JOIN households h ON h.code = c.household_code
    LEFT JOIN members m ON m.id = rc.author_member_id
    WHERE rc.visited_on BETWEEN ? AND ? ORDER BY rc.visited_on, rc.id`
  const count = db.prepare(`SELECT COUNT(*) FROM records WHERE visited_on BETWEEN ? AND ?`).pluck()
  return {
    count: (start: string, end: string) => count.get(start, end) as number,
    /**
     * Streamed from SQLite: a year of a county's records never sits in memory at once. A statement of its
     * own each time, since one still being read cannot be executed again.
     */
    rows: (start: string, end: string) => db.prepare(sql).iterate(start, end) as Iterable<ExportedRecord>,
  }
}
export type RecordExport = ReturnType<typeof createRecordExport>
