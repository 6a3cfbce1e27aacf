import { existsSync, statSync } from 'node:fs'
import { basename, extname, resolve } from 'node:path'
import type { ImportLimits } from '../config'
import { readHead } from '../read-head'
import { readCsv } from './read-csv'
import { isOpenDocument, readXlsx } from './read-xlsx'
import { SHEETS } from './sheets'
import type { SheetName } from './sheets'
import type { Problem, RawSheet } from './types'

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

export interface FilesRead { sheets: RawSheet[]; problems: Problem[]; notes: string[] }

/** `村.csv`, `村-2018.csv`, `村2018.txt` → 村. The next character must not be Chinese (户籍.csv is not 户). */
export function sheetForCsv(fileName: string): SheetName | null {
  const stem = basename(fileName, extname(fileName)).normalize('NFKC').trim()
  for (const s of SHEETS) {
    if (stem.startsWith(s.name) && !/^\p{Script=Han}/u.test(stem.slice(s.name.length))) return s.name
  }
  return null
}

const WORKBOOK = new Set(['.xlsx', '.xlsm']) // .xlsm is an .xlsx with macros, which are not read
const ODS = '不支持 .ods 格式（LibreOffice/WPS 的开放文档格式）：请另存为 Excel 工作簿（.xlsx）后再导入'

/**
 * What the file's first bytes say it is, when that is not what its extension says: officials rename files,
 * and a workbook read as CSV shows only garbage. Old binary workbooks (.xls, WPS's .et) are OLE files;
 * .xlsx and .ods are zips, told apart by the .ods `mimetype` entry.
 */
async function wrongFormat(file: string, ext: string): Promise<string | null> {
  const head = readHead(file, 8)
  if (head.equals(OLE_MAGIC)) {
    return ext === '.xls' || ext === '.et' ? null : `这个文件其实是旧版 .xls（或 WPS .et）格式，不支持：请在 Excel/WPS 中另存为 .xlsx 后再导入`
  }
  if (head.readUInt32LE(0) !== 0x04034b50) return null // not a zip
  if (await isOpenDocument(file)) return ODS
  if (WORKBOOK.has(ext)) return null
  return `这个文件其实是 Excel 工作簿（.xlsx），扩展名却是 ${ext || '（无）'}：请把扩展名改回 .xlsx 后再导入`
}

/** Reads every file; unreadable or unrecognised files become problems, never exceptions. */
export async function readImportFiles(files: readonly string[], limits: ImportLimits, onRow?: () => void): Promise<FilesRead> {
  const out: FilesRead = { sheets: [], problems: [], notes: [] }
  const named = new Map<string, string>() // file name → the path first given with it
  for (const file of files) {
    const source = basename(file)
    const fail = (reason: string) => out.problems.push({ source, reason })
    // Problems are placed by file name: two files with one name would make 第 2 行 point at either.
    const first = named.get(source)
    if (first !== undefined) {
      fail(resolve(first) === resolve(file) ? '这个文件给了两次，只需给一次' : `与 ${first} 同名：请把其中一个改名后再导入，否则问题的位置无法区分`)
      continue
    }
    named.set(source, file)
    if (!existsSync(file) || !statSync(file).isFile()) {
      fail('文件不存在')
      continue
    }
    const ext = extname(file).toLowerCase()
    try {
      const wrong = await wrongFormat(file, ext)
      if (wrong) {
        fail(wrong)
        continue
      }
      if (WORKBOOK.has(ext)) {
        const { sheets, ignored, hidden } = await readXlsx(file, source, limits, onRow)
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
        const { sheet: raw, note } = readCsv(file, sheet, source, limits)
        if (note) out.notes.push(note)
        out.sheets.push(raw)
        for (let i = 0; i < raw.rows.length && onRow; i++) onRow()
      } else if (ext === '.xls' || ext === '.et') {
        fail(`不支持旧版 ${ext} 格式：请在 Excel/WPS 中另存为 .xlsx 后再导入`)
      } else if (ext === '.ods') {
        fail(ODS)
      } else {
        fail('只能导入 .xlsx、.csv 或 .txt（Excel 的「Unicode 文本」）文件')
      }
    } catch (err) {
      fail(`无法读取：${err instanceof Error ? err.message : String(err)}`)
    }
  }
  return out
}
