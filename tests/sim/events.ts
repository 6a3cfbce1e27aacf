// Schema-2.0 event envelopes as Lark sends them (docs: 接收消息 / 机器人进群 / 卡片回传交互回调 /
// 机器人自定义菜单事件), and
// delivery to a webhook over loopback HTTP, encrypted and signed like Lark does.
import { request } from 'node:http'
import { larkSignature, encryptLarkPayload } from './crypto.js'
import { BOT_NAME, BOT_OPEN_ID, TENANT_KEY, hex, newChatId, newEventId, newMessageId, newOpenId } from './ids.js'
import type { MessageEventParams, PostEventOptions, PostEventResult } from './types.js'

export interface EventCtx {
  appId: string
  verificationToken?: string
  encryptKey?: string
}

function header(ctx: EventCtx, eventType: string, eventId: string | undefined, createTime = String(Date.now())) {
  return {
    event_id: eventId ?? newEventId(),
    event_type: eventType,
    create_time: createTime,
    token: ctx.verificationToken ?? '',
    app_id: ctx.appId,
    tenant_key: TENANT_KEY,
  }
}

const userId = (openId: string) => ({ open_id: openId, union_id: `on_${openId.slice(3)}`, user_id: '' })

/** The content Feishu sends for a file or image message (接收消息内容: 文件 file, 图片 image). */
export function fileContent(p: MessageEventParams): { type: string; content: object } | null {
  if (p.file) return { type: 'file', content: { file_key: p.file.key, file_name: p.file.name } }
  if (p.image) return { type: 'image', content: { image_key: p.image.key } }
  if (p.content) return { type: p.messageType ?? 'sticker', content: p.content }
  return null
}

export function messageEvent(ctx: EventCtx, p: MessageEventParams) {
  const other = fileContent(p)
  const messageType = other?.type ?? p.messageType ?? (p.post !== undefined ? 'post' : 'text')
  let content: string
  if (other) {
    content = JSON.stringify(other.content)
  } else if (p.post !== undefined) {
    // Received post content is {title, content: [[elements]]}; an @ is {tag:'at', user_id:'@_user_1'}.
    const post = structuredClone(p.post) as { title?: string; content?: any[][] }
    if (p.mentionBot === true) {
      const at = { tag: 'at', user_id: '@_user_1', user_name: BOT_NAME }
      post.content = post.content?.length ? [[at, ...post.content[0]!], ...post.content.slice(1)] : [[at]]
    }
    content = JSON.stringify(post)
  } else {
    const text = p.text ?? 'hello'
    content = JSON.stringify({ text: p.mentionBot === true ? `@_user_1 ${text}` : text })
  }
  const openId = p.openId ?? newOpenId()
  const message: Record<string, unknown> = {
    message_id: p.messageId ?? newMessageId(),
    root_id: p.parentId ?? '',
    parent_id: p.parentId ?? '',
    create_time: String(Date.now()),
    update_time: String(Date.now()),
    chat_id: p.chatId ?? newChatId(),
    chat_type: p.chatType ?? 'group',
    message_type: messageType,
    content,
  }
  if (p.mentionBot) {
    message.mentions = [{ key: '@_user_1', id: { open_id: BOT_OPEN_ID, union_id: 'on_bot', user_id: '' }, name: BOT_NAME, tenant_key: TENANT_KEY }]
    // Other people mentioned in the text: @_user_2, @_user_3… in the order they appear.
    for (const key of new Set(content.match(/@_user_(?:[2-9]|\d{2,})/g) ?? [])) {
      (message.mentions as object[]).push({ key, id: userId(`ou_person_${key.slice(7)}`), name: `同事${key.slice(7)}`, tenant_key: TENANT_KEY })
    }
  }
  return {
    schema: '2.0',
    header: header(ctx, 'im.message.receive_v1', p.eventId),
    event: {
      sender: { sender_id: userId(openId), sender_type: p.senderType ?? 'user', tenant_key: TENANT_KEY },
      message,
    },
  }
}

