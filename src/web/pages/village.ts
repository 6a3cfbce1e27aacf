import type { VillageRef } from '../../../db/repos/lookup'
import { villageView } from '../../views/village'
import { FIVE_ITEMS } from '../../domain/standards'
import { householdShare, householdTotalText, incidenceText, registeredShare, shareText, taskShare } from '../../views/figures'
import { html, page } from '../html'
import { STATE_LABEL, tileState } from '../state'
import { common, crumbsFor, type PageContext } from './context'
import { taskTable, townshipHref } from './parts'

const MARK = (met: boolean | null) =>
  met === null ? html`<span class="mark unknown">未上报</span>` : met ? html`<span class="mark ok">达标</span>` : html`<span class="mark no">未达标</span>`

const KIND_LABEL: Record<string, string> = { report: '进度上报', check: '户核查', completion: '任务完成', sixiao: '四小项目', reverify: '抽查复核' }

/**
 * A record's photos as links, for a person's own session; a wall screen (shown to a room) shows that there
 * are photos, not the photos.
 */
function photoLinks(ctx: PageContext, ids: readonly number[]) {
  if (ids.length === 0) return ''
  if (ctx.session.kind === 'wall') return html`📷 ${ids.length}`
  return ids.map((id, i) => html`<a class="photo" href="/map/evidence/${id}" target="_blank" rel="noopener">📷${ids.length > 1 ? ` ${i + 1}` : ''}</a> `)
}

/**
 * A village: what `/村 进度` shows, from the same `villageView`, with the same figures and words.
 * Households appear only as counts and records only as dates and items: no names, ID numbers or phones.
 */
export function villagePage(ctx: PageContext, ref: VillageRef): string {
  const v = villageView(ctx.deps, ref, ctx.today)
  const { village, standard: s, households: h, team } = v
  const overdue = v.tasks.filter((t) => t.daysOverdue > 0).length
  const state = tileState({ standard: s, tasks: v.tasks })
  const body = html`<section class="village-head s-${state}" data-state="${state}">
  <p class="state">${STATE_LABEL[state]}</p>
  <div class="stats">
    <div class="stat"><b>类别</b><span class="num">${village.category}${village.plannedExitYear ? `（计划 ${village.plannedExitYear} 年）` : ''}</span></div>
    <div class="stat"><b>工作队</b><span class="num">${team.size} 人 / 应 ${team.required} 人</span></div>
    <div class="stat"><b>一低五有</b><span class="num">${s.meets ? '达标' : `差 ${s.missing.length} 项`}</span></div>
    <div class="stat"><b>户达标</b><span class="num" data-figure="households">${shareText(householdShare(h), '户')}</span></div>
  </div>
</section>
<section class="standard"><h2>一低五有</h2>
<table class="items"><tbody>
  <tr><th>贫困发生率</th><td>${MARK(s.lowIncidence)}</td><td data-figure="incidence">${incidenceText(s)}，须低于 3%</td></tr>
  ${FIVE_ITEMS.map((i) => html`<tr><th>${i}</th><td>${MARK(s.items[i])}</td><td>${v.itemSources[i]}</td></tr>`)}
</tbody></table></section>
<section class="households"><h2>户"一超六有"</h2>
<ul class="counts">
  <li>户达标（当年脱贫和已脱贫户）<b>${shareText(householdShare(h), '户')}</b></li>
  <li>建档立卡户达标 <b>${shareText(registeredShare(h), '户')}</b></li>
  <li>总户数 <b data-figure="total">${householdTotalText(village.households, h.total)}</b></li>
</ul></section>
<section class="village-tasks"><h2>任务 <small data-figure="tasks">任务完成率 ${shareText(taskShare(v.tasks), '项')}　逾期 ${overdue} 项</small></h2>
${taskTable(v.tasks)}</section>
<section class="recent"><h2>最近记录</h2>
${v.recent.length === 0 ? html`<p class="empty">暂无记录</p>` : html`<table class="records"><thead><tr><th>编号</th><th>日期</th><th>类型</th><th>内容</th><th>照片</th></tr></thead><tbody>
${v.recent.map((r) => html`<tr><td>#${r.id}</td><td>${r.visitedOn}</td><td>${KIND_LABEL[r.kind] ?? r.kind}</td><td>${r.kind === 'report' || r.kind === 'completion' ? r.summary : '—'}</td><td>${photoLinks(ctx, r.photos)}</td></tr>`)}
</tbody></table>`}</section>`
  return page({
    title: `${village.townshipName}${village.name}`,
    crumbs: [...crumbsFor(ctx, { id: village.zoneId, name: village.zoneName }), [village.townshipName, townshipHref(village.townshipCode)]],
    body,
    ...common(ctx),
  })
}
