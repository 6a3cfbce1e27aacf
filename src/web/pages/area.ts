import type { VillageRow, TownshipRow } from '../../views/area'
import { taskTally, townshipTasks } from '../../views/area'
import { sumCounts } from '../../../db/repos/households'
import { householdShare, shareText, taskShare, villageShare } from '../../views/figures'
import { html, page, type Html } from '../html'
import { common, crumbsFor, rankingFor, type PageContext } from './context'
import { legend, stateChips, stats, taskTable, tileGrid, townshipHref, zoneHref } from './parts'
import { rankingSection } from './ranking'
import { spotSection } from './spot'

/** One line of figures for a zone or township heading (the `/战区 进度` card's row). */
function line(villages: VillageRow[], tasks: ReturnType<typeof townshipTasks>): Html {
  const t = taskTally(tasks)
  const h = sumCounts(villages.map((v) => v.counts))
  return html`<span class="line">村达标 ${shareText(villageShare(villages), '个')} · 户达标 ${shareText(householdShare(h), '户')} · 任务完成率 ${shareText(taskShare(tasks), '项')}${t.overdue ? html` · <b class="late">逾期 ${t.overdue} 项</b>` : ''}${t.red ? html` · <b class="red">红灯 ${t.red} 项</b>` : ''}</span>`
}

/** The county: its zones, each with every village as a small coloured square. */
export function countyPage(ctx: PageContext): string {
  const view = ctx.area({ kind: 'county' })
  const zones = ctx.deps.lookup.zones()
  const ranking = rankingFor(ctx)
  const body = html`${stats(view.villages, view.households, view.tasks)}
${legend()}
<div class="zones">${zones.map((z) => {
    const villages = view.villages.filter((v) => v.zoneId === z.id)
    const tasks = view.tasks.filter((t) => t.zoneId === z.id)
    return html`<section class="zone" data-zone="${z.id}">
<h2><a href="${zoneHref(z.id)}">${z.name}</a></h2>
${line(villages, tasks)}
${stateChips(villages)}
${tileGrid(villages, true)}
</section>`
  })}</div>
${spotSection(ctx, { kind: 'county' })}
${rankingSection(ranking)}`
  return page({ title: '全县作战图', body, chart: ranking.trend !== null, ...common(ctx) })
}

/** A zone: its townships, each with its villages as tiles. */
export function zonePage(ctx: PageContext, zone: { id: number; name: string }): string {
  const view = ctx.area({ kind: 'zone', zoneId: zone.id })
  const ranking = rankingFor(ctx)
  const body = html`${stats(view.villages, view.households, view.tasks)}
${stateChips(view.villages)}
${view.townships.map((t) => townshipSection(t))}
${spotSection(ctx, { kind: 'zone', zoneId: zone.id })}
${rankingSection(ranking)}`
  return page({ title: `${zone.name}作战图`, crumbs: ctx.session.remit.kind === 'county' ? crumbsFor(ctx) : [], body, chart: ranking.trend !== null, ...common(ctx) })
}

function townshipSection(t: TownshipRow): Html {
  return html`<section class="township" data-township="${t.code}">
<h2><a href="${townshipHref(t.code)}">${t.name}</a></h2>
${line(t.villages, townshipTasks(t))}
${tileGrid(t.villages)}
</section>`
}

/** A township: its villages as tiles and its own tasks (乡镇主体 and the like). */
export function townshipPage(ctx: PageContext, township: { code: string; name: string; zoneId: number; zoneName: string }): string {
  const view = ctx.area({ kind: 'township', code: township.code })
  const row = view.townships[0]
  const own = row?.ownTasks ?? view.tasks.filter((t) => t.villageCode === null)
  const body = html`${stats(view.villages, view.households, view.tasks)}
${stateChips(view.villages)}
<section class="township" data-township="${township.code}"><h2>各村</h2>${tileGrid(view.villages)}</section>
<section><h2>乡镇任务</h2>${taskTable(own)}</section>
${spotSection(ctx, { kind: 'township', code: township.code })}`
  return page({
    title: `${township.name}作战图`,
    crumbs: crumbsFor(ctx, { id: township.zoneId, name: township.zoneName }),
    body,
    ...common(ctx),
  })
}