export function botAddedEvent(ctx: EventCtx, p: { chatId: string; operatorOpenId?: string; name?: string; eventId?: string }) {
  const name = p.name ?? '测试群'
  return {
    schema: '2.0',
    header: header(ctx, 'im.chat.member.bot.added_v1', p.eventId),
    event: {
      chat_id: p.chatId,
      operator_id: userId(p.operatorOpenId ?? newOpenId()),
      external: false,
      operator_tenant_key: TENANT_KEY,
      name,
      i18n_names: { zh_cn: name },
    },
  }
}

export function cardActionEvent(ctx: EventCtx, p: { openId: string; chatId: string; messageId: string; value: any; formValue?: any; eventId?: string }) {
  const action: Record<string, unknown> = { tag: 'button', value: p.value }
  if (p.formValue !== undefined) {
    action.form_value = p.formValue
    action.name = 'submit'
  }
  return {
    schema: '2.0',
    // Card callbacks carry a microsecond create_time (per the docs), unlike events.
    header: header(ctx, 'card.action.trigger', p.eventId, String(Date.now() * 1000)),
    event: {
      operator: { tenant_key: TENANT_KEY, ...userId(p.openId) },
      token: `c-${hex(20)}`,
      action,
      host: 'im_message',
      context: { open_message_id: p.messageId, open_chat_id: p.chatId },
    },
  }
}

/**
 * A bot-menu press (机器人自定义菜单事件, application.bot.menu_v6): who pressed which key. No chat and no
 * message: the bot answers in the person's direct chat by open_id.
 */
export function menuEvent(ctx: EventCtx, p: { openId: string; eventKey: string; eventId?: string; name?: string }) {
  return {
    schema: '2.0',
    header: header(ctx, 'application.bot.menu_v6', p.eventId),
    event: {
      operator: { operator_name: p.name ?? '用户', operator_id: userId(p.openId) },
      event_key: p.eventKey,
      timestamp: Math.floor(Date.now() / 1000),
    },
  }
}

export function challengeBody(ctx: EventCtx, challenge?: string, token?: string) {
  return { challenge: challenge ?? hex(16), token: token ?? ctx.verificationToken ?? '', type: 'url_verification' }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export async function postEvent(ctx: EventCtx, url: string, body: object, o: PostEventOptions = {}): Promise<PostEventResult> {
  const target = new URL(url)
  // The simulator never talks to anything but this machine.
  if (!LOOPBACK.has(target.hostname)) throw new Error(`postEvent: refusing non-loopback url ${url}`)
  const key = ctx.encryptKey
  const encrypt = o.encrypt ?? !!key
  if (encrypt && !key) throw new Error('postEvent: encrypt needs the simulator to have an encryptKey')
  const plain = JSON.stringify(body)
  const raw = o.rawBody ?? (encrypt ? JSON.stringify({ encrypt: encryptLarkPayload(key!, plain) }) : plain)
  // Lark signs with the encrypt key, so there is nothing to sign without one; the url_verification
  // challenge arrives unsigned in practice.
  const isChallenge = (body as { type?: unknown }).type === 'url_verification'
  const sign = (o.sign ?? !isChallenge) && !!key
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' }
  if (sign) {
    const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000))
    const nonce = o.nonce ?? hex(8)
    let sig = larkSignature(timestamp, nonce, key!, raw)
    if (o.badSignature) sig = sig.replace(/^./, (c) => (c === '0' ? '1' : '0'))
    Object.assign(headers, { 'x-lark-request-timestamp': timestamp, 'x-lark-request-nonce': nonce, 'x-lark-signature': sig })
  }
  const start = Date.now()
  return new Promise((resolve, reject) => {
    // agent:false → a fresh connection per event, closed afterwards (no pooled sockets left behind).
    const req = request(target, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(raw)) }, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('error', reject)
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: any = null
        if (text) {
          try { parsed = JSON.parse(text) } catch { parsed = text }
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, ms: Date.now() - start })
      })
    })
    req.on('error', reject)
    req.end(raw)
  })
}
