import type { RankingRow, RowDetail, Snapshot, TaskTrace } from '../../domain/ranking'
import { card, columns, escapeMd, hr, md, type Element } from './kit'
import { periodLabel, ROUNDING_NOTE, shownScores } from './ranking'
import { fixed } from '../../domain/score'
import { pageFooter, pageOf } from './pages'

/** What the score card lists before pointing to the full list; a part's pages hold more. */
const CARD_TASKS = 10
const CARD_VILLAGES = 20
const PART_PAGE = 30
const fmt = (x: number | null) => (x === null ? '不计' : fixed(x))
const pc = (x: number) => `${Math.round(x * 100)}%`
const ICON: Record<string, string> = { 红: '🔴', 黄: '🟡', 绿: '🟢' }

/** The lists behind a township's score that can be read page by page: `/排名 <期间> <乡镇> 任务` and `… 村`. */
export type ScorePart = 'tasks' | 'villages'
/** Writes the command for a part's page (`/排名 2018-05 团结乡 任务 第 2 页`), or for the score card without a part. */
export type PartCommand = (part?: ScorePart, page?: number) => string

/**
 * `/排名 <期间> <乡镇>`: a township's score component by component, with the records behind each — so a
 * township that disputes its score can see which report, task or village item decided it. A list too long
 * for the card says how many it left out and the command that lists them all.
 */
export function townshipScoreCard(s: Snapshot, r: RankingRow, command: PartCommand): object {
  const ranked = s.rows.filter((x) => x.rank !== null).length
  const zoneRanked = s.rows.filter((x) => x.rank !== null && x.zoneId === r.zoneId).length
  const elements: Element[] = [
    columns([
      `**得分**\n${r.score === null ? '无可考核内容' : shownScores(s).township(r.score)}`,
      `**全县排名**\n${r.rank ? `第 ${r.rank} / ${ranked}` : '—'}`,
      `**${escapeMd(r.zoneName)}内**\n${r.zoneRank ? `第 ${r.zoneRank} / ${zoneRanked}` : '—'}`,
    ]),
    hr(),
    ...(s.head.kind === 'quarter' ? quarterParts(s, r) : monthParts(s, r, command)),
  ]
  return card({ title: `${r.townshipName} · ${periodLabel(s.head.period)} 考核得分`, subtitle: `数据截至 ${s.head.asOf}`, template: 'blue', elements })
}

/** One part of a township's monthly score, in full, a page at a time. */
export function scorePartCard(s: Snapshot, r: RankingRow, part: ScorePart, page: number, command: PartCommand): object {
  const lines = part === 'tasks' ? startedTasks(r.detail).map(taskLine) : villageLines(r.detail)
  const p = pageOf(lines, page, PART_PAGE)
  const what = part === 'tasks' ? `任务进度：已开始的任务 ${lines.length} 项` : `各村：${lines.length} 个村`
  const notes = [pageFooter(p, (n) => escapeMd(command(part, n))), `得分明细：${escapeMd(command())}`]
  return card({
    title: `${r.townshipName} · ${periodLabel(s.head.period)} 考核得分`,
    subtitle: `数据截至 ${s.head.asOf}`,
    template: 'blue',
    elements: [md(`**${what}**`), md(p.items.length ? p.items.join('\n') : '（无）'), md(`<font color='grey'>${notes.filter(Boolean).join('\n')}</font>`)],
  })
}

function quarterParts(s: Snapshot, r: RankingRow): Element[] {
  const lines = (r.detail.months ?? []).map((m) =>
    `${periodLabel(m.month)}：${m.score === null || m.score === undefined ? '无可考核内容' : `${fixed(m.score)} 分`}（${m.source === 'published' ? '已发布的月度排名' : `按 ${m.asOf} 的记录计算`}）`)
  return [md(['**季度得分 = 各月得分的平均**', ...lines, '', `各月明细：${escapeMd(`/排名 ${s.head.months?.[0]?.month ?? 'YYYY-MM'} ${r.townshipName}`)}`].join('\n'))]
}

const startedTasks = (d: RowDetail) => d.tasks.filter((t) => t.started)

