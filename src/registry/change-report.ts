import { writeExcelCsv } from '../export/csv'
import { changeText, rowLabel, shownValue } from './changes'
import type { RowChange } from './changes'
import { SHEETS } from './sheets'
import { ORDER, totalCounts, type ImportCounts } from './upsert'

/** How many lines of changes the terminal shows per sheet; the report file has them all. */
export const LINES_PER_SHEET = 50

/**
 * The dry run's diff as lines: first the replaced household heads and ID numbers (请核对), then per sheet
 * the new and changed rows with each changed field old → new, at most LINES_PER_SHEET per sheet.
 */
export function changeLines(changes: readonly RowChange[], report: string | undefined, o: { allHint?: string } = {}): string[] {
  const lines: string[] = []
  const heads = changes.filter((c) => c.heads)
  const hint = o.allHint ?? (report ? `全部见 ${report}` : '全部列出请加 --report <file>（CSV）')
  const more = (n: number, what: string) => `  …${what}还有 ${n} 处改动，${hint}`
  if (heads.length > 0) {
    lines.push(`请核对：${heads.length} 户的户主姓名或证件号码将被替换（户编号填错时也是这样）：`)
    for (const c of heads.slice(0, LINES_PER_SHEET)) lines.push(`  ${changeText(c)}（${c.source} 第 ${c.line} 行）`)
    if (heads.length > LINES_PER_SHEET) lines.push(more(heads.length - LINES_PER_SHEET, '请核对'))
  }
  const rest = changes.filter((c) => !c.heads)
  if (rest.length > 0) lines.push('改动明细：')
  for (const def of SHEETS) {
    const mine = rest.filter((c) => c.def === def)
    for (const c of mine.slice(0, LINES_PER_SHEET)) lines.push(`  ${changeText(c)}`)
    if (mine.length > LINES_PER_SHEET) lines.push(more(mine.length - LINES_PER_SHEET, `「${def.name}」表`))
  }
  return lines
}

/**
 * Every change as a CSV an official opens in Excel (UTF-8 with BOM): one line per changed field, one per
 * new row. Values are shown as on screen (ID and phone numbers masked); 文件 and 行号 find the full row.
 */
export function writeChangeReport(path: string, changes: readonly RowChange[]): number {
  const lines = [['表', '行', '改动', '列', '原值', '新值', '文件', '行号']]
  for (const c of changes) {
    const base = [c.def.name, rowLabel(c.def, c.row)]
    const where = [c.source, String(c.line)]
    if (c.added) lines.push([...base, '新增', '', '', '', ...where])
    for (const f of c.fields) {
      const kind = c.heads ? '请核对' : c.follows ? '随所在地调整' : '修改'
      lines.push([...base, kind, f.column.header, shownValue(f.column, f.old), shownValue(f.column, f.new), ...where])
    }
  }
  writeExcelCsv(path, lines, { forPeople: true })
  return lines.length - 1
}

/**
 * What an import adds, updates and leaves, sheet by sheet (a sheet not in the files is listed when its rows
 * follow a moved place), and a line when nothing changes. The CLI and the chat import say it alike.
 */
export function countLines(r: { counts: ImportCounts; sheets: readonly string[] }, dryRun: boolean): string[] {
  const lines: string[] = []
  for (const key of ORDER) {
    const def = SHEETS.find((s) => s.key === key)!
    const c = r.counts[key]
    const name = def.name.padEnd(2, '　')
    if (r.sheets.includes(def.name)) lines.push(`  ${name}  新增 ${c.added}，更新 ${c.updated}，未变 ${c.unchanged}`)
    else if (c.updated > 0) lines.push(`  ${name}  更新 ${c.updated}（不在文件中，所属乡镇、战区随之调整）`)
  }
  const total = totalCounts(r.counts)
  if (total.added + total.updated === 0) lines.push(`${dryRun ? '导入不会带来任何变化' : '没有任何变化'}：数据库中的数据已与文件一致。`)
  return lines
}
