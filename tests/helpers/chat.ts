import type { LarkSimulator, MessageEventParams, SimMessage } from '../sim'
import { readable, type TestBot } from './bot'

let seq = 0
const nextId = (prefix: string) => `${prefix}_${process.pid}_${++seq}`

/**
 * Sends what a person types, through the real transport, and waits for the bot's reply to it.
 * `chat(text)` reads like the conversation it tests.
 */
export function createChat(sim: LarkSimulator, bot: TestBot, defaults: Partial<MessageEventParams> = {}, mode: 'webhook' | 'ws' = 'webhook') {
  async function send(text: string, p: Partial<MessageEventParams> = {}): Promise<{ messageId: string; status: number }> {
    const messageId = p.messageId ?? nextId('om')
    const params: MessageEventParams = { chatType: 'group', chatId: 'oc_zone1', openId: 'ou_someone', mentionBot: true, ...defaults, ...p, text, messageId }
    const body = sim.messageEvent(params)
    if (mode === 'ws') {
      const ack = await sim.wsPush(body)
      return { messageId, status: ack.code }
    }
    const res = await sim.postEvent(`${bot.url}/webhook/event`, body)
    return { messageId, status: res.status }
  }

  // Generous: a reply comes in well under a second, but three test files share two cores.
  async function replyTo(messageId: string, timeoutMs = 15_000): Promise<SimMessage> {
    await sim.waitFor(() => sim.messages.some((m) => m.reply_to === messageId), timeoutMs, `a reply to ${messageId}`)
    return sim.messages.find((m) => m.reply_to === messageId)!
  }

  /** Sends and returns the readable text of the reply. */
  async function chat(text: string, p: Partial<MessageEventParams> = {}): Promise<string> {
    const { messageId } = await send(text, p)
    return readable(await replyTo(messageId))
  }

  return { send, replyTo, chat }
}
