import type { CommandContext } from './define'
import type { CardAction, CardActionContext } from '../src/card-actions'
import { formText } from '../src/card-actions'
import { today, villageFor } from './common'
import { NOT_ROSTERED } from './rights'
import { duplicateText, recordedWhat, recordReport, reportExample, type ReportPlace } from './report'
import { FIVE_ITEMS } from '../src/domain/standards'
import { can } from '../src/permissions'
import { villageScope } from '../src/registry/resolve'
import type { VillageRef } from '../db/repos/lookup'
import { reportChoices } from '../src/views/report-choices'
import { reportFormCard, villagePickCard } from '../src/lark/cards/report-form'
import { reportTargetOf, villageCodeOf, villageRef } from '../src/lark/cards/refs'
import { cardReply } from '../src/lark/cards/kit'
import { progressLine } from '../src/views/report'
import { normalizeText, words } from '../src/text'
import { text, UserError, type Reply } from '../src/reply'

type Ctx = Pick<CommandContext, 'me' | 'now' | 'deps'>

/** A village as the place of a report (/村 上报 and its form). */
export function villagePlace(ctx: Pick<CommandContext, 'deps'>, village: VillageRef): ReportPlace {
  return {
    townshipCode: village.townshipCode, villageCode: village.code, name: village.name, ref: `${village.townshipName}${village.name}`,
    tasks: ctx.deps.facts.taskNames({ kind: 'village', code: village.code }), items: FIVE_ITEMS,
    standard: '一低五有', progressCommand: `/村 进度 ${village.name}`,
  }
}

/** The report form for a village, opened on `focus` (a task code) when given. */
export function reportForm(ctx: Ctx, village: VillageRef, focus: string | null = null): object {
  const day = today(ctx)
  const place = villagePlace(ctx, village)
  const choices = reportChoices(ctx.deps, village, day)
  const open = place.tasks.filter((t) => choices.some((c) => c.taskCode === t.code))
  return reportFormCard({
    villageRef: villageRef(village.code), title: `${place.ref} · 上报`, choices, today: day, focus,
    lines: [
      '选择事项、填写进度后提交。进度的写法与命令相同：12/15、80%、完成，集体经济也可写 3.2万元。',
      `也可以直接发送命令，例如：${reportExample(place, open, '/村 上报')}`,
    ],
  })
}

/** Most villages a choice lists; past this (a county-wide remit) the person names the village. */
export const MAX_VILLAGE_CHOICES = 100

/**
 * `/村 上报` with nothing after it, and the menu's 上报: a team member's own village's form; for those who
 * report for several villages, a choice of village first (or how to name it, when there are too many).
 */
export function reportFormReply(ctx: Ctx): Reply {
  if (ctx.me.villageCode) return cardReply(reportForm(ctx, villageFor(ctx, undefined, 'write')))
  const villages = ctx.deps.registryCache.villagesOf({ kind: 'county' }).filter((v) => can(ctx.me, 'write', villageScope(v)))
  if (villages.length === 0) throw new UserError('您的范围内没有可以上报的村。')
  if (villages.length > MAX_VILLAGE_CHOICES) {
    return text(`您可以为 ${villages.length} 个村上报，请写上村名：/村 上报 <村名>，例如 /村 上报 ${villages[0]!.townshipName}${villages[0]!.name}。`)
  }
  return cardReply(villagePickCard(villages.map((v) => ({ ref: villageRef(v.code), label: `${v.townshipName}${v.name}` }))))
}

/** The village a card's value or form names, after checking the operator may report for it. */
function villageOf(ctx: CardActionContext, ref: unknown): VillageRef {
  if (ctx.me.role === null) throw new UserError(NOT_ROSTERED)
  const code = villageCodeOf(ref)
  if (!code) throw new UserError('这张卡片已不能操作，请重新发送 /村 上报。')
  return villageFor(ctx, code, 'write')
}

/** The village chosen on the pick card: the form for it replaces the card. */
export const reportPickAction: CardAction = {
  name: 'report-pick-village',
  run: (ctx) => {
    if (formText(ctx.form, 'village', '村') === '') throw new UserError('请先选择村。')
    const village = villageOf(ctx, ctx.form.village)
    return { card: { type: 'raw', data: reportForm(ctx, village) } }
  },
}

/** A reminder's 上报 button: the report form on that task replaces the reminder card. */
export const reportOpenAction: CardAction = {
  name: 'report-open',
  run: (ctx) => {
    const target = reportTargetOf(ctx.value.ref)
    const task = target?.kind === 'task' ? ctx.deps.facts.task(target.word) : undefined
    if (!task?.villageCode) throw new UserError('这张卡片已不能操作，请发送 /村 上报。')
    const village = villageOf(ctx, villageRef(task.villageCode))
    return { card: { type: 'raw', data: reportForm(ctx, village, task.code) } }
  },
}

/**
 * The form's submit: the same reading, checks and write as the typed `/村 上报` (commands/report.ts), the
 * answer a toast and the form refreshed with the new progress. A refusal stores nothing.
 */
export const villageReportAction: CardAction = {
  name: 'village-report',
  run: (ctx) => {
    const village = villageOf(ctx, ctx.value.ref)
    const target = reportTargetOf(formText(ctx.form, 'target', '事项'))
    if (!target) throw new UserError('请先选择要上报的事项。')
    const figure = normalizeText(formText(ctx.form, 'progress', '进度'))
    if (!figure) throw new UserError('请填写进度，如 12/15、80%、完成。')
    // The date picker answers `2026-12-01 +0800`: the day is the part before the space.
    const date = formText(ctx.form, 'date', '走访日期').split(' ')[0] || undefined
    const remark = formText(ctx.form, 'note', '备注') || undefined
    const place = villagePlace(ctx, village)
    if (target.kind === 'item' ? !place.items.includes(target.word) : !place.tasks.some((t) => t.code === target.word)) {
      throw new UserError('所选事项不是这个村的，请在卡片上重新选择。')
    }
    const r = recordReport({ ...ctx, named: { 日期: date, 备注: remark } }, place, target.word, words(figure))
    const toast = r.duplicate
      ? { type: 'info' as const, content: duplicateText(r.id) }
      : { type: 'success' as const, content: `已记录 #${r.id}：${recordedWhat(r, place)} ${progressLine(r.reading, r.task)}` }
    return { toast, card: { type: 'raw', data: reportForm(ctx, village, r.task?.code ?? null) } }
  },
}
