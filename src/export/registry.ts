import type { RegistryRepo, TableAccess } from '../../db/repos/registry'
import type { ParsedRow } from '../registry/parse-sheet'
import { SHEETS, templateHeader } from '../registry/sheets'
import type { FieldKind } from '../registry/sheets'
import { col, type Book, type ColumnKind } from './book'
import { defineExporter } from './exporter'

// Counts and years are numbers; a target may have decimals; codes, phones and ID numbers stay text.
const KIND: Partial<Record<FieldKind, ColumnKind>> = { count: 'int', positive: 'int', year: 'int', amount: 'decimal', date: 'date' }

/**
 * The stored registry in the import template's shape: one sheet per table, the template's headers, rows
 * ordered by key. Edited and imported again, it changes exactly what was edited (a file exported and
 * imported back unchanged changes nothing — tests/registry-roundtrip.test.ts).
 */
export function registryBook(registry: RegistryRepo): { book: Book; counts: Record<string, number> } {
  const tables = registry.tables as unknown as Record<string, TableAccess<ParsedRow>>
  const counts: Record<string, number> = {}
  const sheets = SHEETS.map((def) => {
    const rows = [...tables[def.key]!.snapshot()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r)
    counts[def.name] = rows.length
    return {
      name: def.name,
      columns: def.columns.map((c) => col(templateHeader(c), c.width, KIND[c.kind] ?? 'text')),
      rows: rows.map((r) => def.columns.map((c) => r[c.key] ?? null)),
    }
  })
  return { book: { sheets }, counts }
}

/** `npm run admin -- export registry <out.xlsx>`: the whole registry, to edit and import again. */
export const registryExporter = defineExporter({
  name: 'registry',
  summary: '花名册：与导入模板相同的六张表，可修改后用 import 导回（含证件号码和手机号，请妥善保管）',
  options: {},
  build(deps) {
    const { book, counts } = registryBook(deps.registry)
    return { book, label: `花名册（${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join('，')}）` }
  },
})
