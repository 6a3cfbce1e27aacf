import { existsSync, statSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { readCsv } from './read-csv'
import { readXlsx } from './read-xlsx'
import { SHEETS } from './sheets'
import type { SheetName } from './sheets'
import type { Problem, RawSheet } from './types'

export interface FilesRead { sheets: RawSheet[]; problems: Problem[]; notes: string[] }

/** `村.csv`, `村-2018.csv`, `村2018.txt` → 村. The next character must not be Chinese (户籍.csv is not 户). */
export function sheetForCsv(fileName: string): SheetName | null {
  const stem = basename(fileName, extname(fileName)).normalize('NFKC').trim()
  for (const s of SHEETS) {
    if (stem.startsWith(s.name) && !/^\p{Script=Han}/u.test(stem.slice(s.name.length))) return s.name
  }
  return null
}

/** Reads every file; unreadable or unrecognised files become problems, never exceptions. */
export async function readImportFiles(files: readonly string[], onRow?: () => void): Promise<FilesRead> {
  const out: FilesRead = { sheets: [], problems: [], notes: [] }
  for (const file of files) {
    const source = basename(file)
    const fail = (reason: string) => out.problems.push({ source, reason })
    if (!existsSync(file) || !statSync(file).isFile()) {
      fail('文件不存在')
      continue
    }
    const ext = extname(file).toLowerCase()
    try {
      if (ext === '.xlsx') {
        const { sheets, ignored, hidden } = await readXlsx(file, source, onRow)
        const names = SHEETS.map((s) => s.name).join('、')
        if (sheets.length === 0) fail(`没有可导入的工作表（工作表应命名为 ${names}${hidden.length ? `；${hidden.join('、')} 是隐藏的工作表，不会导入` : ''}）`)
        const other = ignored.filter((n) => n !== '说明') // the template's own notes sheet is expected
        if (other.length > 0 && sheets.length > 0) out.notes.push(`${source}：已忽略工作表 ${other.join('、')}（不是模板中的表）`)
        if (hidden.length > 0 && sheets.length > 0) out.notes.push(`${source}：工作表 ${hidden.join('、')} 是隐藏的，已忽略（要导入请先取消隐藏）`)
        out.sheets.push(...sheets)
      } else if (ext === '.csv' || ext === '.txt') { // .txt: Excel's 「Unicode 文本」 (UTF-16, tab-separated)
        const sheet = sheetForCsv(file)
        if (!sheet) {
          fail(`无法从文件名判断是哪张表：文件名应以 ${SHEETS.map((s) => s.name).join('、')} 之一开头，例如 村.csv、村-2018.csv`)
          continue
        }
        const { sheet: raw, note } = readCsv(file, sheet, source)
        if (note) out.notes.push(note)
        out.sheets.push(raw)
        for (let i = 0; i < raw.rows.length && onRow; i++) onRow()
      } else if (ext === '.xls') {
        fail('不支持旧版 .xls 格式：请在 Excel 中另存为 .xlsx 后再导入')
      } else {
        fail('只能导入 .xlsx、.csv 或 .txt（Excel 的「Unicode 文本」）文件')
      }
    } catch (err) {
      fail(`无法读取：${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return out
}
