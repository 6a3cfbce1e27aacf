import type { Deps } from '../deps'
import type { PlaceFilter } from '../../db/repos/facts'
import { col, type Book, type Cell } from './book'
import { defineExporter, ExportError } from './exporter'
import { sixiaoLines, sixiaoRollup, type SixiaoTotals } from '../views/sixiao'
import { SIXIAO_KINDS } from '../domain/sixiao-ledger'
import { maskName } from '../privacy/mask'

export interface SixiaoBook {
  book: Book
  year: number
  projects: number
  amount: number
}

/**
 * The "四小" ledger of a year as a workbook: sheet 1 one row per project not withdrawn, sheet 2 totals per
 * village, township and the whole. Amounts come from the same derivation as `/村 四小` (views/sixiao.ts),
 * so the two always agree. Names are masked: the file travels by email and USB sticks. ./render.ts does
 * the formatting (bold frozen header, widths, numbers as numbers, dates as date cells).
 */
export function sixiaoBook(deps: Pick<Deps, 'sixiao' | 'settings'>, year: number, filter: PlaceFilter = { kind: 'county' }): SixiaoBook {
  const lines = sixiaoLines(deps, filter, year)
  const rollup = sixiaoRollup(deps, filter, year, lines)
  const projectRows: Cell[][] = lines.map((l) => [
    l.householdCode, maskName(l.headName), l.villageName, l.townshipName,
    l.ruleStatus === l.status ? l.status : `${l.status}（按${l.ruleStatus}户）`, l.persons, l.kind,
    l.content, l.scale, l.park ? '是' : '否', l.visitedOn, l.rule, l.amount,
    [l.reason, l.ratesYear !== year ? `按 ${l.ratesYear} 年标准` : ''].filter(Boolean).join('；') || null, l.id,
  ])
  const total = (level: string, zone: string, township: string, village: string, t: SixiaoTotals): Cell[] => [
    level, zone, township, village, t.households, t.withProject, t.households - t.withProject, t.projects, t.paid, t.amount,
    ...SIXIAO_KINDS.map((k) => t.byKind[k]),
  ]
  const totalRows: Cell[][] = []
  for (const t of rollup.townships) {
    for (const v of rollup.villages.filter((x) => x.townshipCode === t.code)) totalRows.push(total('村', v.zoneName, v.townshipName, v.name, v))
    totalRows.push(total('乡镇', t.zoneName, t.name, '', t))
  }
  totalRows.push(total('合计', '', '', '', rollup.total))
  return {
    year, projects: lines.length, amount: rollup.total.amount,
    book: {
      sheets: [
        {
          name: '四小项目',
          columns: [
            col('户编号', 20), col('户主', 8), col('村', 12), col('乡镇', 10), col('项目日期时状态', 22), col('家庭人口', 9, 'int'),
            col('类别', 6), col('内容', 20), col('规模', 12), col('产业园', 7), col('项目日期', 12, 'date'), col('适用规则', 34),
            col('奖补金额（元）', 13, 'int'), col('说明', 30), col('记录编号', 9, 'int'),
          ],
          rows: projectRows,
        },
        {
          name: '汇总',
          columns: [
            col('层级', 8), col('战区', 10), col('乡镇', 10), col('村', 12), col('已录入户数', 10, 'int'), col('有项目户数', 11, 'int'),
            col('无项目户数', 11, 'int'), col('项目数', 8, 'int'), col('奖补项目数', 11, 'int'), col('奖补合计（元）', 14, 'int'),
            ...SIXIAO_KINDS.map((k) => col(k, 7, 'int')),
          ],
          rows: totalRows,
        },
      ],
    },
  }
}

/** `npm run admin -- export sixiao [--year YYYY] <out.xlsx>` (default: the current year). */
export const sixiaoExporter = defineExporter({
  name: 'sixiao',
  summary: '"四小"项目台账：每个项目一行（户、项目日期时状态、人口、规则、奖补），第二张表按村、乡镇汇总；户主姓名打码',
  options: { year: 'YYYY，默认本年' },
  build(deps, req) {
    if (req.year !== undefined && !/^\d{4}$/.test(req.year)) throw new ExportError(`--year「${req.year}」应为四位年份，例如 2018`)
    const year = Number(req.year ?? req.today.slice(0, 4))
    const r = sixiaoBook(deps, year)
    return { book: r.book, label: `"四小"项目台账 ${year} 年（${r.projects} 个项目，奖补合计 ${r.amount} 元）` }
  },
})
