import type { PlaceFilter } from '../../../db/repos/facts'
import { dayEndMs, spotFigures, totalFigures } from '../../views/spot-figures'
import { agreementShare, shareText } from '../../views/figures'
import { html, type Html } from '../html'
import type { PageContext } from './context'

/**
 * This month's spot checks per township (docs/figures.md, 一致率): draws, households re-verified, 一致率 and
 * the disagreements still open — outcome data, no households or names.
 */
export function spotSection(ctx: PageContext, where: PlaceFilter): Html {
  const month = ctx.today.slice(0, 7)
  const rows = spotFigures(ctx.deps, where, month, dayEndMs(ctx.today, ctx.deps.config.TIMEZONE))
  const total = totalFigures(rows, '合计')
  const row = (r: typeof total, cls = '') => html`<tr class="${cls}"><th>${r.name}</th><td>${r.draws}</td><td>${r.reverified} 户</td><td>${shareText(agreementShare(r), '户')}</td><td class="${r.open > 0 ? 'late' : ''}">${r.open} 项</td></tr>`
  return html`<section class="spot" data-section="spot"><h2>抽查复核 <small>${month}，一致率 = 复核的户中各项都与工作队核查一致的户</small></h2>
${rows.length === 0 ? html`<p class="empty">本月没有抽查，也没有待跟进的不一致。</p>` : html`<table class="spot-table">
<thead><tr><th>乡镇</th><th>抽查次数</th><th>复核</th><th>一致率</th><th>待跟进的不一致</th></tr></thead>
<tbody>${rows.map((r) => row(r))}${rows.length > 1 ? row(total, 'total') : ''}</tbody></table>`}
</section>`
}
