import { z } from 'zod'
import { arg, keys, remark, value } from './args'
import { defineCommand, type CommandContext } from './define'
import { shownName, today } from './common'
import { CHECK_KEYS, checkFromForm, checkFromWords, recordsSomething } from './check-input'
import { drawNumber, mayReverify, reverifyRefusal, REVERIFIERS } from './spot-common'
import type { CardAction } from '../src/card-actions'
import type { DrawRow, DrawnHousehold } from '../db/repos/spot-draws'
import { checkedLine, householdView, standingLines, type CheckInput } from '../src/views/household'
import { DUPLICATE_WINDOW_MS, visitLines } from '../src/views/report'
import { valuesOf } from '../src/views/spot-findings'
import { comparisonLines } from '../src/views/spot-text'
import { drawView } from '../src/views/spot-draw'
import { compareFindings } from '../src/domain/spot-compare'
import { incomeLine, SIX_ITEMS } from '../src/domain/standards'
import { SIX_COLUMNS } from '../src/views/household'
import { DRAW_PAGE_SIZE, spotDrawCard } from '../src/lark/cards/spot-draw'
import { drawnOf } from '../src/lark/cards/refs'
import { text, UserError } from '../src/reply'

type Ctx = Pick<CommandContext, 'me' | 'deps' | 'now'>

/** The draw a 复核 of this household belongs to: the one named (抽查=), else the newest the sender may re-verify in. */
function drawOf(ctx: Ctx, code: string, named: string | undefined): { draw: DrawRow; drawn: DrawnHousehold } {
  const draws = ctx.deps.spotDraws.drawsOf(code)
  const wanted = named === undefined ? draws : draws.filter((d) => d.id === drawNumber(named))
  if (wanted.length === 0) {
    throw new UserError(named === undefined
      ? `户 ${code} 没有被抽中：复核只针对抽查名单中的户（/抽查 记录 查看抽查）。`
      : `户 ${code} 不在抽查 #${drawNumber(named)} 的名单中。`, { showUsage: false })
  }
  let refusal = ''
  for (const draw of wanted) {
    const drawn = ctx.deps.spotDraws.households(draw.id).find((h) => h.householdCode === code)!
    const why = reverifyRefusal(ctx, draw, drawn)
    if (why === null) return { draw, drawn }
    refusal ||= why
  }
  throw new UserError(refusal, { showUsage: false })
}

/** Stores a 复核 (one sequence with the other records); the same one sent again within minutes is not stored twice. */
function recordReverify(ctx: Ctx, draw: DrawRow, drawn: DrawnHousehold, input: CheckInput, messageId: string): { id: number; duplicate: boolean } {
  const { deps, me } = ctx
  const at = ctx.now.getTime()
  const same = deps.spotFindings.sameReverify({
    drawId: draw.id, householdCode: drawn.householdCode, income: input.income, items: input.items, visitedOn: input.visitedOn, authorOpenId: me.openId, note: input.note,
  }, at - DUPLICATE_WINDOW_MS)
  if (same !== undefined) return { id: same, duplicate: true }
  const overrides = deps.settings.spotCheck.overrides
  const id = deps.records.addReverify({
    kind: 'reverify', townshipCode: drawn.townshipCode, villageCode: drawn.villageCode, authorOpenId: me.openId, authorMemberId: me.memberId,
    createdAt: at, visitedOn: input.visitedOn, sourceMessageId: messageId, note: input.note,
  }, { drawId: draw.id, householdCode: drawn.householdCode, income: input.income, items: input.items }, overrides)
  if (overrides) deps.households.rebuildStanding(drawn.householdCode)
  deps.audit.record({ at, actor: me.openId, action: 'reverify.add', target: `record:${id}`, detail: { draw: draw.id } })
  return { id, duplicate: false }
}

/** This 复核 item by item against what the team's checks said before the draw. */
function compared(ctx: Ctx, drawn: DrawnHousehold, input: CheckInput) {
  const found = { income: input.income, items: Object.fromEntries(SIX_ITEMS.filter((i) => input.items[SIX_COLUMNS[i]] !== undefined).map((i) => [i, input.items[SIX_COLUMNS[i]]!])) }
  return compareFindings(valuesOf(drawn), found, incomeLine(Number(input.visitedOn.slice(0, 4)), ctx.deps.settings.incomeLines))
}

