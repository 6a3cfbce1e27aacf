import { managesChat } from './common'
import { z } from 'zod'
import { defineCommand, type CommandContext } from './define'
import { arg, keyword } from './args'
import { text, UserError } from '../src/reply'
import { bindingLabel, type Binding } from '../db/repos/bindings'
import { can, rolesReaching, whoMay } from '../src/permissions'
import { findZone } from '../src/registry/find-zone'
import { localDate } from '../src/domain/dates'

type Args = [string?, string?]
const HQ_WORDS = ['全县', '县指挥部']
const WHAT_IT_GETS = '逾期提醒、月度调度和排名'

/**
 * /绑定: this group chat speaks for a zone, or for the county HQ — one chat each. A change that takes a
 * zone (or the HQ) from another chat, or moves a bound chat, is said first and done on `确认`.
 */
export default defineCommand<Args>({
  path: ['绑定'],
  summary: `把本群绑定到一个战区或县指挥部（全县），${WHAT_IT_GETS}发到这里；不写名称：查看本群现在的绑定`,
  examples: ['/绑定 第一战区', '/绑定', '/绑定 第一战区 确认', '/绑定 全县'],
  who: `${whoMay('bindChat')}。已绑定别的战区或县指挥部的群：只有${rolesReaching('bindChat', 'county')}可以改绑`,
  allow: managesChat,
  args: z.tuple([
    arg('战区名称 或 全县', z.string().max(30, '名称太长了')).optional(),
    keyword('确认', (w) => `「${w}」看不懂：名称后面只能写「确认」，或者不写。`).optional(),
  ]) as z.ZodType<Args>,
  run: (ctx) => {
    const [target, confirm] = ctx.args
    const { chat, deps, me, now } = ctx
    const current = deps.bindings.get(chat.id)
    if (target === undefined) return text(shown(ctx, current))
    const zone = HQ_WORDS.includes(target) ? null : findZone(deps.lookup.zones(), target)
    const to = { zoneId: zone?.id ?? null, zoneName: zone?.name ?? null }
    if (!can(me, 'bindChat', zone === null ? { kind: 'county' } : { kind: 'zone', zoneId: zone.id })) {
      throw new UserError(zone === null ? `只有${rolesReaching('bindChat', 'county')}可以把群绑定为县指挥部。` : '您只能把群绑定到自己的战区。', { showUsage: false })
    }
    const label = bindingLabel(to)
    if (current?.zoneId === to.zoneId) return text(`本群已经绑定在「${label}」，无需更改。`)
    const holders = deps.bindings.holders(to.zoneId, chat.id)
    if ((current || holders.length > 0) && confirm === undefined) {
      return text([
        ...(current ? [`本群现在绑定在「${bindingLabel(current)}」：改绑后，本群不再收到它的${WHAT_IT_GETS}。`] : []),
        ...holders.map((h) => `「${label}」已经绑定了另一个群（${day(ctx, h.boundAt)} 绑定）：每个战区和县指挥部只绑定一个群，确认后改到本群，那个群不再收到。`),
        `确认请发送：/绑定 ${zone?.name ?? '全县'} 确认`,
        '这次没有更改。',
      ].join('\n'))
    }
    const { before, freed } = deps.bindings.take(chat.id, to, me.openId, now.getTime())
    return text([
      before ? `已把本群从「${bindingLabel(before)}」改绑到「${label}」。` : `已把本群绑定到「${label}」。`,
      `之后「${label}」的${WHAT_IT_GETS}会发到这里。`,
      ...(freed.length ? [`原来绑定「${label}」的群已解除绑定。`] : []),
    ].join(''))
  },
})

function shown(ctx: CommandContext<Args>, b: Binding | undefined): string {
  if (!b) return '本群还没有绑定。绑定请发送：/绑定 <战区名称 或 全县>，例如 /绑定 第一战区'
  return `本群绑定在「${bindingLabel(b)}」（${day(ctx, b.boundAt)} 起），${WHAT_IT_GETS}发到这里。改绑请发送：/绑定 <战区名称 或 全县>`
}

const day = (ctx: CommandContext<Args>, at: number) => localDate(new Date(at), ctx.deps.config.TIMEZONE)
