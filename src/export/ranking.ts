import { safeFileName } from './file-name'
import type { Snapshot, RankingRow } from '../domain/ranking'
import type { Book, Cell, Sheet } from './book'
import { col } from './book'
import { defineExporter, ExportError } from './exporter'
import { DEFAULT_TIME_ZONE, localDate, localStamp } from '../domain/dates'
import { scoreFormat } from '../domain/score'

/**
 * Scores are written unrounded (a sum in Excel matches the rank) and shown with 2 decimals, or 3 when two
 * would read the same with different ranks — as the cards do (docs/figures.md).
 */
const scoreKind = (rows: ReadonlyArray<{ score: number | null; rank: number | null }>) => {
  const shown = scoreFormat(rows)
  return rows.some((r) => r.score !== null && shown(r.score).split('.')[1]!.length > 2) ? 'decimal3' as const : 'decimal' as const
}

/**
 * The published ranking as a workbook: townships, zones, the tasks behind each township's score and a
 * sheet explaining the formula. The same builder makes the file the ranking broadcast attaches, so the
 * county office gets exactly what `admin export ranking` writes. `zoneId` cuts it to one zone's remit.
 */
export function rankingBook(s: Snapshot, o: { zoneId?: number; timeZone?: string } = {}): Book {
  const rows = o.zoneId === undefined ? s.rows : s.rows.filter((r) => r.zoneId === o.zoneId)
  const zones = o.zoneId === undefined ? s.zones : s.zones.filter((z) => z.zoneId === o.zoneId)
  const sheets: Sheet[] = [
    s.head.kind === 'month' ? monthSheet(s, rows) : quarterSheet(s, rows),
    {
      name: '战区排名',
      columns: [col('排名', 6, 'int'), col('战区', 14), col('得分', 8, scoreKind(s.zones)), col('参评乡镇', 9, 'int'), col('总户数', 10, 'int')],
      rows: zones.map((z) => [z.rank, z.zoneName, z.score, z.townships, z.households]),
    },
  ]
  if (s.head.kind === 'month') sheets.push(taskSheet(rows))
  sheets.push(aboutSheet(s, o.timeZone ?? DEFAULT_TIME_ZONE))
  return { sheets }
}

export function rankingFileName(s: Snapshot, zoneName?: string): string {
  return safeFileName(`考核排名-${s.head.period}${zoneName ? `-${zoneName}` : ''}`, '.xlsx')
}

function monthSheet(s: Snapshot, rows: RankingRow[]): Sheet {
  const w = s.head.weights
  // Rankings published before spot checks, or without their weight, have no such column.
  const spot = (w.spotCheck ?? 0) > 0
  return {
    name: '乡镇排名',
    columns: [
      col('全县排名', 8, 'int'), col('乡镇代码', 12), col('乡镇', 10), col('战区', 12), col('战区内排名', 10, 'int'), col('得分', 8, scoreKind(s.rows)),
      col(`任务进度(${w.tasks})`, 9, 'decimal'), col(`户达标(${w.households})`, 10, 'decimal'), col(`村达标(${w.villages})`, 10, 'decimal'),
      col(`数据时效(${w.currency})`, 11, 'decimal'), ...(spot ? [col(`抽查一致率(${w.spotCheck})`, 12, 'decimal')] : []),
      col('扣分', 6, 'decimal'), col('已开始任务', 10, 'int'), col('红灯任务', 8, 'int'),
      col('应达标户', 9, 'int'), col('达标户', 8, 'int'), col('应达标村', 9, 'int'), col('达标村', 8, 'int'), col('总户数', 9, 'int'),
    ],
    rows: rows.map((r): Cell[] => [
      r.rank, r.townshipCode, r.townshipName, r.zoneName, r.zoneRank, r.score, r.tasks, r.standing, r.villages, r.currency,
      ...(spot ? [r.spotCheck] : []), r.score === null ? null : r.penalty, r.detail.counts.startedTasks, r.detail.counts.redTasks,
      r.detail.households.eligible, r.detail.households.meeting, r.detail.villages.length, r.detail.villages.filter((v) => v.meets).length, r.households,
    ]),
  }
}