export default defineCommand({
  path: ['复核'],
  summary: '复核一户被抽中的户，逐项与工作队抽查前的核查对比；复核不改变该户的达标状态',
  examples: ['/复核 何桂英@红岩洞村 收入=4200 住房=否 饮水=是 用电=是 广电=是 教育=是 医疗=是 备注=屋顶漏雨'],
  who: REVERIFIERS,
  allow: (me) => mayReverify(me),
  args: z.tuple([arg('户', z.string().max(40, '户编号或姓名太长了'))], { message: '请写户编号或户主姓名' }).rest(remark()),
  named: keys({ ...CHECK_KEYS, 抽查: value('编号') }),
  run: (ctx) => {
    const [ref, ...rest] = ctx.args
    const { 抽查: drawWord, ...named } = ctx.named
    if (!recordsSomething(named)) throw new UserError('请写复核的结果，用 项=值 的写法。')
    const { household } = ctx.deps.resolve.household(ref)
    const { draw, drawn } = drawOf(ctx, household.code, drawWord)
    const input = checkFromWords(ctx, named, rest)
    const { id, duplicate } = recordReverify(ctx, draw, drawn, input, ctx.messageId)
    if (duplicate) return text(`与 #${id} 相同，未重复记录。（10 分钟内同一内容只记一次；要更正请先 /撤销 ${id}）`)
    const comparisons = compared(ctx, drawn, input)
    const open = comparisons.filter((c) => c.verdict === 'disagree').length
    const overrides = ctx.deps.settings.spotCheck.overrides
    return text([
      `已记录 #${id}：复核 ${drawn.villageName} ${drawn.householdCode}（${shownName(ctx.chat, drawn.headName)}）· 抽查 #${draw.id}`,
      `本次复核：${checkedLine(input)}`,
      ...visitLines(input.visitedOn, input.note),
      ...comparisonLines(comparisons, drawn.checkedOn),
      ...(open ? [`不一致的 ${open} 项待跟进：工作队重新 /户 核查 该户后关闭，或由管理员 /抽查 关闭 ${draw.id} ${drawn.householdCode} <原因>。`] : []),
      ...(overrides
        ? ['按本县规定，复核同时计为该户的核查：', ...standingLines(householdView(ctx.deps, household, ctx.deps.resolve.village(household.villageCode)))]
        : ['复核不改变该户的"一超六有"状态。']),
    ].join('\n'))
  },
})

/** The 复核 form on a draw's card: validate, store, answer with a toast and the refreshed page of the card. */
export const reverifyAction: CardAction = {
  name: 'reverify',
  run: (ctx) => {
    if (ctx.me.role === null) throw new UserError('请先认证（/认证 姓名 手机后四位）再复核。')
    const ref = drawnOf(ctx.value)
    const draw = ref && ctx.deps.spotDraws.get(ref.drawId)
    const drawn = draw && ctx.deps.spotDraws.households(draw.id).find((h) => h.householdCode === ref.householdCode)
    if (!draw || !drawn) throw new UserError('这张卡片上的户不在抽查名单中，请重新发送 /抽查 名单 <编号>。')
    const refusal = reverifyRefusal(ctx, draw, drawn)
    if (refusal) throw new UserError(refusal)
    const input = checkFromForm(ctx)
    const { id, duplicate } = recordReverify(ctx, draw, drawn, input, ctx.messageId)
    const open = compared(ctx, drawn, input).filter((c) => c.verdict === 'disagree').map((c) => c.item)
    const v = drawView(ctx.deps, draw, ctx.now.getTime())
    return {
      toast: duplicate
        ? { type: 'info', content: `与 #${id} 相同，未重复记录` }
        : { type: open.length ? 'warning' : 'success', content: `已记录 #${id}：${open.length ? `与工作队不一致：${open.join('、')}` : '没有不一致'}` },
      card: {
        type: 'raw',
        data: spotDrawCard(v, {
          direct: ctx.chat.type === 'p2p', today: today(ctx), page: Math.ceil(drawn.position / DRAW_PAGE_SIZE), timeZone: ctx.deps.config.TIMEZONE,
          lines: ctx.deps.settings.incomeLines, overrides: ctx.deps.settings.spotCheck.overrides,
        }),
      },
    }
  },
}
