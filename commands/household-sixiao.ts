import { z } from 'zod'
import { defineCommand } from './define'
import { arg, date, keys, needed, rest, value } from './args'
import { householdFor, shownName, today, visitDate } from './common'
import { may } from './rights'
import { cardReply } from '../src/lark/cards/kit'
import { householdCodeOf } from '../src/lark/cards/refs'
import { sixiaoHouseholdCard } from '../src/lark/cards/sixiao'
import { householdSixiao } from '../src/views/sixiao'
import { amountText, kindOf, MAX_CONTENT, MAX_SCALE, parkOf, projectText, recordSixiao, type SixiaoInput } from '../src/views/sixiao-record'
import { effectiveStatus, SIXIAO_SUGGESTIONS, type SixiaoKind } from '../src/domain/sixiao-ledger'
import { sixiaoRate } from '../src/domain/subsidy'
import { can, whoMay } from '../src/permissions'
import { villageScope } from '../src/registry/resolve'
import type { HouseholdRef, VillageRef } from '../db/repos/lookup'
import { text, UserError } from '../src/reply'
import { formText, type CardAction, type CardActionContext } from '../src/card-actions'
import type { CommandContext } from './define'
import type { Deps } from '../src/deps'

const SUGGESTED = SIXIAO_SUGGESTIONS.map((s) => s.content).join('、')

export default defineCommand({
  path: ['户', '四小'],
  aliases: [['四小']],
  summary: `录入一户的"四小"项目（小种植、小养殖、小加工、小经营），按规则计算奖补；只写户则回复录入表单。推荐产业：${SUGGESTED}。园区=是：非贫困户建成"四小"产业园（按户奖补）`,
  examples: [
    '/户 四小 何桂英@红岩洞村 养殖 南江黄羊 5只',
    '/户 四小 李明@团结乡红岩洞村 种植 核桃 3亩 日期=昨天',
    '/户 四小 周大@红岩洞村 经营 茶叶加工园区 园区=是',
    '/户 四小 5119222042070001',
  ],
  who: `录入：${whoMay('reportVillage')}。查看表单：${whoMay('readVillage')}`,
  allow: may('readVillage'),
  // The household alone answers with its projects and the entry form.
  args: z.tuple([arg('户', z.string().max(40, '户编号或姓名太长了')), needed('种植|养殖|加工|经营'), needed('内容')], { message: '请写户编号或户主姓名' })
    .rest(rest('规模')),
  named: keys({ 日期: date(), 园区: value('是') }),
  run: (ctx) => {
    const [ref, kindWord, contentWord, ...scaleWords] = ctx.args
    const recording = kindWord !== undefined || Object.keys(ctx.named).length > 0
    const direct = ctx.chat.type === 'p2p'
    if (!recording) {
      const target = householdFor(ctx, ref, 'read')
      return cardReply(householdCard(ctx, target, direct))
    }
    const target = householdFor(ctx, ref, 'write')
    if (kindWord === undefined) throw new UserError('请写项目类别（种植/养殖/加工/经营）和内容。')
    const kind = kindOf(kindWord)
    if (contentWord === undefined) throw new UserError(`请写项目内容，例如 ${SUGGESTED}。`)
    const input: SixiaoInput = {
      kind,
      content: projectText(contentWord, '内容', MAX_CONTENT),
      scale: scaleWords.length ? projectText(scaleWords.join(' '), '规模', MAX_SCALE) : null,
      park: parkOf(ctx.named.园区),
      visitedOn: visitDate(ctx, ctx.named.日期),
    }
    const { id, line } = recordSixiao(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    const h = target.household
    const hint = h.status === '非贫困户' && !input.park ? '\n如该户已建成"四小"产业园，请 /撤销 后加上 园区=是 重新录入。' : ''
    return text(`已记录 #${id}：${target.village.name} ${h.code}（${shownName(ctx.chat, h.headName)}）"四小"项目 ` +
      `${kind}·${input.content}${input.scale ? ` ${input.scale}` : ''}${input.park ? '（产业园）' : ''}（项目日期 ${input.visitedOn}）。\n` +
      `奖补：${amountText(line)}${hint}`)
  },
})

function householdCard(ctx: Pick<CommandContext, 'me' | 'deps' | 'now'>, target: { household: HouseholdRef; village: VillageRef }, direct: boolean) {
  const t = today(ctx)
  const year = Number(t.slice(0, 4))
  return sixiaoHouseholdCard(
    { ...target, year, lines: householdSixiao(ctx.deps, target.household.code, year), rateHint: rateHint(ctx.deps, target.household, year) },
    { direct, today: t, withForm: can(ctx.me, 'write', villageScope(target.village)) },
  )
}

/** What the rule would pay for a project today, so the team knows before filling the form. */
function rateHint(deps: Pick<Deps, 'settings'>, h: HouseholdRef, year: number): string {
  const r = sixiaoRate({ status: effectiveStatus(h.status, h.exitYear, year), year, rates: deps.settings.sixiaoRates })
  const once = deps.settings.sixiaoOnePerYear ? '每户每年享受一次奖补，之后的项目记 0 元' : '每个项目都计奖补'
  return r.per === '户'
    ? `非贫困户：建成"四小"产业园奖补 ${r.rate}元/户，其他项目只登记不奖补；${once}。`
    : `按当前状态：${r.label} ${r.rate}元/人 × ${h.size}人 = ${r.rate * h.size} 元；${once}。`
}

/** The form on the "四小" card: validate, store, answer with a toast and the refreshed card. */
export const sixiaoAddAction: CardAction = {
  name: 'sixiao-add',
  run: (ctx: CardActionContext) => {
    if (ctx.me.role === null) throw new UserError('请先认证（/认证 姓名 手机后四位）再录入。')
    const target = householdFor(ctx, householdCodeOf(ctx.value), 'write')
    const suggestion = SIXIAO_SUGGESTIONS.find((s) => s.content === formText(ctx.form, 'suggestion', '推荐产业'))
    const kindRaw = formText(ctx.form, 'kind', '类别')
    const kind: SixiaoKind | undefined = kindRaw ? kindOf(kindRaw) : suggestion?.kind
    if (!kind) throw new UserError('请选择项目类别（种植/养殖/加工/经营）。')
    const contentRaw = formText(ctx.form, 'content', '内容') || suggestion?.content || ''
    if (!contentRaw) throw new UserError(`请填写项目内容，或从推荐产业中选择（${SUGGESTED}）。`)
    const scaleRaw = formText(ctx.form, 'scale', '规模')
    const date = formText(ctx.form, 'date', '项目日期').split(' ')[0] || undefined
    const input: SixiaoInput = {
      kind,
      content: projectText(contentRaw, '内容', MAX_CONTENT),
      scale: scaleRaw ? projectText(scaleRaw, '规模', MAX_SCALE) : null,
      park: parkOf(formText(ctx.form, 'park', '产业园') || undefined),
      visitedOn: visitDate(ctx, date),
    }
    const { id, line } = recordSixiao(ctx.deps, ctx.me, ctx.now, target, input, ctx.messageId)
    return {
      toast: { type: 'success', content: line.amount > 0 ? `已记录 #${id}，奖补 ${line.amount} 元` : `已记录 #${id}，奖补 0 元（${line.reason ?? '不予奖补'}）` },
      card: { type: 'raw', data: householdCard(ctx, target, ctx.chat.type === 'p2p') },
    }
  },
}
