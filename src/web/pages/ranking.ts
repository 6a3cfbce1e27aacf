import type { RankingData, RankRow, Trend } from '../ranking-data'
import { html, jsonBlock, type Html } from '../html'
import { fixed } from '../../domain/score'

export const NO_RANKING = '暂无已发布的排名'

const score = (s: number | null) => (s === null ? '—' : fixed(s))

function table(caption: string, unit: string, rows: RankRow[]): Html {
  if (rows.length === 0) return html``
  return html`<table class="rank"><caption>${caption}</caption>
<thead><tr><th>名次</th><th>${unit}</th><th>得分</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><td>${r.rank ?? '—'}</td><td>${r.name}</td><td class="n">${r.shown}</td></tr>`)}</tbody></table>`
}

/** The trend as a table too: what prints, and what a screen reader or a browser without scripts gets. */
function trendTable(t: Trend): Html {
  return html`<table class="trend-table"><thead><tr><th>月份</th>${t.series.map((s) => html`<th>${s.name}</th>`)}</tr></thead>
<tbody>${t.months.map((m, i) => html`<tr><td>${m}</td>${t.series.map((s) => html`<td class="n">${score(s.scores[i] ?? null)}</td>`)}</tr>`)}</tbody></table>`
}

/** The latest published ranking and the zones' monthly scores, already cut to the viewer's remit. */
export function rankingSection(data: RankingData): Html {
  const { latest, trend } = data
  if (!latest && !trend) return html`<section class="ranking" id="ranking"><h2>排名</h2><p class="empty">${NO_RANKING}</p></section>`
  return html`<section class="ranking" id="ranking">
<h2>排名${latest ? html` <small>${latest.period}</small>` : ''}</h2>
${latest ? html`<div class="rank-tables">${table('战区（全县名次）', '战区', latest.zones)}${table(latest.townshipRank === 'county' ? '乡镇（全县名次）' : '乡镇（战区内名次）', '乡镇', latest.townships)}</div>` : html`<p class="empty">${NO_RANKING}</p>`}
${trend ? html`<h3>月度得分走势</h3>
<div class="chart"><canvas id="trend-chart" role="img" aria-label="各战区月度得分走势"></canvas></div>
${jsonBlock('trend-data', trend)}
${trendTable(trend)}` : ''}
</section>`
}
