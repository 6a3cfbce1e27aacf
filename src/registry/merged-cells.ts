import { isBlank } from './fields'
import type { CellRange, RawSheet } from './types'
import { columnLetter } from './types'

export interface MergedCells {
  /** Whole-row problems: a block spanning columns is not one value per cell. */
  problems: { line: number; col: number; reason: string }[]
  /** Rows inside such a block: reported once, not parsed cell by cell. */
  skip: Set<number>
  /** `B 列「村代码」第 2–4 行` for each column filled down. */
  filled: string[]
}

/**
 * Merged cells below the header. The file holds the value only in the top cell of a merge; the official
 * sees it on every row of the block. Read as blanks, those rows would keep their stored values (or be
 * refused as empty) — not what the sheet shows. A block in one column (a 村代码 or 帮扶责任人 merged down
 * over a village's households) is read as that value on each of its rows, and said; a block across
 * columns has no one reading (a note merged across the row, two fields in one box) and is refused.
 * `header` maps a column index to its template header (columns the import reads).
 */
export function applyMergedCells(raw: RawSheet, headerLine: number, header: Map<number, string>): MergedCells {
  const out: MergedCells = { problems: [], skip: new Set(), filled: [] }
  const byLine = new Map(raw.rows.map((r) => [r.line, r]))
  const filled = new Map<number, number[]>()
  const touches = (m: CellRange) => [...header.keys()].some((i) => i >= m.left && i <= m.right)
  for (const m of (raw.merges ?? []).filter((r) => r.top > headerLine && touches(r))) {
    const rows = []
    for (let line = m.top; line <= m.bottom; line++) if (byLine.has(line)) rows.push(byLine.get(line)!)
    if (m.left !== m.right) {
      const lines = m.bottom > m.top ? `第 ${m.top}–${m.bottom} 行` : '这一行'
      out.problems.push({ line: m.top, col: m.left, reason: `${columnLetter(m.left)}–${columnLetter(m.right)} 列合并成了一个单元格：` +
        `如果是说明或备注，请删除${lines}；如果是数据，请取消合并，在每个单元格分别填写` })
      for (const r of rows) out.skip.add(r.line)
      continue
    }
    const value = byLine.get(m.top)?.cells[m.left] ?? null
    if (isBlank(value)) continue
    for (const r of rows) {
      for (let i = r.cells.length; i <= m.left; i++) r.cells[i] = null
      r.cells[m.left] = value // a covered cell may hold a leftover value; the sheet shows the merged one
    }
    filled.set(m.left, [...(filled.get(m.left) ?? []), m.top, m.bottom])
  }
  for (const [col, bounds] of [...filled].sort(([a], [b]) => a - b)) {
    const ranges: string[] = []
    for (let i = 0; i < bounds.length; i += 2) ranges.push(`${bounds[i]}–${bounds[i + 1]}`)
    out.filled.push(`${columnLetter(col)} 列「${header.get(col)}」第 ${ranges.join('、')} 行`)
  }
  return out
}
