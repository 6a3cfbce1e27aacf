import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { today, managesChat } from './common'
import { rostered } from './rights'
import { whoMay } from '../src/permissions'
import { text, UserError } from '../src/reply'
import { addDays } from '../src/domain/dates'
import type { ChatInfo, CommandContext } from './define'
import type { Actor } from '../src/identity'

/** In a group: its digests, for those who manage the chat. In a direct chat: one's own reminders, for anyone on the roster. */
const WHO = `群里：${whoMay('bindChat')}。私聊：花名册中的所有人（只管发给自己的逾期私信）`
const allow = (me: Actor, chat: ChatInfo) => (chat.type === 'p2p' ? rostered(me) : managesChat(me, chat))

function boundChat(ctx: CommandContext<any, any>) {
  if (ctx.chat.binding === undefined) throw new UserError('本群还没有绑定战区，没有逾期提醒可暂停。', { showUsage: false })
}

export const pause = defineCommand({
  path: ['提醒', '暂停'],
  summary: '暂停逾期提醒若干天（最多 30 天）：在群里暂停本群的，私聊时暂停发给自己的',
  examples: ['/提醒 暂停 3'],
  who: WHO,
  allow,
  args: z.tuple([arg('天数', z.string().regex(/^\d{1,2}$/, '天数应为 1 到 30 的整数'))], { message: '请写暂停的天数' }),
  run: (ctx) => {
    const days = Number(ctx.args[0])
    if (days < 1 || days > 30) throw new UserError('天数应为 1 到 30 的整数。')
    const until = addDays(today(ctx), days - 1)
    if (ctx.chat.type === 'p2p') {
      ctx.deps.reminders.pause(ctx.me.openId, until)
      ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.pause', target: ctx.me.openId, detail: { until } })
      return text(`好的，发给您本人的逾期提醒暂停到 ${until}（含），之后自动恢复；群里的提醒照常。提前恢复请发送 /提醒 恢复。`)
    }
    boundChat(ctx)
    ctx.deps.bindings.pauseReminders(ctx.chat.id, until, ctx.me.openId)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.pause', target: ctx.chat.id, detail: { until } })
    return text(`好的，本群的逾期提醒暂停到 ${until}（含），之后自动恢复。提前恢复请发送 /提醒 恢复。`)
  },
})

export const resume = defineCommand({
  path: ['提醒', '恢复'],
  summary: '恢复逾期提醒：在群里恢复本群的，私聊时恢复发给自己的',
  examples: ['/提醒 恢复'],
  who: WHO,
  allow,
  run: (ctx) => {
    if (ctx.chat.type === 'p2p') {
      const resumed = ctx.deps.reminders.resume(ctx.me.openId)
      ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.resume', target: ctx.me.openId })
      return text(resumed ? '好的，发给您本人的逾期提醒已恢复。' : '您的提醒没有暂停，无需恢复。')
    }
    boundChat(ctx)
    const removed = ctx.deps.bindings.resumeReminders(ctx.chat.id)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'reminders.resume', target: ctx.chat.id })
    return text(removed ? '好的，本群的逾期提醒已恢复。' : '本群的提醒没有暂停，无需恢复。')
  },
})
