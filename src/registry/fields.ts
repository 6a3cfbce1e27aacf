import { maskIdNumber, maskPhone } from '../privacy/mask'
import { validateIdNumber } from '../privacy/id-number'
import { excelSerialDate } from '../domain/dates'
import type { ColumnDef } from './sheets'
import type { Cell } from './types'

/** A parsed cell: its value, or the Chinese reason it was refused (the column name is added by the caller). */
export type FieldResult = { value: string | number } | { reason: string }

const MIN_YEAR = 2014
const MAX_YEAR = 2030

export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '')
}

/** What an official types to empty an optional cell on purpose (a blank cell keeps the stored value). */
export function isClearMark(cell: Cell): boolean {
  return typeof cell === 'string' && cell.length < 8 && CLEAR_MARKS.has(cell.normalize('NFKC').replace(/\s+/g, ''))
}
const CLEAR_MARKS = new Set(['-', '(空)'])

const ENCODING_HINT = '可能是保存时编码不对：请在 Excel/WPS 中另存为「CSV UTF-8」，或直接导入 .xlsx'

/** How the workbook counts serial days: from 1900 (Excel's default) or from 1904 (old Excel for Mac). */
export interface CellContext { date1904?: boolean }

/** Parses one non-blank cell according to its column. Personal values only ever appear masked. */
export function parseField(col: ColumnDef, cell: Cell, ctx: CellContext = {}): FieldResult {
  if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
    if ('error' in cell) return { reason: `单元格是错误值 ${cell.error}，请改为实际内容` }
    if ('formula' in cell) return { reason: '公式没有计算结果：请在 Excel/WPS 中打开并保存后再导入' }
    if (isCode(col)) return { reason: NUMBER_LOST }
    return parseField(col, cell.scientific, ctx)
  }
  if (typeof cell === 'string' && cell.includes('\uFFFD')) return { reason: `有无法识别的字（�），${ENCODING_HINT}` }
  switch (col.kind) {
    case 'text': return text(cell, 200)
    case 'name': return name(col, cell)
    case 'open-id': return code(cell, /^ou_[0-9A-Za-z_]{1,64}$/, '应为飞书的 open_id：ou_ 后接字母、数字或下划线（可不填，成员 /认证 后自动关联）')
    case 'code': return code(cell, /^[0-9A-Za-z._-]{1,40}$/, '只能包含数字、字母和 - _ .，不超过 40 个字符')
    case 'count': return integer(cell, 0)
    case 'positive': return integer(cell, 1)
    case 'year': return year(cell)
    case 'enum': return enumeration(col, cell)
    case 'date': return date(cell, ctx)
    case 'phone': return phone(cell)
    case 'id-number': return idNumber(cell)
    case 'amount': return amount(cell)
  }
}

/** Columns whose values are codes written with digits: Excel must not have turned them into numbers. */
const isCode = (col: ColumnDef) => col.kind === 'code' || col.kind === 'phone' || col.kind === 'id-number'

/** Cell → text as a person would read it: whole numbers without `.0`, dates as YYYY-MM-DD. */
export function cellText(cell: Cell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return ymd(cell)
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell)
  if (typeof cell === 'object') return 'error' in cell ? cell.error : 'formula' in cell ? `=${cell.formula}` : cellText(cell.scientific)
  return String(cell).trim()
}

const quote = (s: string) => `"${s.length > 20 ? `${s.slice(0, 20)}…` : s}"`
const nfkc = (cell: Cell) => cellText(cell).normalize('NFKC').trim()

function text(cell: Cell, max: number): FieldResult {
  const s = cellText(cell).replace(/\s+/g, ' ')
  return s.length > max ? { reason: `太长（${s.length} 个字符，最多 ${max} 个）` } : { value: s }
}

/**
 * A name of a person or place. Excel saving a "CSV" in GBK replaces a character GBK lacks (a rare surname)
 * with `?`: stored, it would be a wrong name nobody notices, so it is refused.
 */
function name(col: ColumnDef, cell: Cell): FieldResult {
  const s = cellText(cell).replace(/\s+/g, ' ')
  if (/[?？]/.test(s)) return { reason: `${col.header}中有无法识别的字（?），${ENCODING_HINT}` }
  return text(cell, 100)
}

// Excel keeps 15 significant digits: a 16-digit 户编号 typed into a General cell is already rounded.
const NUMBER_LOST = 'Excel 把它存成了数字，末位可能已丢失。请把该列设为「文本」后重新填写'

const PLAIN_CODE = /^[0-9A-Za-z_-]+$/

/**
 * A code cell as text. Refused when Excel has already lost digits: a number cell with 16 or more digits, or
 * scientific notation in CSV text. Read without the marks tools add to keep a code as text — Excel's
 * leading `'`, a CSV export's `="…"` — and without invisible characters pasted from web pages and chats
 * (zero-width spaces): none of these can be part of a code.
 */
