import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { SheetName } from './sheets'
import type { RawSheet } from './types'

export interface CsvRead { sheet: RawSheet; note?: string }

/**
 * Reads a CSV export. UTF-8 with or without BOM is the contract; a file that is not valid UTF-8 is most
 * likely Chinese Excel's default "CSV" (GB18030), so it is decoded as that and the caller is told.
 * Row numbers count records, not text lines, so a quoted field with a newline is still one row — as in Excel.
 */
export function readCsv(path: string, sheet: SheetName, source: string): CsvRead {
  const bytes = readFileSync(path)
  let text: string
  let note: string | undefined
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('gb18030').decode(bytes)
    note = `${source} 不是 UTF-8 编码，已按 GB18030（Excel 默认的 CSV）读取；建议另存为「CSV UTF-8」`
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  let records: string[][]
  try {
    // relax_quotes: a quote inside an unquoted field (县交通运输局"二队") is taken as text, as Excel does.
    records = parse(text, {
      relax_column_count: true, relax_quotes: true, skip_empty_lines: false, delimiter: sniffDelimiter(text),
    }) as string[][]
  } catch (err) {
    const e = err as { code?: string; records?: number }
    throw new Error(e.code === 'CSV_QUOTE_NOT_CLOSED'
      ? `CSV 格式错误：第 ${(e.records ?? 0) + 1} 行的引号没有结束（含逗号或换行的内容要用英文双引号括起来，内容里的双引号写两遍）`
      : `CSV 格式错误：${err instanceof Error ? err.message : String(err)}`)
  }
  const [headers = [], ...data] = records
  return {
    sheet: { sheet, source, headerRow: 1, headers, rows: data.map((cells, i) => ({ line: i + 2, cells })) },
    note,
  }
}

// Some spreadsheet exports use semicolons or tabs; only the header line decides, where a comma is never data.
function sniffDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const)
  return counts.reduce((best, cur) => (cur[1] > best[1] ? cur : best))[0]
}
