import type { LarkSimulator, MessageEventParams, SimMessage } from '../sim'
import { readable, type TestBot } from './bot'

let seq = 0
const nextId = (prefix: string) => `${prefix}_${process.pid}_${++seq}`

/**
 * Sends what a person types and waits for the bot's reply to it, which the real sender delivers to the
 * simulator. The event is the one Lark sends; by default it is handed to the bot's core (`core.receive`),
 * as every transport hands it on; 'webhook' and 'ws' send it through the transport (signed and encrypted
 * over HTTP, or pushed over the long connection) for the tests of the transports themselves.
 * `chat(text)` reads like the conversation it tests.
 */
export function createChat(sim: LarkSimulator, bot: TestBot, defaults: Partial<MessageEventParams> = {}, mode: 'core' | 'webhook' | 'ws' = 'core') {
  async function send(text: string, p: Partial<MessageEventParams> = {}): Promise<{ messageId: string; status: number }> {
    const messageId = p.messageId ?? nextId('om')
    const params: MessageEventParams = { chatType: 'group', chatId: 'oc_zone1', openId: 'ou_someone', mentionBot: true, ...defaults, ...p, text, messageId }
    const body = sim.messageEvent(params)
    if (mode === 'core') {
      await bot.bot.core.receive(body)
      return { messageId, status: 200 }
    }
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