function monthParts(s: Snapshot, r: RankingRow, command: PartCommand): Element[] {
  const w = s.head.weights
  const d = r.detail
  const c = d.counts
  const started = startedTasks(d)
  const notStarted = d.tasks.length - started.length
  const red = d.tasks.filter((t) => t.light === '红')
  const h = d.households
  const villages = villageLines(d)
  const more = (left: number, unit: string, part: ScorePart) => (left > 0 ? [`还有 ${left} ${unit}，发送 ${escapeMd(command(part))} 查看全部`] : [])
  const parts = [
    [`**任务进度 ${fmt(r.tasks)}**（满分 ${w.tasks}）：已开始 ${c.startedTasks} 项${d.shares.tasks === null ? '' : `，平均完成度 ${pc(d.shares.tasks)}`}${notStarted ? `；未开始 ${notStarted} 项不计` : ''}`,
      ...started.slice(0, CARD_TASKS).map(taskLine), ...more(started.length - CARD_TASKS, '项', 'tasks')].join('\n'),
    `**户达标 ${fmt(r.standing)}**（满分 ${w.households}）：当年脱贫和已脱贫户 ${h.eligible} 户，一超六有达标 ${h.meeting} 户`,
    `**村达标 ${fmt(r.villages)}**（满分 ${w.villages}）：预脱贫村和已脱贫村 ${d.villages.length} 个，一低五有达标 ${d.villages.filter((v) => v.meets).length} 个`,
    [`**各村**（✅ ❌：一低五有是否达标）`, ...villages.slice(0, CARD_VILLAGES), ...more(villages.length - CARD_VILLAGES, '个村', 'villages')].join('\n'),
    `**数据时效 ${fmt(r.currency)}**（满分 ${w.currency}）：未完成任务 ${c.openTasks} 项，${w.currencyDays} 天内有上报 ${c.currentTasks} 项`,
    ...(d.spotCheck ? [`**抽查一致率 ${fmt(r.spotCheck)}**（满分 ${w.spotCheck}）：本月复核 ${d.spotCheck.reverified} 户，各项都与工作队核查一致 ${d.spotCheck.agreeing} 户`] : []),
    `**扣分 ${r.penalty}**：红灯任务 ${c.redTasks} 项${red.length ? `（${red.map((t) => escapeMd(t.code)).join('、')}）` : ''}，每项 ${w.redPenalty} 分，最多 ${w.penaltyCap} 分`,
  ]
  // A weighed spot-check component with nothing re-verified that month is left out like the others.
  const leftOut = (['tasks', 'households', 'villages', 'currency'] as const).some((k) => d.shares[k] === null) || (d.spotCheck !== undefined && d.shares.spotCheck === null)
  if (leftOut && r.score !== null) parts.push(`不计的项目按比例放大其余各项（×${d.scale.toFixed(3)}）。`)
  parts.push(`<font color='grey'>${ROUNDING_NOTE}</font>`)
  return parts.map(md)
}

function taskLine(t: TaskTrace): string {
  const source = t.completionId ? `完成 #${t.completionId}` : t.reportId ? `上报 #${t.reportId}（${t.reportOn}）` : '尚无上报'
  const light = t.done ? '✅' : ICON[t.light ?? ''] ?? ''
  return `${light} ${escapeMd(t.code)} ${escapeMd(t.title)}${t.village ? `（${escapeMd(t.village)}）` : ''}：应 ${pc(t.expected)} 实际 ${pc(t.actual)} → ${pc(t.share ?? 0)}；${source}`
}

/**
 * One line per village the score measured: its 一低五有 (what is missing, and where each item's status came
 * from) when it is a 预脱贫村 or 已脱贫村, and its households meeting 一超六有 when it has any to count.
 */
function villageLines(d: RowDetail): string[] {
  const households = new Map(d.households.byVillage.map((v) => [v.code, v]))
  const lines = d.villages.map((v) => {
    const h = households.get(v.code)
    households.delete(v.code)
    return `${v.meets ? '✅' : '❌'} ${escapeMd(v.name)}（${v.category}）${h ? `　户达标 ${h.meeting}/${h.eligible}` : ''}` +
      `${v.missing.length ? `　缺：${v.missing.join('、')}` : ''}${sources(v.sources)}`
  })
  for (const h of households.values()) lines.push(`· ${escapeMd(h.name)}　户达标 ${h.meeting}/${h.eligible}`)
  return lines
}

function sources(s: Record<string, string>): string {
  const list = Object.entries(s).map(([item, src]) => `${item} ${src}`)
  // Report inputs are what people typed: text, never markdown.
  return list.length ? `\n　依据：${escapeMd(list.join('；'))}` : ''
}
