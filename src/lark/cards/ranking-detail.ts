import type { RankingRow, Snapshot, TaskTrace } from '../../scoring/types'
import { card, columns, escapeMd, hr, md, type Element } from './kit'
import { periodLabel, ROUNDING_NOTE, shownScores } from './ranking'
import { fixed } from '../../domain/score'

const MAX_TASKS = 10
const MAX_VILLAGES = 8
const fmt = (x: number | null) => (x === null ? '不计' : fixed(x))
const pc = (x: number) => `${Math.round(x * 100)}%`
const ICON: Record<string, string> = { 红: '🔴', 黄: '🟡', 绿: '🟢' }

/**
 * `/排名 <期间> <乡镇>`: a township's score component by component, with the records behind each — so a
 * township that disputes its score can see which report, task or village item decided it.
 */
export function townshipScoreCard(s: Snapshot, r: RankingRow): object {
  const ranked = s.rows.filter((x) => x.rank !== null).length
  const zoneRanked = s.rows.filter((x) => x.rank !== null && x.zoneId === r.zoneId).length
  const elements: Element[] = [
    columns([
      `**得分**\n${r.score === null ? '无可考核内容' : shownScores(s).township(r.score)}`,
      `**全县排名**\n${r.rank ? `第 ${r.rank} / ${ranked}` : '—'}`,
      `**${escapeMd(r.zoneName)}内**\n${r.zoneRank ? `第 ${r.zoneRank} / ${zoneRanked}` : '—'}`,
    ]),
    hr(),
    ...(s.head.kind === 'quarter' ? quarterParts(s, r) : monthParts(s, r)),
  ]
  return card({ title: `${r.townshipName} · ${periodLabel(s.head.period)} 考核得分`, subtitle: `数据截至 ${s.head.asOf}`, template: 'blue', elements })
}

function quarterParts(s: Snapshot, r: RankingRow): Element[] {
  const lines = (r.detail.months ?? []).map((m) =>
    `${periodLabel(m.month)}：${m.score === null || m.score === undefined ? '无可考核内容' : `${fixed(m.score)} 分`}（${m.source === 'published' ? '已发布的月度排名' : `按 ${m.asOf} 的记录计算`}）`)
  return [md(['**季度得分 = 各月得分的平均**', ...lines, '', `各月明细：/排名 ${s.head.months?.[0]?.month ?? 'YYYY-MM'} ${r.townshipName}`].join('\n'))]
}

function monthParts(s: Snapshot, r: RankingRow): Element[] {
  const w = s.head.weights
  const d = r.detail
  const c = d.counts
  const started = d.tasks.filter((t) => t.started)
  const notStarted = d.tasks.length - started.length
  const red = d.tasks.filter((t) => t.light === '红')
  const h = d.households
  const parts = [
    [`**任务进度 ${fmt(r.tasks)}**（满分 ${w.tasks}）：已开始 ${c.startedTasks} 项${d.shares.tasks === null ? '' : `，平均完成度 ${pc(d.shares.tasks)}`}${notStarted ? `；未开始 ${notStarted} 项不计` : ''}`,
      ...started.slice(0, MAX_TASKS).map(taskLine),
      ...(started.length > MAX_TASKS ? [`…还有 ${started.length - MAX_TASKS} 项（见 Excel 任务明细）`] : [])].join('\n'),
    [`**户达标 ${fmt(r.standing)}**（满分 ${w.households}）：当年脱贫和已脱贫户 ${h.eligible} 户，一超六有达标 ${h.meeting} 户`,
      ...h.byVillage.slice(0, MAX_VILLAGES).map((v) => `· ${escapeMd(v.name)} ${v.meeting}/${v.eligible}`)].join('\n'),
    [`**村达标 ${fmt(r.villages)}**（满分 ${w.villages}）：预脱贫村和已脱贫村 ${d.villages.length} 个，一低五有达标 ${d.villages.filter((v) => v.meets).length} 个`,
      ...d.villages.slice(0, MAX_VILLAGES).map((v) => `${v.meets ? '✅' : '❌'} ${escapeMd(v.name)}（${v.category}）${v.missing.length ? `缺：${v.missing.join('、')}` : ''}${sources(v.sources)}`)].join('\n'),
    `**数据时效 ${fmt(r.currency)}**（满分 ${w.currency}）：未完成任务 ${c.openTasks} 项，${w.currencyDays} 天内有上报 ${c.currentTasks} 项`,
    `**扣分 ${r.penalty}**：红灯任务 ${c.redTasks} 项${red.length ? `（${red.slice(0, 8).map((t) => t.code).join('、')}）` : ''}，每项 ${w.redPenalty} 分，最多 ${w.penaltyCap} 分`,
  ]
  const left = (['tasks', 'households', 'villages', 'currency'] as const).filter((k) => d.shares[k] === null)
  if (left.length && r.score !== null) parts.push(`不计的项目按比例放大其余各项（×${d.scale.toFixed(3)}）。`)
  parts.push(`<font color='grey'>${ROUNDING_NOTE}</font>`)
  return parts.map(md)
}

function taskLine(t: TaskTrace): string {
  const source = t.completionId ? `完成 #${t.completionId}` : t.reportId ? `上报 #${t.reportId}（${t.reportOn}）` : '尚无上报'
  const light = t.done ? '✅' : ICON[t.light ?? ''] ?? ''
  return `${light} ${escapeMd(t.code)} ${escapeMd(t.title)}${t.village ? `（${escapeMd(t.village)}）` : ''}：应 ${pc(t.expected)} 实际 ${pc(t.actual)} → ${pc(t.share ?? 0)}；${source}`
}

function sources(s: Record<string, string>): string {
  const list = Object.entries(s).map(([item, src]) => `${item} ${src}`)
  return list.length ? `\n　依据：${list.join('；')}` : ''
}
