import { expect } from 'vitest'
import type { LarkSimulator } from '../sim'
import { readable, type TestBot } from './bot'
import { createChat } from './chat'
import { PEOPLE } from './fixture'

// A real 1×1 PNG (as written by libpng) and a JPEG's first bytes: what a phone sends.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
export const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])])

export const group = (openId: string) => ({ openId, chatType: 'group' as const, chatId: 'oc_zone1' })
export const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })

/** The chat of tests/helpers/chat.ts plus what photo evidence needs: a report to reply to, and the reply. */
export function createPhotoChat(sim: LarkSimulator, bot: TestBot) {
  const chat = createChat(sim, bot)
  const { send, replyTo } = chat

  /** A report, and the bot's answer to it (its message id, which a reply names as parent_id). */
  async function report(text: string, from: string = PEOPLE.team1) {
    const { messageId } = await send(text, group(from))
    const answer = await replyTo(messageId)
    const id = Number(/已记录 #(\d+)/.exec(readable(answer))?.[1])
    expect(id).toBeGreaterThan(0)
    return { id, answerId: answer.message_id }
  }

  async function replyWithImage(parentId: string, from: string, data: Buffer, where = group(from)) {
    const { messageId } = await send('', { ...where, mentionBot: false, parentId, image: { data } })
    return readable(await replyTo(messageId))
  }

  return { ...chat, report, replyWithImage }
}
