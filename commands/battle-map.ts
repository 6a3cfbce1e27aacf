import { z } from 'zod'
import { defineCommand, type CommandContext } from './define'
import { may } from './rights'
import { arg, NO_ARGS, typed } from './args'
import { can, reachOf, whoMay } from '../src/permissions'
import { UserError, text } from '../src/reply'
import { localDate } from '../src/domain/dates'
import { remitOf, type Remit } from '../src/web/remit'

type Args = [string?, string?]

const NO_REMIT = '花名册里没有您所属的战区，暂时不能生成作战图链接。请联系县扶贫办核对花名册。'

/** `/作战图`: a link to the web battle map, sent only in a direct chat (a link in a group is a link for all). */
export default defineCommand<Args>({
  path: ['作战图'],
  aliases: [['挂图作战']],
  summary: '作战图网页：手机上一点即看全县或本战区各村状态（大屏：指挥室大屏 30 天只读链接；撤销：作废您的链接）',
  examples: ['/作战图', '/作战图 大屏', '/作战图 大屏 第一战区', '/作战图 撤销'],
  who: `${whoMay('summary')}。大屏链接：${whoMay('wallMap')}。只在私聊中发链接`,
  // A link in a group is a link for all: asked there, it is not made.
  allow: (me, chat) => {
    const byRole = may('summary')(me)
    return byRole !== true || chat.type === 'p2p' ? byRole : '作战图链接只发给您本人：请私聊我（点我的头像 → 发消息）发送 /作战图。'
  },
  args: z.union([
    NO_ARGS,
    z.tuple([z.literal('大屏'), arg('战区 或 全县', z.string().max(30, '名称太长了')).optional()]),
    z.tuple([z.literal('撤销')]),
  ], { error: (issue) => refusal(issue.input as string[]) }) as z.ZodType<Args>,
  run: (ctx) => {
    const [mode, place] = ctx.args
    const remit = remitOf(ctx.me)
    if (!remit) throw new UserError(NO_REMIT, { showUsage: false })
    if (mode === '撤销') {
      const n = ctx.deps.mapAccess.revokeAll(ctx.me.openId, ctx.now)
      audit(ctx, 'map.revoke', { links: n })
      return text(n > 0
        ? `已作废您的 ${n} 个作战图链接（含大屏），用它们打开的页面也已退出。需要时再发送 /作战图 获取新链接。`
        : '您目前没有有效的作战图链接，无需撤销。')
    }
    if (mode === '大屏') return wallLink(ctx, remit, place)
    const { token } = ctx.deps.mapAccess.issue({ openId: ctx.me.openId, kind: 'personal', zoneId: zoneOf(remit), now: ctx.now })
    audit(ctx, 'map.link', { kind: 'personal', zone: zoneOf(remit) })
    return text([
      `您的作战图（${label(ctx, remit)}）：`,
      mapUrl(ctx, token),
      '链接 10 分钟内有效，只能打开一次，打开后 8 小时内可以浏览。请勿转发。',
    ].join('\n'))
  },
})

/** Why the words after /作战图 fit none of its forms (the union only knows that none fits). */
function refusal([mode]: string[]): string {
  if (mode !== '大屏' && mode !== '撤销') return `「${typed(mode)}」看不懂：/作战图 后面只能写「大屏」或「撤销」，或者不写。个人链接按您的查看范围生成，不需要写地名。`
  return mode === '撤销' ? '「撤销」后面不需要写别的。' : '参数太多了。'
}

function wallLink(ctx: CommandContext<Args>, remit: Remit, input: string | undefined) {
  if (reachOf(ctx.me, 'wallMap') === null) {
    throw new UserError(`大屏链接只有${whoMay('wallMap')}可以生成。您可以发送 /作战图 获取个人链接。`, { showUsage: false })
  }
  let target = remit
  if (input) {
    const p = ctx.deps.places.find(input)
    if (p.scope.kind !== 'county' && p.scope.kind !== 'zone') throw new UserError(`大屏只能显示全县或一个战区，「${p.label}」不是战区。`)
    if (!can(ctx.me, 'summary', p.scope)) throw new UserError(`「${p.label}」不在您的查看范围内。`, { showUsage: false })
    target = p.scope.kind === 'county' ? { kind: 'county' } : { kind: 'zone', zoneId: p.scope.zoneId }
  }
  const { token, expiresAt } = ctx.deps.mapAccess.issue({ openId: ctx.me.openId, kind: 'wall', zoneId: zoneOf(target), now: ctx.now })
  audit(ctx, 'map.link', { kind: 'wall', zone: zoneOf(target) })
  return text([
    `大屏作战图（${label(ctx, target)}，只读）：`,
    mapUrl(ctx, token),
    `请在指挥室大屏的浏览器中打开，页面每 5 分钟自动刷新，${localDate(new Date(expiresAt), ctx.deps.config.TIMEZONE)} 前有效。`,
    '不要转发到群里；发送 /作战图 撤销 可随时作废。',
  ].join('\n'))
}

const zoneOf = (r: Remit) => (r.kind === 'zone' ? r.zoneId : null)
const label = (ctx: CommandContext<Args>, r: Remit) => (r.kind === 'county' ? '全县' : ctx.deps.places.zone(r.zoneId).label)
const mapUrl = (ctx: CommandContext<Args>, token: string) => `${ctx.deps.config.publicUrl}/map?token=${token}`

/** Who made or revoked links, never the token. */
function audit(ctx: CommandContext<Args>, action: string, detail: object) {
  ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action, detail })
}