function quarterSheet(s: Snapshot, rows: RankingRow[]): Sheet {
  const months = s.head.months ?? []
  return {
    name: '乡镇排名',
    columns: [
      col('全县排名', 8, 'int'), col('乡镇代码', 12), col('乡镇', 10), col('战区', 12), col('战区内排名', 10, 'int'), col('季度得分', 9, scoreKind(s.rows)),
      ...months.map((m) => col(`${m.month} 得分`, 11, 'decimal')), col('总户数', 9, 'int'),
    ],
    rows: rows.map((r): Cell[] => [
      r.rank, r.townshipCode, r.townshipName, r.zoneName, r.zoneRank, r.score,
      ...months.map((m) => r.detail.months?.find((x) => x.month === m.month)?.score ?? null), r.households,
    ]),
  }
}

function taskSheet(rows: RankingRow[]): Sheet {
  return {
    name: '任务明细',
    columns: [
      col('乡镇', 10), col('任务编号', 12), col('事项', 20), col('村', 10), col('开始日期', 11, 'date'), col('截止日期', 11, 'date'),
      col('已开始', 7), col('应完成', 8, 'percent'), col('实际', 8, 'percent'), col('完成度', 8, 'percent'), col('灯', 5),
      col('最新上报记录', 12, 'int'), col('上报日期', 11, 'date'), col('完成记录', 10, 'int'), col('30天内有上报', 12),
    ],
    rows: rows.flatMap((r) => r.detail.tasks.map((t): Cell[] => [
      r.townshipName, t.code, t.title, t.village, t.start, t.due, t.started ? '是' : '否', t.expected, t.actual, t.share,
      t.done ? '完成' : t.light, t.reportId, t.reportOn, t.completionId, t.current === null ? '' : t.current ? '是' : '否',
    ])),
  }
}

function aboutSheet(s: Snapshot, timeZone: string): Sheet {
  const w = s.head.weights
  const lines: Array<[string, string]> = [
    ['期间', s.head.period],
    ['数据截至', s.head.asOf],
    ['发布时间', localStamp(s.head.publishedAt, timeZone)],
    ['权重', `任务 ${w.tasks}，户达标 ${w.households}，村达标 ${w.villages}，数据时效 ${w.currency}${(w.spotCheck ?? 0) > 0 ? `，抽查一致率 ${w.spotCheck}` : ''}；每个红灯任务扣 ${w.redPenalty} 分，最多扣 ${w.penaltyCap} 分`],
    ['任务进度', '本乡镇及所辖村已开始的任务：按开始到截止线性计算月末应完成进度（过截止日为 100%），取 min(1, 实际÷应完成) 的平均'],
    ['户达标', '当年脱贫户和已脱贫户中，截至月末最新核查一超六有全部达标的比例'],
    ['村达标', '预脱贫村和已脱贫村中，一低五有全部达标的比例'],
    ['数据时效', `未完成的任务中，最新进度上报不超过 ${w.currencyDays} 天的比例`],
    ['缺项', '某项没有可考核的内容时不计，其余各项按比例放大到 100 分；得分不低于 0'],
    ['取整', '各项和得分都不取整：得分 = 各项之和 − 扣分，按它排名（相等才并列）；表中显示两位小数，两个显示相同而名次不同时显示三位'],
    ['季度', '季度得分 = 该季度各月得分的平均（已发布的月份取发布时的得分）'],
    ['战区', '战区得分 = 所辖乡镇得分按各乡镇总户数加权平均'],
    ['冻结', '排名发布后不再改变；之后补录或撤销的记录不影响已发布的排名'],
  ]
  return { name: '说明', columns: [col('项目', 10), col('说明', 90)], rows: lines }
}

export const rankingExporter = defineExporter({
  name: 'ranking',
  summary: '已发布的考核排名（乡镇、战区、任务明细）',
  options: { period: 'YYYY-MM 或 YYYY-Qn，默认最近一次发布' },
  build(deps, req) {
    const rankings = deps.rankings
    const published = rankings.periods()
    const period = req.period ?? published[0]?.period
    const list = published.map((p) => p.period).join('、')
    if (!period) throw new ExportError('还没有发布过排名。先运行：npm run admin -- run ranking --period YYYY-MM')
    const snapshot = rankings.snapshot(period)
    if (!snapshot) throw new ExportError(`${period} 的排名还没有发布。已发布：${list}`)
    return { book: rankingBook(snapshot, { timeZone: deps.config.TIMEZONE }), label: `考核排名 ${period}（${snapshot.rows.length} 个乡镇，截至 ${snapshot.head.asOf}，发布于 ${localDate(new Date(snapshot.head.publishedAt), deps.config.TIMEZONE)}）` }
  },
})
