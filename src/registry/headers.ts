import type { ColumnDef, SheetDef } from './sheets'
import type { Cell } from './types'
import { cellText } from './fields'

/**
 * Header text → a comparable key. People retype headers: full-width letters and spaces, a trailing `*`
 * (or `＊`), a hint in brackets copied from the docs (`类型 (镇/乡)`), different case in `open_id`.
 */
export function normalizeHeader(raw: string): string {
  let s = raw.normalize('NFKC').replace(/\s+/g, '')
  for (let prev = ''; prev !== s;) {
    prev = s
    s = s.replace(/\*+$/, '').replace(/\([^()]*\)$/, '').replace(/^\*+/, '')
  }
  return s.toLowerCase()
}

export interface HeaderMatch {
  /** column key → 0-based index in the row's cells */
  index: Map<string, number>
  problems: { column: string; reason: string }[]
  /** Non-empty headers that match no column: ignored, but worth a note (a typo would lose that column). */
  unknown: string[]
}

/** Finds each template column in a header row. Unknown columns are ignored (the template may grow). */
export function matchHeaders(def: SheetDef, headers: readonly Cell[]): HeaderMatch {
  const lookup = new Map<string, ColumnDef>()
  for (const col of def.columns) {
    for (const name of [col.header, ...(col.aliases ?? [])]) lookup.set(normalizeHeader(name), col)
  }
  const index = new Map<string, number>()
  const problems: HeaderMatch['problems'] = []
  const unknown: string[] = []
  headers.forEach((cell, i) => {
    const col = lookup.get(normalizeHeader(cellText(cell)))
    if (!col) {
      if (cellText(cell) !== '') unknown.push(cellText(cell))
      return
    }
    if (index.has(col.key)) problems.push({ column: col.header, reason: `列重复（${columnLetter(index.get(col.key)!)} 列和 ${columnLetter(i)} 列）` })
    else index.set(col.key, i)
  })
  for (const col of def.columns) {
    if (col.required && !index.has(col.key)) problems.push({ column: col.header, reason: '缺少必填列' })
  }
  if (def.name === '任务' && !index.has('villageCode') && !index.has('townshipCode')) {
    problems.push({ column: '村代码', reason: '缺少列：村代码 和 乡镇代码 至少要有一列' })
  }
  return { index, problems, unknown }
}

/** 0 → A, 26 → AA: how Excel names a column. */
export function columnLetter(index: number): string {
  let s = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}
