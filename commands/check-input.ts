import { date, remark, value } from './args'
import type { CommandContext } from './define'
import type { CardActionContext } from '../src/card-actions'
import type { CheckItems } from '../db/repos/records'
import { note, visitDate } from './common'
import { parseIncome, SIX_COLUMNS, type CheckInput } from '../src/views/household'
import { parseYesNo, SIX_ITEMS } from '../src/domain/standards'
import { formText } from '../src/card-actions'
import { UserError } from '../src/reply'

/** The `项=值` words of a household check, shared by /户 核查 and /复核 (docs/input.md, "Household checks"). */
export const CHECK_KEYS = {
  收入: value('元/人·年'), 住房: value('是/否'), 饮水: value(), 用电: value(), 广电: value(), 教育: value(), 医疗: value(),
  日期: date('…'), 备注: remark().optional(),
}
export type CheckNamed = Partial<Record<keyof typeof CHECK_KEYS, string>>

/** True when the words record something (any item, a date or a remark), false when they only ask. */
export const recordsSomething = (named: CheckNamed) => Object.values(named).some((v) => v !== undefined)

/**
 * A household check as typed: every item read, or a refusal naming the one that could not be — never a
 * partial check. At least one item (收入 or one of 六有) must be given.
 */
export function checkFromWords(ctx: Pick<CommandContext, 'now' | 'deps'>, named: CheckNamed, remark: string[]): CheckInput {
  const items: CheckItems = {}
  for (const item of SIX_ITEMS) {
    const raw = named[item]
    if (raw === undefined) continue
    const v = parseYesNo(raw)
    if (v === null) throw new UserError(`${item}=「${raw}」看不懂，请写 是/否（也可用 达标/不达标、√/×、有/无）。`)
    items[SIX_COLUMNS[item]] = v
  }
  return something({
    income: named.收入 === undefined ? null : parseIncome(named.收入),
    items,
    visitedOn: visitDate(ctx, named.日期),
    note: note(remark, named.备注),
  })
}

/** The same from the check form on a card (src/lark/cards/check-form.ts). */
export function checkFromForm(ctx: Pick<CardActionContext, 'now' | 'deps' | 'form'>): CheckInput {
  const items: CheckItems = {}
  SIX_ITEMS.forEach((item, i) => {
    const raw = formText(ctx.form, `item_${i}`, item)
    if (raw === '') return
    const v = parseYesNo(raw)
    if (v === null) throw new UserError(`${item} 的值无效。`)
    items[SIX_COLUMNS[item]] = v
  })
  const rawIncome = formText(ctx.form, 'income', '收入')
  // The date picker answers `2026-12-01 +0800`: the day is the part before the space.
  const date = formText(ctx.form, 'date', '走访日期').split(' ')[0] || undefined
  return something({
    income: rawIncome === '' ? null : parseIncome(rawIncome),
    items,
    visitedOn: visitDate(ctx, date),
    note: note([], formText(ctx.form, 'note', '备注') || undefined),
  })
}

function something(input: CheckInput): CheckInput {
  if (input.income === null && Object.keys(input.items).length === 0) {
    throw new UserError('请至少填写一项：收入、住房、饮水、用电、广电、教育、医疗。')
  }
  return input
}
