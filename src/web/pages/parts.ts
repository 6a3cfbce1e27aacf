import type { VillageRow } from '../../views/area'
import type { TaskView } from '../../views/tasks'
import type { HouseholdCounts } from '../../../db/repos/households'
import { taskTally } from '../../views/area'
import { householdShare, registeredShare, shareText, taskShare, villageShare } from '../../views/figures'
import { html, type Html } from '../html'
import { STATE_LABEL, STATES, stateCounts, tileFigures, tileState, type TileState } from '../state'

export const zoneHref = (id: number) => `/map/zone/${id}`
export const townshipHref = (code: string) => `/map/township/${encodeURIComponent(code)}`
export const villageHref = (code: string) => `/map/village/${encodeURIComponent(code)}`

/** The headline figures of a place, in the same words and numbers as the `/战区 进度` card (docs/figures.md). */
export function stats(villages: VillageRow[], h: HouseholdCounts, tasks: TaskView[]): Html {
  const t = taskTally(tasks)
  return html`<div class="stats">
  <div class="stat"><b>村达标</b><span class="num">${shareText(villageShare(villages), '个')}</span></div>
  <div class="stat"><b>户达标</b><span class="num">${shareText(householdShare(h), '户')}</span></div>
  <div class="stat"><b>任务完成率</b><span class="num">${shareText(taskShare(tasks), '项')}，逾期 ${t.overdue} 项</span></div>
  <div class="stat"><b>建档立卡户达标</b><span class="num">${shareText(registeredShare(h), '户')}</span></div>
  <div class="stat${t.red > 0 ? ' alert' : ''}"><b>红灯任务</b><span class="num">${t.red} 项</span></div>
</div>`
}

/** How many villages are in each colour, as a row of chips (also the legend). */
export function stateChips(villages: VillageRow[]): Html {
  const counts = stateCounts(villages)
  return html`<ul class="chips">${STATES.map((s) => html`<li class="chip s-${s}">${STATE_LABEL[s]} <b>${counts[s]}</b></li>`)}</ul>`
}

export const legend = (): Html =>
  html`<ul class="chips legend">${STATES.map((s) => html`<li class="chip s-${s}">${STATE_LABEL[s]}</li>`)}</ul>`

/** A village tile: colour by state; category, 户达标 and overdue count written out. */
export function villageTile(v: VillageRow): Html {
  const state: TileState = tileState(v)
  const f = tileFigures(v)
  return html`<a class="tile s-${state}" data-state="${state}" data-village="${v.code}" href="${villageHref(v.code)}" title="${v.name}：${STATE_LABEL[state]}">
  <span class="name">${v.name}</span>
  <span class="cat">${v.category}</span>
  <span class="fig">户达标 ${f.householdShare}</span>
  <span class="fig${f.overdue > 0 ? ' late' : ''}">逾期 ${f.overdue} 项</span>
</a>`
}

/** A small square per village, for the county overview where hundreds must fit on one screen. */
export function miniTile(v: VillageRow): Html {
  const state = tileState(v)
  const f = tileFigures(v)
  return html`<a class="mini s-${state}" data-state="${state}" data-village="${v.code}" href="${villageHref(v.code)}" title="${v.name}（${v.category}）${STATE_LABEL[state]}，户达标 ${f.householdShare}，逾期 ${f.overdue} 项">${v.name.slice(0, 3)}</a>`
}

export const tileGrid = (villages: VillageRow[], mini = false): Html =>
  villages.length === 0
    ? html`<p class="empty">暂无村</p>`
    : html`<div class="${mini ? 'minis' : 'tiles'}">${villages.map((v) => (mini ? miniTile(v) : villageTile(v)))}</div>`

const LIGHT_CLASS: Record<string, string> = { 红: 'red', 黄: 'yellow', 绿: 'green' }

function lightOf(t: TaskView): { cls: string; label: string } {
  if (t.done) return { cls: 'done', label: '已完成' }
  if (!t.started) return { cls: 'none', label: '未开始' }
  return { cls: LIGHT_CLASS[t.light ?? '绿'] ?? 'green', label: `${t.light ?? '绿'}灯` }
}

const percent = (r: number) => Math.round(Math.max(0, Math.min(1, r)) * 100)

/** Tasks with their light and a progress bar (`<progress>`: no inline style, so the CSP holds). */
export function taskTable(tasks: TaskView[]): Html {
  if (tasks.length === 0) return html`<p class="empty">暂无任务</p>`
  return html`<table class="tasks">
<thead><tr><th>灯</th><th>编号</th><th>事项</th><th>进度</th><th>截止</th><th>逾期</th></tr></thead>
<tbody>${tasks.map((t) => {
    const l = lightOf(t)
    return html`<tr class="task l-${l.cls}" data-task="${t.code}">
  <td><span class="light l-${l.cls}" title="${l.label}">${l.label}</span></td>
  <td>${t.code}</td>
  <td>${t.title}<small>${t.category}${t.unit ? html` · ${t.unit}` : ''}</small></td>
  <td class="progress"><progress max="100" value="${percent(t.actual)}">${percent(t.actual)}%</progress> <span>${percent(t.actual)}%</span><small>应达 ${percent(t.expected)}%</small></td>
  <td>${t.dueDate}</td>
  <td class="${t.daysOverdue > 0 ? 'late' : ''}">${t.daysOverdue > 0 ? `${t.daysOverdue} 天` : '—'}</td>
</tr>`
  })}</tbody></table>`
}