function codeText(cell: Cell): { text: string } | { reason: string } {
  if (typeof cell === 'number' && Math.abs(cell) >= 1e15) return { reason: NUMBER_LOST }
  // Most codes are already plain, and none of the clean-ups changes a plain one: 0.36 → 0.08 µs a cell
  // (800,000 16-digit codes in a loop, Node 20).
  const s = typeof cell === 'string' && PLAIN_CODE.test(cell) ? cell
    : nfkc(cell).replace(/\p{Cf}/gu, '').replace(/^="(.*)"$/, '$1').replace(/^'/, '').trim()
  if (/^[+-]?\d+(\.\d+)?E[+-]?\d+$/i.test(s)) {
    return { reason: `${quote(s)} 是科学计数法，原来的数字已丢失（Excel 打开 CSV 时会把长数字改成这样）。请把该列设为「文本」后重新填写` }
  }
  return { text: s }
}

function code(cell: Cell, pattern: RegExp, rule: string): FieldResult {
  const c = codeText(cell)
  if ('reason' in c) return c
  return pattern.test(c.text) ? { value: c.text } : { reason: `${quote(c.text)} ${rule}` }
}

function integer(cell: Cell, min: number): FieldResult {
  const s = nfkc(cell).replace(/^(\d{1,3}(?:,\d{3})+)$/, (m) => m.replace(/,/g, ''))
  if (!/^[+-]?\d+(\.0+)?$/.test(s)) return { reason: `${quote(s)} 不是整数` }
  const n = Number(s)
  if (n < min) return { reason: min === 0 ? `${quote(s)} 不能为负数` : `${quote(s)} 应大于 0` }
  return Number.isSafeInteger(n) ? { value: n } : { reason: `${quote(s)} 太大` }
}

function year(cell: Cell): FieldResult {
  const s = nfkc(cell).replace(/年$/, '')
  const n = Number(s)
  if (!/^\d{4}$/.test(s) || n < MIN_YEAR || n > MAX_YEAR) {
    return { reason: `${quote(s)} 不是有效年度（应为 ${MIN_YEAR}–${MAX_YEAR} 之间的四位年份）` }
  }
  return { value: n }
}

function enumeration(col: ColumnDef, cell: Cell): FieldResult {
  const values = col.values ?? []
  let s = nfkc(cell).replace(/\s+/g, '')
  if (col.dropSuffix && s.endsWith(col.dropSuffix) && values.includes(s.slice(0, -col.dropSuffix.length))) {
    s = s.slice(0, -col.dropSuffix.length)
  }
  if (values.includes(s)) return { value: s }
  return { reason: `${quote(s)} 不是有效${col.header}（应为 ${values.join('/')}）` }
}

/**
 * A calendar day: an Excel date cell, an Excel serial number whose date format was lost (counted from the
 * workbook's epoch: in a 1904 workbook the same number is four years and a day later), or text such as
 * 2018-06-30, 2018/6/30, 2018年6月30日. Outside the campaign's years it is refused: 2018 typed into a date
 * cell is serial day 2018, which Excel shows as 1905-07-10.
 */
function date(cell: Cell, ctx: CellContext): FieldResult {
  let out: string | null = null
  if (cell instanceof Date) out = ymd(cell)
  else if (typeof cell === 'number' && cell >= 1 && cell < 2958466) {
    out = ymd(excelSerialDate(cell, ctx.date1904))
  } else {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]0{1,2}:00(?::00)?)?$/.exec(nfkc(cell))
    out = m && toYmd(Number(m[1]), Number(m[2]), Number(m[3]))
  }
  if (out === null) return { reason: `${quote(nfkc(cell))} 不是有效日期（应为 YYYY-MM-DD，例如 2018-06-30）` }
  const year = Number(out.slice(0, 4))
  if (year < MIN_YEAR || year > MAX_YEAR) return { reason: `${out} 不在 ${MIN_YEAR}–${MAX_YEAR} 年之间，请核对（单元格里的数字可能被当成了日期）` }
  return { value: out }
}

function phone(cell: Cell): FieldResult {
  const c = codeText(cell)
  if ('reason' in c) return c
  const s = c.text.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  if (/^1[3-9]\d{9}$/.test(s)) return { value: s }
  return { reason: `手机号码无效（${maskPhone(s)}；应为 11 位数字，以 13–19 开头）` }
}

function idNumber(cell: Cell): FieldResult {
  const c = codeText(cell)
  if ('reason' in c) return c
  const s = c.text.replace(/\s+/g, '')
  const check = validateIdNumber(s)
  return check.ok ? { value: check.value } : { reason: `${check.reason}（${maskIdNumber(s)}）` }
}

function amount(cell: Cell): FieldResult {
  const s = nfkc(cell).replace(/,/g, '')
  const n = Number(s)
  if (s === '' || !Number.isFinite(n)) return { reason: `${quote(s)} 不是数字` }
  return n > 0 ? { value: n } : { reason: `${quote(s)} 应大于 0` }
}

function ymd(d: Date): string {
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`
}

/** A real calendar date as YYYY-MM-DD, or null. */
export function toYmd(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d))
  if (y < 1900 || y > 2100 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return ymd(date)
}
