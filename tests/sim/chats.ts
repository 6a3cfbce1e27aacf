// What can happen to a chat or a message after the bot heard of it, and the IM error Lark answers a send
// with then (the error-code tables of Feishu's 发送消息 and 回复消息 pages).

export type ChatState = 'bot-removed' | 'disbanded' | 'no-permission' | 'muted'

const REFUSALS: Record<ChatState, [code: number, msg: string]> = {
  'bot-removed': [230002, 'The bot can not be outside the group.'],
  disbanded: [232009, 'Your request specifies a chat which has already been dissolved.'],
  'no-permission': [230027, 'Lack of necessary permissions.'],
  muted: [230035, 'Send Message Permission deny.'],
}

export const RECALLED: [code: number, msg: string] = [230011, 'The message is recalled.']

/** The error a send to `chatId` gets, or undefined when the chat takes it. */
export function chatRefusal(states: ReadonlyMap<string, ChatState>, chatId: string | undefined): [number, string] | undefined {
  const state = chatId === undefined ? undefined : states.get(chatId)
  return state ? REFUSALS[state] : undefined
}
