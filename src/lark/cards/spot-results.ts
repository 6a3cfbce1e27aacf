import type { DrawRow } from '../../../db/repos/spot-draws'
import type { DrawView } from '../../views/spot-draw'
import type { Disagreement } from '../../views/spot-findings'
import type { SpotFigures } from '../../views/spot-figures'
import { statusesLabel } from '../../views/spot-draw'
import { disagreementText, valueText } from '../../views/spot-text'
import { agreementShare, shareText } from '../../views/figures'
import { localStamp } from '../../domain/dates'
import { maskName } from '../../privacy/mask'
import { card, escapeMd, hr, md, type Element } from './kit'
import { pageFooter, pageOf } from './pages'

/** Where a disagreement stands: open, corrected by the team's next check, or closed by an admin. */
export function followUpText(d: Disagreement, timeZone: string): string {
  if (d.closed === null) return '**待跟进**'
  if (d.closed.kind === 'check') return `已由工作队 #${d.closed.recordId} 重新核查为 ${valueText(d.item, d.closed.value)}（${localStamp(d.closed.at, timeZone)}）`
  return `已关闭：${escapeMd(d.closed.reason)}（${escapeMd(d.closed.by ?? '管理员')}，${localStamp(d.closed.at, timeZone)}）`
}

/** `/抽查 结果 <编号>`: re-verified of drawn, full agreement, and every disagreement with who found it and where it stands. */
export function spotResultCard(v: DrawView, o: { direct: boolean; timeZone: string }): object {
  const d = v.draw
  const found = [...v.findings.values()]
  const agreeing = found.filter((f) => f.agrees).length
  const uncheckedOnly = found.filter((f) => !f.agrees && f.disagreements.length === 0).length
  const elements: Element[] = [
    md([
      `${escapeMd(d.scopeLabel)} · ${statusesLabel(d.statuses)} · ${escapeMd(d.drawerName ?? '（未关联花名册）')} 抽取于 ${localStamp(d.drawnAt, o.timeZone)}`,
      `**已复核** ${found.length}/${d.size} 户　**一致率** ${shareText(agreementShare({ agreeing, reverified: found.length }), '户')}`,
      ...(uncheckedOnly ? [`另有 ${uncheckedOnly} 户只复核了工作队抽查前未核查的项，无从比较。`] : []),
    ].join('\n')),
  ]
  const withDisagreements = found.filter((f) => f.disagreements.length > 0)
  if (withDisagreements.length === 0) elements.push(md(found.length ? '没有不一致的项。👍' : '还没有复核。'))
  for (const f of withDisagreements) {
    const h = f.household
    elements.push(hr(), md([
      `**${escapeMd(h.householdCode)}**　${escapeMd(o.direct ? h.headName : maskName(h.headName))} · ${escapeMd(h.villageName)}`,
      ...f.disagreements.map((x) => `❌ ${disagreementText(x)}　${escapeMd(x.by ?? '')} ${x.visitedOn} 复核 #${x.recordId}　${followUpText(x, o.timeZone)}`),
    ].join('\n')))
  }
  const open = withDisagreements.reduce((n, f) => n + f.disagreements.filter((x) => x.closed === null).length, 0)
  elements.push(md(`<font color='grey'>待跟进的不一致：工作队重新 /户 核查 该户即关闭（以新核查为准），或管理员 /抽查 关闭 ${d.id} <户编号> <原因>。名单与表单：/抽查 名单 ${d.id}</font>`))
  return card({ title: `抽查 #${d.id} 复核结果`, subtitle: `${d.scopeLabel} · 待跟进 ${open} 项`, template: open > 0 ? 'orange' : 'green', elements })
}

/** One township's (or a total's) month: `抽查 2 次 · 复核 8 户 · 一致率 6/8 户（75%）· 待跟进 3 项`. */
export function figuresLine(f: SpotFigures): string {
  return `抽查 ${f.draws} 次 · 复核 ${f.reverified} 户 · 一致率 ${shareText(agreementShare(f), '户')} · 待跟进 ${f.open} 项`
}

/** `/抽查 结果` without a number: per township of the remit, the month's figures. */
export function spotSummaryCard(o: { title: string; subtitle: string; rows: SpotFigures[]; total: SpotFigures }): object {
  const elements: Element[] = o.rows.length === 0
    ? [md('本月没有抽查，也没有待跟进的不一致。')]
    : [md([`**合计** ${figuresLine(o.total)}`, ...o.rows.map((r) => `**${escapeMd(r.name)}** ${figuresLine(r)}`)].join('\n'))]
  elements.push(md(`<font color='grey'>一致率：复核的户中，复核的每一项都与工作队抽查前的核查一致的户。待跟进：尚未更正或关闭的不一致项（不限本月）。某次抽查的明细：/抽查 结果 <编号></font>`))
  return card({ title: o.title, subtitle: o.subtitle, template: o.total.open > 0 ? 'orange' : 'blue', elements })
}

/** `/抽查 记录`: every draw of the remit, newest first — number, who, when, where, how many, how many re-verified. */
export function spotRecordsCard(o: { title: string; draws: DrawRow[]; page: number; timeZone: string; command: (page: number) => string }): object {
  const p = pageOf(o.draws, o.page, 30)
  const lines = p.items.map((d) =>
    `#${d.id}　${localStamp(d.drawnAt, o.timeZone)}　${escapeMd(d.drawerName ?? '（未关联花名册）')}　${escapeMd(d.scopeLabel)}（${statusesLabel(d.statuses)}）抽 ${d.size}/${d.population} 户，已复核 ${d.reverified} 户`)
  const footer = pageFooter(p, o.command)
  const elements: Element[] = [md(lines.length ? lines.join('\n') : '还没有抽查。')]
  elements.push(md(`<font color='grey'>${[footer, '每次抽取都永久记录，不能更改或删除。名单：/抽查 名单 <编号>　结果：/抽查 结果 <编号>'].filter(Boolean).join('\n')}</font>`))
  return card({ title: o.title, template: 'violet', elements })
}
