import { writeFileSync } from 'node:fs'
import { stringify } from 'csv-stringify/sync'

type Cell = string | number | null

/**
 * Writes rows as the CSV Excel's "CSV UTF-8" produces and opens without a prompt: a BOM, CRLF, quotes
 * where RFC 4180 needs them. `forPeople`: a file only read by people gets cells that start with = + - @
 * prefixed with ' so Excel shows them instead of running them as formulas; a file meant to be imported
 * again keeps every value exactly.
 */
export function writeExcelCsv(path: string, rows: readonly (readonly Cell[])[], o: { forPeople: boolean }) {
  writeFileSync(path, stringify(rows as Cell[][], { bom: true, record_delimiter: 'windows', escape_formulas: o.forPeople }))
}
