import { readFileSync, statSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import type { ImportLimits } from '../config'
import { stripInvisible } from '../text'
import type { SheetName } from './sheets'
import type { RawSheet } from './types'

export interface CsvRead { sheet: RawSheet; note?: string }

/**
 * Reads a CSV export in whichever encoding the official's tool saved it (see decodeText). Row numbers
 * count records, not text lines, so a quoted field with a newline is still one row — as in Excel.
 */
export function readCsv(path: string, sheet: SheetName, source: string, limits: ImportLimits): CsvRead {
  if (statSync(path).size > limits.maxBytes) {
    throw new Error(`文件超过 ${limits.maxBytes / 1e6} MB（IMPORT_MAX_MB），不导入：请拆成几个文件分批导入`)
  }
  const { text, encoding } = decodeText(readFileSync(path))
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
  // Characters nobody means to store (NUL, bidi overrides, lone surrogates) go as they do from chat input.
  const rows = records.map((cells, i) => ({ line: i + 1, cells: cells.map(stripInvisible) })).filter((r) => r.cells.some((c) => c.trim() !== ''))
  if (rows.length > limits.maxRows) {
    throw new Error(`超过 ${limits.maxRows.toLocaleString('en-US')} 行（IMPORT_MAX_ROWS），不导入：请拆成几个文件分批导入`)
  }
  const note = encoding === 'utf-8-damaged'
    ? `${source} 是 UTF-8 编码，但其中有些字节不是 UTF-8（可能混入了 GBK 编码的内容），这些单元格无法识别`
    : encoding === 'utf-8' ? undefined : `${source} 是 ${ENCODING_NAMES[encoding]} 编码，已按此读取`
  return { sheet: { sheet, source, rows }, note }
}

type Encoding = 'utf-8' | 'utf-8-damaged' | 'utf-16le' | 'utf-16be' | 'gb18030'
const ENCODING_NAMES: Record<Encoding, string> = {
  'utf-8': 'UTF-8', 'utf-8-damaged': 'UTF-8', 'utf-16le': 'UTF-16（Excel「Unicode 文本」）', 'utf-16be': 'UTF-16 BE', gb18030: 'GBK/GB18030（Excel 默认的 CSV）',
}

/**
 * UTF-8 with or without BOM is the contract, but Chinese Windows tools write others: Excel's plain "CSV" is
 * GBK (GB18030 is its superset, so one decoder reads both), "Unicode 文本" is UTF-16 LE with a BOM and tabs.
 * A BOM decides; without one, UTF-16 shows as NULs (in odd bytes for LE, even for BE), and bytes that are
 * not valid UTF-8 are GB18030 (which accepts any byte sequence, so it is the last resort) — unless most of
 * the text is valid UTF-8 (GBK text almost never is): then it is UTF-8 with some foreign bytes (rows pasted
 * from a GBK file), and those cells show U+FFFD, which the fields refuse row by row.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const decode = (encoding: Encoding, skip = 0) => ({ text: new TextDecoder(encoding).decode(bytes.subarray(skip)), encoding })
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', 3)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', 2)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', 2)
  const head = bytes.subarray(0, 200)
  const nulAt = (odd: number) => head.filter((b, i) => b === 0 && i % 2 === odd).length
  if (head.includes(0)) return decode(nulAt(1) >= nulAt(0) ? 'utf-16le' : 'utf-16be') // text in UTF-8 or GBK has no NUL
  const text = new TextDecoder('utf-8').decode(bytes)
  let [lost, read] = [0, 0] // characters UTF-8 could not decode, and non-ASCII ones it could
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 0xfffd) lost++
    else if (c > 0x7f) read++
  }
  if (lost === 0) return { text, encoding: 'utf-8' }
  return read > lost ? { text, encoding: 'utf-8-damaged' } : decode('gb18030')
}

// Some spreadsheet exports use semicolons or tabs; the line with the most of one decides (a title line has none).
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 12)
  const most = (d: string) => Math.max(...lines.map((l) => l.split(d).length))
  return [',', ';', '\t'].reduce((best, d) => (most(d) > most(best) ? d : best))
}
