import { normalizeText } from '../text'

/**
 * One chat message or bot-menu press, transport-neutral: everything after the transport works on this.
 * A menu press has no message and no chat (messageId null, chatId ''): it names a key, and its answer goes
 * to the person's direct chat by open_id.
 */
export interface Incoming {
  eventId: string
  messageId: string | null
  chatId: string
  chatType: 'group' | 'p2p'
  openId: string
  text: string
  receivedAt: number
  /** The bot-menu key pressed (application.bot.menu_v6); absent for a message. */
  menuKey?: string
}

/**
 * A flattened `application.bot.menu_v6` event as an Incoming, or null when it names no person or no key.
 * The key is kept as sent (at most 30 characters by Feishu's rules; longer is cut, never trusted): what it
 * means is decided when it is handled (src/lark/menu.ts).
 */
export function toMenuPress(data: any, receivedAt: number): Incoming | null {
  const openId = data?.operator?.operator_id?.open_id
  const eventId = data?.event_id ?? data?.uuid
  if (typeof openId !== 'string' || !openId || typeof eventId !== 'string' || typeof data?.event_key !== 'string') return null
  return { eventId, messageId: null, chatId: '', chatType: 'p2p', openId, text: '', receivedAt, menuKey: data.event_key.slice(0, 30) }
}

/**
 * Turns a flattened `im.message.receive_v1` event (the SDK's `{schema, ...header, ...event}`) into an
 * Incoming, or null when the bot should ignore it: messages from bots and apps, and anything that is not
 * text or rich text.
 */
export function toIncoming(data: any, receivedAt: number): Incoming | null {
  const message = data?.message
  const sender = data?.sender
  if (!message || !sender) return null
  if (sender.sender_type && sender.sender_type !== 'user') return null
  const openId = sender.sender_id?.open_id
  const eventId = data.event_id ?? data.uuid
  if (typeof openId !== 'string' || typeof eventId !== 'string' || typeof message.message_id !== 'string') return null
  const raw = messageText(message.message_type, message.content)
  if (raw === null) return null
  return {
    eventId,
    messageId: message.message_id,
    chatId: String(message.chat_id ?? ''),
    chatType: message.chat_type === 'p2p' ? 'p2p' : 'group',
    openId,
    text: normalizeText(dropMentions(raw)),
    receivedAt,
  }
}

function messageText(type: unknown, content: unknown): string | null {
  if (typeof content !== 'string') return null
  let parsed: any
  try {
    parsed = JSON.parse(content)
  } catch {
    return null
  }
  if (type === 'text') return typeof parsed?.text === 'string' ? parsed.text : null
  if (type === 'post') return postText(parsed)
  return null
}

/** A rich-text post is either `{title, content}` or keyed by locale (`{zh_cn: {title, content}}`). */
function postText(post: any): string | null {
  const body = Array.isArray(post?.content) ? post : Object.values(post ?? {}).find((v: any) => Array.isArray(v?.content))
  if (!body) return null
  const lines = (body as any).content.map((line: any[]) =>
    (Array.isArray(line) ? line : []).map((el) =>
      el?.tag === 'text' || el?.tag === 'a' ? String(el.text ?? '')
        : el?.tag === 'at' ? `@_mention_${el.user_id ?? ''}` : '').join(''))
  return lines.join('\n')
}

/**
 * Lark writes each @-mention as a placeholder (`@_user_1`). The bot's own mention may stand anywhere
 * (`/村 进度 红岩洞村 @战区助手`), and a command may be addressed to people (`请 @张三 看一下 /逾期`), so
 * every mention is dropped; what the command is, the router finds from its `/` (src/command-lines.ts).
 */
function dropMentions(text: string): string {
  return text.replace(/@_(?:user_\d+|mention_[\w-]*|all)/g, ' ')
}
