import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { managesChat, today } from './common'
import { whoMay } from '../src/permissions'
import { text, UserError } from '../src/reply'
import { addDays } from '../src/domain/dates'
import type { CommandContext } from './define'

function boundChat(ctx: CommandContext<any, any>) {
  if (ctx.chat.binding === undefined) throw new UserError('本群还没有绑定战区，没有逾期提醒可暂停。', { showUsage: false })
}

export const pause = defineCommand({
  path: ['提醒', '暂停'],
  summary: '本群暂停逾期提醒若干天（最多 30 天）',
  examples: ['/提醒 暂停 3'],
  who: whoMay('bindChat'),
  allow: managesChat,
  args: z.tuple([arg('天数', z.string().regex(/^\d{1,2}$/, '天数应为 1 到 30 的整数'))], { message: '请写暂停的天数' }),
  run: (ctx) => {
    boundChat(ctx)
    const days = Number(ctx.args[0])
    if (days < 1 || days > 30) throw new UserError('天数应为 1 到 30 的整数。')
    const until = addDays(today(ctx), days - 1)
    ctx.deps.bindings.pauseReminders(ctx.chat.id, until, ctx.me.openId)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.pause', target: ctx.chat.id, detail: { until } })
    return text(`好的，本群的逾期提醒暂停到 ${until}（含），之后自动恢复。提前恢复请发送 /提醒 恢复。`)
  },
})

export const resume = defineCommand({
  path: ['提醒', '恢复'],
  summary: '恢复本群的逾期提醒',
  examples: ['/提醒 恢复'],
  who: whoMay('bindChat'),
  allow: managesChat,
  run: (ctx) => {
    boundChat(ctx)
    const removed = ctx.deps.bindings.resumeReminders(ctx.chat.id)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.resume', target: ctx.chat.id })
    return text(removed ? '好的，本群的逾期提醒已恢复。' : '本群的提醒没有暂停，无需恢复。')
  },
})
