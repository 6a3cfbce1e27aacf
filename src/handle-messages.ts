import { randomBytes } from 'node:crypto'
import type { Inbox } from '../db/repos/inbox'
import type { ChatInfo } from '../commands/define'
import type { Deps } from './deps'
import type { Incoming } from './lark/inbound'
import type { Router } from './router'
import { text, toLarkMessage, type Reply } from './reply'

/**
 * The one path every chat message takes after its transport: accept (durably, deduplicated) → answer
 * Lark → route → enqueue the reply in the same transaction that marks the event handled.
 */
export function createMessageHandler(deps: Deps & { inbox: Inbox; router: Router; clock: () => Date; onEnqueued?: () => void }) {
  const { db, inbox, router, log, outbox, identity } = deps
  const bindingOf = db.prepare(`SELECT zone_id AS zoneId FROM chat_bindings WHERE chat_id = ?`)
  const rememberDirect = db.prepare(`INSERT OR IGNORE INTO direct_chats (chat_id) VALUES (?)`)
  let draining: Promise<void> | null = null

  /** Records the message; false for a duplicate. The caller answers Lark after this returns. */
  function accept(incoming: Incoming): boolean {
    const fresh = inbox.accept({ eventId: incoming.eventId, messageId: incoming.messageId, payload: incoming, now: incoming.receivedAt })
    if (!fresh) log.info({ event: incoming.eventId, message: incoming.messageId }, 'duplicate event ignored')
    else schedule()
    return fresh
  }

  /**
   * Handles everything accepted and not yet handled (also what a crash left behind), a few rows per turn
   * of the event loop so that new requests are acknowledged in between.
   */
  function schedule(): Promise<void> {
    draining ??= new Promise<void>((resolve) => {
      const step = () => {
        try {
          const rows = inbox.unhandled(16)
          rows.forEach(handleRow)
          if (rows.length > 0) return void setImmediate(step)
        } catch (err) {
          log.error({ err }, 'inbox drain failed')
        }
        draining = null
        resolve()
      }
      setImmediate(step)
    })
    return draining
  }

  function handleRow(row: { id: number; payload: string }) {
    const incoming = JSON.parse(row.payload) as Incoming
    const now = deps.clock()
    let command: string | null = null
    let outcome: string
    try {
      db.transaction(() => {
        if (incoming.chatType === 'p2p') rememberDirect.run(incoming.chatId)
        const result = router.route({ text: incoming.text, me: identity.identify(incoming.openId), chat: chatOf(incoming), messageId: incoming.messageId, now })
        command = result.command
        outcome = result.outcome
        enqueueReply(incoming, result.reply, now)
        inbox.markHandled(row.id, now.getTime())
      })()
    } catch (err) {
      const ref = randomBytes(3).toString('hex')
      outcome = 'error'
      log.error({ err, ref, event: incoming.eventId, command }, 'command failed')
      db.transaction(() => {
        enqueueReply(incoming, text(`抱歉，处理这条消息时出了问题，已记录（编号 ${ref}）。请稍后再试，或把编号告诉管理员。`), now)
        inbox.markHandled(row.id, now.getTime())
      })()
    }
    log.info({ event: incoming.eventId, command, outcome: outcome!, ms: Date.now() - incoming.receivedAt }, 'event handled')
    deps.onEnqueued?.()
  }

  function chatOf(incoming: Incoming): ChatInfo {
    const binding = bindingOf.get(incoming.chatId) as { zoneId: number | null } | undefined
    return { id: incoming.chatId, type: incoming.chatType, binding }
  }

  function enqueueReply(incoming: Incoming, reply: Reply, now: Date) {
    outbox.enqueue({ receiveId: incoming.chatId, replyTo: incoming.messageId, ...toLarkMessage(reply), source: incoming.eventId }, now.getTime())
  }

  return { accept, drain: schedule }
}
export type MessageHandler = ReturnType<typeof createMessageHandler>
