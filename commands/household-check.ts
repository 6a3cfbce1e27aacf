import { z } from 'zod'
import { defineCommand } from './define'
import { householdFor, note, rostered, today, visitDate } from './common'
import { cardReply } from '../src/lark/cards/kit'
import { householdCard } from '../src/lark/cards/household'
import { householdView, parseIncome, recordCheck, SIX_COLUMNS, type CheckInput } from '../src/views/household'
import { parseYesNo, SIX_ITEMS, type SixItem } from '../src/domain/standards'
import { text, UserError } from '../src/reply'
import type { CheckItems } from '../db/repos/records'
import type { CardAction } from '../src/card-actions'
import { maskName } from '../src/privacy/mask'

const KEYS = ['收入', ...SIX_ITEMS, '日期', '备注'] as const

export default defineCommand({
  path: ['户', '核查'],
  aliases: [['核查']],
  summary: '查看一户的"一超六有"核查情况（附录入表单）；带上 项=值 直接录入核查',
  usage: '/户 核查 <户> [收入=元/人·年] [住房=是/否] [饮水=…] [用电=…] [广电=…] [教育=…] [医疗=…] [日期=…] [备注=…]',
  examples: ['/户 核查 何桂英@红岩洞村', '/户 核查 H001 收入=3800 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是'],
  who: '查看：同 /村 进度；录入：该村工作队、督查、管理员',
  allow: rostered,
  args: z.tuple([z.string().max(40, '户编号或姓名太长了')], { message: '请写户编号或户主姓名' }).rest(z.string()),
  named: z.record(z.string(), z.string()).superRefine((named, ctx) => {
    const unknown = Object.keys(named).filter((k) => !(KEYS as readonly string[]).includes(k))
    if (unknown.length) ctx.addIssue({ code: 'custom', message: `不认识的项目：${unknown.join('、')}（可用：${KEYS.join('、')}）` })
  }),
  run: (ctx) => {
    const [ref, ...rest] = ctx.args
    const named = ctx.named as Partial<Record<(typeof KEYS)[number], string>>
    const recording = Object.keys(named).length > 0
    if (!recording && rest.length > 0) throw new UserError(`「${rest.join(' ')}」看不懂：录入核查请用 项=值 的写法。`)
    const target = householdFor(ctx, ref, recording ? 'write' : 'read')
    const direct = ctx.chat.type === 'p2p'
    if (!recording) {
      return cardReply(householdCard(householdView(ctx.deps, target.household, target.village), { direct, today: today(ctx), withForm: true }))
    }
    const items: CheckItems = {}
    for (const item of SIX_ITEMS) {
      const raw = named[item]
      if (raw === undefined) continue
      const v = parseYesNo(raw)
      if (v === null) throw new UserError(`${item}=「${raw}」看不懂，请写 是/否（也可用 达标/不达标、√/×、有/无）。`)
      items[SIX_COLUMNS[item]] = v
    }
    const input: CheckInput = {
      income: named.收入 === undefined ? null : parseIncome(named.收入),
      items,
      visitedOn: visitDate(ctx, named.日期),
      note: note(rest, named.备注),
    }
    const id = recordCheck(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    const v = householdView(ctx.deps, target.household, target.village)
    const name = direct ? target.household.headName : maskName(target.household.headName)
    return text(`已记录 #${id}：${target.village.name} ${target.household.code}（${name}）核查（走访 ${input.visitedOn}）。\n` +
      (v.standard.meets ? '该户现已达到"一超六有"。✅' : `该户尚未达到"一超六有"：${v.standard.missing.join('、')}。`))
  },
})

/** The check form on the household card: validate, store, answer with a toast and the refreshed card. */
export const householdCheckAction: CardAction = {
  name: 'household-check',
  run: (ctx) => {
    if (ctx.me.role === null) throw new UserError('请先认证（/认证 姓名 手机后四位）再录入。')
    const target = householdFor(ctx, String(ctx.value.household ?? ''), 'write')
    const items: CheckItems = {}
    SIX_ITEMS.forEach((item: SixItem, i) => {
      const raw = ctx.form[`item_${i}`]
      if (raw === undefined || raw === null || raw === '') return
      const v = parseYesNo(String(raw))
      if (v === null) throw new UserError(`${item} 的值无效。`)
      items[SIX_COLUMNS[item]] = v
    })
    const rawIncome = String(ctx.form.income ?? '').trim()
    const date = String(ctx.form.date ?? '').trim().split(' ')[0] || undefined
    const input: CheckInput = {
      income: rawIncome === '' ? null : parseIncome(rawIncome),
      items,
      visitedOn: visitDate(ctx, date),
      note: null,
    }
    const id = recordCheck(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    const view = householdView(ctx.deps, target.household, target.village)
    return {
      toast: { type: 'success', content: `已记录 #${id}${view.standard.meets ? '，该户已达标' : ''}` },
      card: { type: 'raw', data: householdCard(view, { direct: ctx.chat.type === 'p2p', today: today(ctx), withForm: true }) },
    }
  },
}
