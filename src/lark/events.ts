import { lark } from './sdk'
import type { Deps } from '../deps'
import type { MessageHandler } from '../handle-messages'
import { toIncoming, toMenuPress } from './inbound'
import { sdkLogger } from './client'
import { isBusy } from '../db-health'
import { BUSY_TOAST, type CardActionHandler } from '../card-actions'


const GREETING = [
  '大家好，我是战区助手 👋',
  '我负责收集各村的进度上报和户核查，按时推送逾期提醒、月度调度和考核排名。',
  '请管理员或本战区指挥长在群里发送「@战区助手 /绑定 战区名称」（县指挥部群发送「/绑定 全县」）完成绑定；',
  '大家先私聊我发送「/认证 姓名 手机后四位」关联花名册。发送 /帮助 查看全部命令。',
].join('\n')

/**
 * The one EventDispatcher both transports feed. Handlers only record and hand on: the answer to Lark must
 * not wait for the work (a card callback, which Lark wants answered with the new card, is the exception).
 */
export function createEventDispatcher(deps: Deps & { messages: MessageHandler; clock: () => Date; onCardAction?: CardActionHandler; onEnqueued?: () => void }) {
  const { tx, inbox, log, outbox } = deps
  /** An event that becomes an inbox message (`read` gives null for one that is no person's): accepted, or logged and dropped. */
  const acceptAs = (read: (data: any, receivedAt: number) => Parameters<MessageHandler['acceptBatched']>[0] | null, ignored: string) =>
    async (data: any) => {
      const message = read(data, Date.now())
      if (message) await deps.messages.acceptBatched(message)
      else log.debug({ event: data?.event_id }, ignored)
      return {}
    }
  const handlers: Record<string, (data: any) => Promise<unknown>> = {
    'im.message.receive_v1': acceptAs(toIncoming, 'message ignored (not a person\'s message)'),
    // A menu press takes the message's durable path: recorded (once) before Lark is answered, handled and
    // answered through the outbox like a command typed in the person's direct chat.
    'application.bot.menu_v6': acceptAs(toMenuPress, 'menu event ignored (no person or key)'),
    'im.chat.member.bot.added_v1': async (data) => {
      const now = deps.clock().getTime()
      tx.run(() => {
        if (!inbox.accept({ eventId: String(data.event_id), messageId: null, payload: null, now, handledAt: now })) return
        outbox.enqueue({ receiveId: String(data.chat_id), msgType: 'text', content: JSON.stringify({ text: GREETING }), source: String(data.event_id) }, now)
        log.info({ event: data.event_id, chat: data.chat_id }, 'bot added to chat')
      })
      deps.onEnqueued?.()
      return {}
    },
    'card.action.trigger': async (data) => {
      const now = deps.clock().getTime()
      let fresh: boolean
      try {
        fresh = inbox.accept({ eventId: String(data.event_id), messageId: null, payload: null, now, handledAt: now })
      } catch (err) {
        if (isBusy(err)) return BUSY_TOAST   // answered as the action itself would be: nothing stored, try again
        throw err
      }
      if (!fresh) return { toast: { type: 'info', content: '已处理过这次提交' } }
      const result = deps.onCardAction?.(data) ?? { toast: { type: 'info', content: '这张卡片已不能操作，请重新发送命令。' } }
      deps.onEnqueued?.()
      return result
    },
  }
  return new lark.EventDispatcher({ logger: sdkLogger(log), loggerLevel: lark.LoggerLevel.warn }).register(handlers as any)
}
