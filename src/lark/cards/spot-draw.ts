import type { DrawView } from '../../views/spot-draw'
import type { Finding } from '../../views/spot-findings'
import { statusesLabel, teamSaid } from '../../views/spot-draw'
import { localStamp } from '../../domain/dates'
import { maskName } from '../../privacy/mask'
import { card, escapeMd, hr, md, type Element } from './kit'
import { checkForm } from './check-form'
import { drawnRef } from './refs'
import { pageFooter, pageOf } from './pages'

/** Households per page: each carries a form, and a page must stay under 30 KB with the longest names. */
export const DRAW_PAGE_SIZE = 6

/** `已复核 2 次：一致` or `不一致 2 项`, for a household's line. */
function reverifiedLabel(f: Finding | undefined): string {
  if (!f) return '**未复核**'
  const n = f.disagreements.length
  const label = f.agrees ? '✅ 一致' : n > 0 ? `❌ 不一致 ${n} 项（${f.disagreements.map((d) => d.item).join('、')}）` : '⚪ 工作队未核查的项无从比较'
  return `已复核 #${f.reverifications.at(-1)!.recordId}：${label}`
}

export interface SpotDrawCardOptions {
  direct: boolean
  today: string
  page: number
  timeZone: string
  lines: Readonly<Record<number, number>>
  /** spotCheck.overrides: a 复核 also counts as the household's check. */
  overrides: boolean
}

/**
 * A spot-check draw (/抽查, /抽查 名单): who drew what, from how many, with which seed; then each household
 * — 户编号, head (masked unless `direct`), village, what the team's checks said before the draw, whether it
 * has been re-verified — each with a 复核 form. A page at a time (DRAW_PAGE_SIZE).
 */
export function spotDrawCard(v: DrawView, o: SpotDrawCardOptions): object {
  const d = v.draw
  const p = pageOf(v.households, o.page, DRAW_PAGE_SIZE)
  const elements: Element[] = [
    md([
      `**抽查 #${d.id}**　${escapeMd(d.scopeLabel)} · ${statusesLabel(d.statuses)}`,
      `${escapeMd(d.drawerName ?? '（未关联花名册）')} 于 ${localStamp(d.drawnAt, o.timeZone)} 从 ${d.population} 户中随机抽取 ${d.size} 户（随机种子 ${d.seed}）`,
      `已复核 ${v.findings.size}/${d.size} 户。复核：填写每户下面的表单，或发送 /复核 <户编号> 收入=… 住房=是/否 …`,
    ].join('\n')),
  ]
  for (const h of p.items) {
    const name = o.direct ? h.headName : maskName(h.headName)
    elements.push(hr(), md([
      `**${h.position}. ${escapeMd(h.householdCode)}**　${escapeMd(name)} · ${escapeMd(h.townshipName)}${escapeMd(h.villageName)}`,
      `${teamSaid(h, o.lines)}　${reverifiedLabel(v.findings.get(h.householdCode))}`,
    ].join('\n')))
    elements.push(checkForm({
      name: `reverify_${h.position}`, heading: `复核 ${escapeMd(h.householdCode)}（只填核查过的项）`, submit: '提交复核', today: o.today, remark: true,
      value: { action: 'reverify', ref: drawnRef(d.id, h.householdCode) },
    }))
  }
  const footer = pageFooter(p, (n) => `/抽查 名单 ${d.id} 第 ${n} 页`)
  elements.push(md(`<font color='grey'>${[footer, `复核结果：/抽查 结果 ${d.id}`, `不能复核本村的户；${o.overrides ? '复核同时计为该户的核查。' : '复核不改变该户的达标状态。'}`].filter(Boolean).join('\n')}</font>`))
  return card({ title: `抽查 #${d.id} · ${d.scopeLabel}`, subtitle: `${d.size} 户 · ${localStamp(d.drawnAt, o.timeZone)}`, template: 'violet', elements })
}
