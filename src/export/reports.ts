import type { Cell } from './book'
import { col } from './book'
import { defineExporter, ExportError, type ExportRequest } from './exporter'
import { localDate, parsePeriod } from '../domain/dates'
import { maskIdNumber, maskName, maskPhone } from '../privacy/mask'
import type { ExportedRecord } from '../../db/repos/record-export'

const KIND: Record<string, string> = { report: '进度上报', check: '户核查', completion: '任务完成', sixiao: '四小项目', reverify: '抽查复核' }
const CHECK_ITEMS = [['housing', '住房'], ['water', '饮水'], ['power', '用电'], ['tv', '广电'], ['education', '教育'], ['medical', '医疗']] as const

/** The records of a period, one row each, withdrawn ones marked — what the county office audits. */
export const reportsExporter = defineExporter({
  name: 'reports',
  summary: '期间内的全部记录（进度上报、户核查、任务完成），一条一行；户主姓名打码，不含证件号和手机号',
  options: { period: 'YYYY-MM 或 YYYY-Qn，默认本月', year: 'YYYY，整年（与 --period 二选一）' },
  build(deps, req) {
    const range = periodRange(req)
    const count = deps.recordExport.count(range.start, range.end)
    const tz = deps.config.TIMEZONE
    // Lazy: a year of a county's records streams from SQLite into the workbook without sitting in memory.
    const rows = function* (): Generator<Cell[]> {
      for (const r of deps.recordExport.rows(range.start, range.end)) {
        yield [
          r.id, KIND[r.kind] ?? r.kind, r.visitedOn, localDate(new Date(r.createdAt), tz), r.zone, r.township, r.village,
          r.kind === 'check' ? '一超六有核查' : r.taskCode ? `${r.taskCode} ${r.taskTitle ?? ''}`.trim() : r.item,
          r.kind === 'check' ? checkSummary(r) : r.kind === 'completion' ? '已完成' : r.input,
          r.ratio, r.amount, r.householdCode, r.headName === null ? null : maskName(r.headName), r.author,
          r.withdrawnAt === null ? '有效' : `已撤销（${localDate(new Date(r.withdrawnAt), tz)}）`, r.note === null ? null : scrub(r.note),
        ]
      }
    }
    return {
      label: `记录明细 ${range.label}（${count} 条）`,
      book: {
        sheets: [{
          name: '记录明细',
          columns: [
            col('记录编号', 9, 'int'), col('类型', 9), col('走访日期', 11, 'date'), col('录入日期', 11, 'date'), col('战区', 10), col('乡镇', 10),
            col('村', 10), col('事项', 24), col('进度/结果', 28), col('进度', 8, 'percent'), col('数量/金额', 11, 'decimal'),
            col('户编号', 18), col('户主', 8), col('录入人', 8), col('状态', 18), col('备注', 30),
          ],
          rows: { [Symbol.iterator]: rows },
        }],
      },
    }
  },
})

function periodRange(req: ExportRequest): { start: string; end: string; label: string } {
  if (req.period !== undefined && req.year !== undefined) throw new ExportError('--period 和 --year 只能写一个')
  if (req.year !== undefined) {
    if (!/^\d{4}$/.test(req.year)) throw new ExportError(`--year「${req.year}」应为四位年份，例如 2018`)
    return { start: `${req.year}-01-01`, end: `${req.year}-12-31`, label: `${req.year} 年` }
  }
  const p = parsePeriod(req.period ?? req.today.slice(0, 7))
  if (!p) throw new ExportError(`--period「${req.period}」应为 YYYY-MM（如 2018-05）或 YYYY-Qn（如 2018-Q2）`)
  return { start: p.start, end: p.end, label: p.id }
}

function checkSummary(r: ExportedRecord): string {
  const parts = r.income === null ? [] : [`收入 ${r.income}`]
  for (const [key, name] of CHECK_ITEMS) if (r[key] !== null) parts.push(`${name} ${r[key] === 1 ? '是' : '否'}`)
  return parts.join('；')
}

/** Notes are free text: a phone or ID number typed into one is masked like everywhere else. */
function scrub(note: string): string {
  return note.replace(/\d{15,17}[\dXx]|\d{7,}/g, (m) => (m.length >= 15 ? maskIdNumber(m) : maskPhone(m)))
}
