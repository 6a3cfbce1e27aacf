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
  /** What the message carries besides text; absent for a text message (and rows older than this field). */
  attachment?: Attachment
  /** The message this one replies to (Feishu's parent_id), when it is a reply. */
  parentId?: string
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
 * A file, pictures, or anything else that is not text. Pictures come as an image message, or as a rich-text
 * post that holds pictures and no command (a photo sent with a caption, or with @战区助手 in a group).
 */
export type Attachment =
  | { kind: 'file'; fileKey: string; fileName: string }
  | { kind: 'image'; imageKeys: string[] }
  | { kind: 'other'; messageType: string }

/** More pictures than this in one message are not a photo of one visit. */
export const MAX_IMAGES_PER_MESSAGE = 9

/**
 * Turns a flattened `im.message.receive_v1` event (the SDK's `{schema, ...header, ...event}`) into an
 * Incoming, or null when the bot should ignore it: messages from bots and apps, and malformed events. Every
 * kind of message a person sends is kept: what the bot does not take is answered, never met with silence.
 */
export function toIncoming(data: any, receivedAt: number): Incoming | null {
  const message = data?.message
  const sender = data?.sender
  if (!message || !sender) return null
  if (sender.sender_type && sender.sender_type !== 'user') return null
  const openId = sender.sender_id?.open_id
  const eventId = data.event_id ?? data.uuid
  if (typeof openId !== 'string' || typeof eventId !== 'string' || typeof message.message_id !== 'string') return null
  const base = {
    eventId,
    messageId: message.message_id,
    chatId: String(message.chat_id ?? ''),
    chatType: message.chat_type === 'p2p' ? 'p2p' as const : 'group' as const,
    openId,
    receivedAt,
    ...(typeof message.parent_id === 'string' && message.parent_id ? { parentId: message.parent_id } : {}),
  }
  const raw = messageText(message.message_type, message.content)
  if (raw !== null) {
    const text = normalizeText(dropMentions(raw))
    const pictures = message.message_type === 'post' ? postImages(message.content) : []
    // A command wins over the pictures sent with it; pictures with only a caption are a photo.
    if (pictures.length === 0 || hasCommand(text)) return { ...base, text }
    return { ...base, text: '', attachment: { kind: 'image', imageKeys: pictures } }
  }
  // Text or rich text that does not parse did not come from a person's client: ignored, as before.
  if (message.message_type === 'text' || message.message_type === 'post') return null
  return { ...base, text: '', attachment: attachmentOf(message.message_type, message.content) }
}

/** The file or image a message carries, as Feishu's 接收消息内容 describes it; 'other' for the rest. */
function attachmentOf(type: unknown, content: unknown): Attachment {
  const parsed = parseContent(content)
  const messageType = typeof type === 'string' && type ? type.slice(0, 40) : 'unknown'
  if (type === 'file' && typeof parsed?.file_key === 'string' && parsed.file_key) {
    return { kind: 'file', fileKey: parsed.file_key, fileName: typeof parsed.file_name === 'string' ? parsed.file_name : '' }
  }
  if (type === 'image' && typeof parsed?.image_key === 'string' && parsed.image_key) return { kind: 'image', imageKeys: [parsed.image_key] }
  return { kind: 'other', messageType }
}

function parseContent(content: unknown): any {
  if (typeof content !== 'string') return null
  try {
    return JSON.parse(content)
  } catch {
    return null
  }
}

/** The image keys of a rich-text post's `img` elements, in order, without repeats. */
function postImages(content: unknown): string[] {
  const post = parseContent(content)
  const body = Array.isArray(post?.content) ? post : Object.values(post ?? {}).find((v: any) => Array.isArray(v?.content))
  if (!body) return []
  const keys = (body as any).content.flatMap((line: unknown) => (Array.isArray(line) ? line : []))
    .filter((el: any) => el?.tag === 'img' && typeof el.image_key === 'string' && el.image_key)
    .map((el: any) => el.image_key as string)
  return [...new Set<string>(keys)]
}

/** Whether text holds a command: a `/` that starts a word and a command word (src/command-lines.ts). */
const hasCommand = (text: string) => /(?:^|\s)\/[^\s\d/]/.test(text)

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
