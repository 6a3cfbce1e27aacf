// Random ids in Lark's shapes (prefix + hex), so code that checks prefixes sees realistic values.
import { randomBytes } from 'node:crypto'

export const hex = (bytes: number): string => randomBytes(bytes).toString('hex')
export const newMessageId = (): string => `om_${hex(16)}`
export const newChatId = (): string => `oc_${hex(16)}`
export const newOpenId = (): string => `ou_${hex(16)}`
export const newEventId = (): string => hex(16)
/**
 * The direct chat between the bot and a person: Lark answers a send by open_id with it, and the tests send
 * that person's direct messages from it, so both sides of the conversation name one chat.
 */
export const p2pChatId = (openId: string): string => `oc_p2p_${openId}`

export const TENANT_KEY = 'tenant_sim'
export const BOT_OPEN_ID = 'ou_bot'
export const BOT_NAME = '战区助手'
