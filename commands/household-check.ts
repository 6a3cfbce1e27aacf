import { z } from 'zod'
import { defineCommand } from './define'
import { arg, keys, remark } from './args'
import { householdFor, shownName, today } from './common'
import { may } from './rights'
import { CHECK_KEYS, checkFromForm, checkFromWords, recordsSomething } from './check-input'
import { whoMay } from '../src/permissions'
import { cardReply } from '../src/lark/cards/kit'
import { householdCard } from '../src/lark/cards/household'
import { householdCodeOf } from '../src/lark/cards/refs'
import { checkedLine, householdView, recordCheck, standingLines } from '../src/views/household'
import { visitLines } from '../src/views/report'
import { text, UserError } from '../src/reply'
import type { CardAction } from '../src/card-actions'

export default defineCommand({
  path: ['户', '核查'],
  aliases: [['核查']],
  summary: '查看一户的"一超六有"核查情况（附录入表单）；带上 项=值 直接录入核查',
  examples: ['/户 核查 何桂英@红岩洞村', '/户 核查 5119222042070001 收入=6500 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是'],
  who: `查看：${whoMay('readVillage')}。录入：${whoMay('reportVillage')}`,
  allow: may('readVillage'),
  args: z.tuple([arg('户', z.string().max(40, '户编号或姓名太长了'))], { message: '请写户编号或户主姓名' }).rest(remark()),
  named: keys(CHECK_KEYS),
  run: (ctx) => {
    const [ref, ...rest] = ctx.args
    const named = ctx.named
    const recording = recordsSomething(named)
    if (!recording && rest.length > 0) throw new UserError(`「${rest.join(' ')}」看不懂：录入核查请用 项=值 的写法。`)
    const target = householdFor(ctx, ref, recording ? 'write' : 'read')
    const direct = ctx.chat.type === 'p2p'
    if (!recording) {
      return cardReply(householdCard(householdView(ctx.deps, target.household, target.village), { direct, today: today(ctx), withForm: true }))
    }
    const input = checkFromWords(ctx, named, rest)
    const { id, duplicate } = recordCheck(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    if (duplicate) return text(`与 #${id} 相同，未重复记录。（10 分钟内同一内容只记一次；要更正请先 /撤销 ${id}）`)
    const v = householdView(ctx.deps, target.household, target.village)
    return text([
      `已记录 #${id}：${target.village.name} ${target.household.code}（${shownName(ctx.chat, target.household.headName)}）户核查`,
      `本次核查：${checkedLine(input)}`,
      ...visitLines(input.visitedOn, input.note),
      ...standingLines(v),
    ].join('\n'))
  },
})

/** The check form on the household card: validate, store, answer with a toast and the refreshed card. */
export const householdCheckAction: CardAction = {
  name: 'household-check',
  run: (ctx) => {
    if (ctx.me.role === null) throw new UserError('请先认证（/认证 姓名 手机后四位）再录入。')
    const target = householdFor(ctx, householdCodeOf(ctx.value), 'write')
    const input = checkFromForm(ctx)
    const { id, duplicate } = recordCheck(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    const view = householdView(ctx.deps, target.household, target.village)
    return {
      toast: duplicate
        ? { type: 'info', content: `与 #${id} 相同，未重复记录` }
        : { type: 'success', content: `已记录 #${id}：${checkedLine(input)}${view.standard.meets ? '，该户已达标' : ''}` },
      card: { type: 'raw', data: householdCard(view, { direct: ctx.chat.type === 'p2p', today: today(ctx), withForm: true }) },
    }
  },
}
