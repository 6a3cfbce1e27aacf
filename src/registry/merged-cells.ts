import { isBlank } from './fields'
import type { RawSheet } from './types'
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
  const rows = raw.rows // in row order (the readers refuse rows out of order)
  const filled = new Map<number, number[]>()
  const columns = [...header.keys()]
  // Blocks can overlap only in a damaged or hostile file; refused, so that every row is visited by at most one
  // block per column and the work stays linear in the rows (a thousand tall blocks over one column would
  // otherwise each walk every row).
  const coveredTo = new Map<number, number>() // header column → last row covered by a block so far
  const blocks = (raw.merges ?? []).filter((m) => m.top > headerLine && columns.some((i) => i >= m.left && i <= m.right))
  for (const m of blocks.sort((a, b) => a.top - b.top)) {
    const mine = columns.filter((i) => i >= m.left && i <= m.right)
    if (mine.some((i) => (coveredTo.get(i) ?? 0) >= m.top)) {
      out.problems.push({ line: m.top, col: m.left, reason: `合并单元格 ${columnLetter(m.left)}${m.top}:${columnLetter(m.right)}${m.bottom} ` +
        '与另一个合并单元格重叠：文件已损坏，请在 Excel/WPS 中打开并另存为 .xlsx 后再导入' })
      break // one is enough: the file is not what Excel writes
    }
    for (const i of mine) coveredTo.set(i, m.bottom)
    const covered = []
    for (let k = firstAtOrAfter(rows, m.top); k < rows.length && rows[k]!.line <= m.bottom; k++) covered.push(rows[k]!)
    if (m.left !== m.right) {
      const lines = m.bottom > m.top ? `第 ${m.top}–${m.bottom} 行` : '这一行'
      out.problems.push({ line: m.top, col: m.left, reason: `${columnLetter(m.left)}–${columnLetter(m.right)} 列合并成了一个单元格：` +
        `如果是说明或备注，请删除${lines}；如果是数据，请取消合并，在每个单元格分别填写` })
      for (const r of covered) out.skip.add(r.line)
      continue
    }
    const value = covered[0]?.line === m.top ? (covered[0].cells[m.left] ?? null) : null
    if (isBlank(value)) continue
    for (const r of covered) {
      for (let i = r.cells.length; i <= m.left; i++) r.cells[i] = null
      r.cells[m.left] = value // a covered cell may hold a leftover value; the sheet shows the merged one
    }
    if (!filled.has(m.left)) filled.set(m.left, [])
    filled.get(m.left)!.push(m.top, m.bottom)
  }
  for (const [col, bounds] of [...filled].sort(([a], [b]) => a - b)) {
    const ranges: string[] = []
    for (let i = 0; i < bounds.length; i += 2) ranges.push(`${bounds[i]}–${bounds[i + 1]}`)
    out.filled.push(`${columnLetter(col)} 列「${header.get(col)}」第 ${ranges.join('、')} 行`)
  }
  return out
}

/** Index of the first row numbered `line` or later (binary search: rows are in order). */
function firstAtOrAfter(rows: RawSheet['rows'], line: number): number {
  let [lo, hi] = [0, rows.length]
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (rows[mid]!.line < line) lo = mid + 1
    else hi = mid
  }
  return lo
}
