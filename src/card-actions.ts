import { randomBytes } from 'node:crypto'
import type { ChatInfo } from '../commands/define'
import type { Actor } from './identity'
import type { Deps } from './deps'
import { cryptoRandom, type Random } from './random'
import { UserError } from './reply'
import { guardContent } from './privacy/reply-guard'
import { isBusy } from './db-health'

/** What Lark is answered with, inside the callback's request: a toast, and the refreshed card. */
export interface CardActionResult {
  toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }
  card?: { type: 'raw'; data: object }
}
export type CardActionHandler = (event: any) => CardActionResult

export interface CardActionContext {
  me: Actor
  chat: ChatInfo
  /** The message the card sits in. */
  messageId: string
  now: Date
  random: Random
  deps: Deps
  value: Record<string, unknown>
  form: Record<string, unknown>
}

/**
 * A form field as text: '' when empty or absent. Feishu sends inputs, selects and date pickers as strings;
 * anything else (an object, a list) did not come from our card and is refused rather than stringified.
 */
export function formText(form: Record<string, unknown>, name: string, label: string): string {
  const v = form[name]
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  throw new UserError(`「${label}」的值无效，请在卡片上重新填写。`)
}

/** Another process holds the write lock: nothing was stored, the form is still filled in on the card. */
export const BUSY_TOAST: CardActionResult = { toast: { type: 'warning', content: '系统正忙，这次没有保存，请过几秒再提交一次。' } }

/** What a card button or form submit does. Values come from our own card but are re-checked as user input. */
export interface CardAction {
  name: string
  run: (ctx: CardActionContext) => CardActionResult
}

/**
 * Runs the card action named in `value.action`, in one transaction, as the operator. Lark wants the answer
 * (a toast, optionally the refreshed card) within 3 s, so this is handled inline, not through the inbox.
 */
export function createCardActionHandler(actions: readonly CardAction[], deps: Deps, clock: () => Date, random: Random = cryptoRandom) {
  const byName = new Map(actions.map((a) => [a.name, a]))

  return (event: any): CardActionResult => {
    const value = isRecord(event?.action?.value) ? event.action.value : {}
    const action = byName.get(String(value.action ?? ''))
    if (!action) return { toast: { type: 'info', content: '这张卡片已不能操作，请重新发送命令。' } }
    const openId = String(event?.operator?.open_id ?? '')
    const chatId = String(event?.context?.open_chat_id ?? '')
    const chat: ChatInfo = {
      id: chatId,
      type: deps.chats.isDirect(chatId) ? 'p2p' : 'group',
      binding: deps.bindings.zoneOf(chatId),
    }
    try {
      // IMMEDIATE: the action reads, then writes; with another process on the file a deferred transaction
      // could read a snapshot that a commit in between makes stale.
      const result = deps.tx.immediate(() => action.run({
        me: deps.identity.identify(openId), chat, messageId: String(event?.context?.open_message_id ?? ''),
        now: clock(), random, deps, value, form: isRecord(event?.action?.form_value) ? event.action.form_value : {},
      }))
      // A refreshed card keeps the masking of the chat it sits in, as the reply that first posted it did.
      return guardContent(result, chat.type)
    } catch (err) {
      if (err instanceof UserError) return { toast: { type: 'error', content: err.message } }
      // Nothing was stored (the transaction never began); the form is still filled in on the card.
      if (isBusy(err)) return BUSY_TOAST
      const ref = randomBytes(3).toString('hex')
      deps.log.error({ err, ref, action: action.name }, 'card action failed')
      return { toast: { type: 'error', content: `处理出了问题（编号 ${ref}），请稍后再试。` } }
    }
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
