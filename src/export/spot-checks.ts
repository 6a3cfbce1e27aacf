import type { Cell } from './book'
import { col } from './book'
import { defineExporter, ExportError } from './exporter'
import { assessmentDay } from '../scoring/month'
import { localStamp, monthStart, parsePeriod } from '../domain/dates'
import { SPOT_ITEMS } from '../domain/spot-compare'
import { maskName } from '../privacy/mask'
import { agreementShare, percentOf } from '../views/figures'
import { dayEndMs, dayStartMs, spotFigures, totalFigures } from '../views/spot-figures'
import { findings } from '../views/spot-findings'
import { statusesLabel } from '../views/spot-draw'
import { valueText } from '../views/spot-text'
import { followUpText } from '../lark/cards/spot-results'

const VERDICT = { agree: '一致', disagree: '不一致', unchecked: '工作队抽查前未核查' } as const

/** A card's markdown line as a cell's text: no bold marks, entities back to characters. */
const plain = (s: string) => s.replace(/\*\*/g, '').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))

/**
 * `admin export spotcheck [--period YYYY-MM]`: a month's spot checks — per township (the figures of the
 * monthly review and the map), every item of every household re-verified that month with the team's
 * value, the 复核's and the follow-up, and every draw with its seed, so each one can be traced. Names masked.
 */
export const spotCheckExporter = defineExporter({
  name: 'spotcheck',
  summary: '抽查复核：各乡镇的抽查次数、复核户数、一致率、待跟进的不一致；复核的每户每项对比与跟进；每次抽取（含随机种子）；户主姓名打码',
  options: { period: 'YYYY-MM，默认本月' },
  build(deps, req) {
    const p = parsePeriod(req.period ?? req.today.slice(0, 7))
    if (!p || p.kind !== 'month') throw new ExportError(`--period「${req.period}」应为月份 YYYY-MM（如 2018-06）`)
    if (p.start > req.today) throw new ExportError(`${p.id} 还没有开始（今天是 ${req.today}）`)
    const tz = deps.config.TIMEZONE
    const from = dayStartMs(monthStart(p.id), tz)
    const until = dayEndMs(assessmentDay(p.id, req.today), tz)
    const rows = spotFigures(deps, { kind: 'county' }, p.id, until)
    const total = totalFigures(rows, '合计')
    const figureRow = (r: typeof total): Cell[] => [r.code || null, r.name, r.draws, r.reverified, r.agreeing, r.reverified ? percentOf(agreementShare(r)) / 100 : null, r.open]
    const items: Cell[][] = []
    for (const f of findings(deps, { kind: 'county' }, until).filter((x) => x.reverifications.some((r) => r.createdAt >= from))) {
      const h = f.household
      for (const c of f.comparisons) {
        const by = f.source.get(c.item)!
        const d = f.disagreements.find((x) => x.item === c.item)
        items.push([
          h.drawId, h.householdCode, maskName(h.headName), h.villageName, h.townshipName, c.item, valueText(c.item, c.team), valueText(c.item, c.found),
          VERDICT[c.verdict], by.authorName, by.visitedOn, by.recordId, d ? plain(followUpText(d, tz)) : null,
        ])
      }
    }
    items.sort((a, b) => (a[0] as number) - (b[0] as number) || String(a[1]).localeCompare(String(b[1])) || SPOT_ITEMS.indexOf(a[5] as never) - SPOT_ITEMS.indexOf(b[5] as never))
    const draws = deps.spotDraws.list({ kind: 'county' }, until, 100_000).filter((d) => d.drawnAt >= from).reverse()
    return {
      label: `抽查复核 ${p.id}（抽查 ${draws.length} 次，复核 ${total.reverified} 户）`,
      book: {
        sheets: [
          {
            name: '乡镇汇总',
            columns: [col('乡镇代码', 12), col('乡镇', 12), col('抽查次数', 9, 'int'), col('复核户数', 9, 'int'), col('一致户数', 9, 'int'), col('一致率', 8, 'percent'), col('待跟进的不一致（项）', 16, 'int')],
            rows: [...rows.map(figureRow), figureRow(total)],
          },
          {
            name: '复核明细',
            columns: [
              col('抽查编号', 9, 'int'), col('户编号', 20), col('户主', 8), col('村', 12), col('乡镇', 10), col('项目', 6), col('工作队（抽查前）', 14),
              col('复核', 12), col('结论', 16), col('复核人', 8), col('复核日期', 11, 'date'), col('复核记录编号', 11, 'int'), col('跟进', 40),
            ],
            rows: items,
          },
          {
            name: '抽查记录',
            columns: [
              col('抽查编号', 9, 'int'), col('抽取时间', 17), col('抽查人', 8), col('范围', 16), col('对象', 14), col('可抽户数', 9, 'int'),
              col('抽取户数', 9, 'int'), col('已复核户数', 10, 'int'), col('随机种子', 12, 'int'), col('抽取方法', 40),
            ],
            rows: draws.map((d) => [d.id, localStamp(d.drawnAt, tz), d.drawerName, d.scopeLabel, statusesLabel(d.statuses), d.population, d.size, d.reverified, d.seed, d.method]),
          },
        ],
      },
    }
  },
})
