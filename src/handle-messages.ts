import { randomBytes } from 'node:crypto'
import type { ChatInfo } from '../commands/define'
import type { Deps } from './deps'
import type { Incoming } from './lark/inbound'
import type { RouteResult, Router } from './router'
import { text, toLarkMessage, type Reply } from './reply'
import { guardReply } from './privacy/reply-guard'
import { diskProblemOf, isBusy, type DbHealth } from './db-health'
import { menuCommand } from './lark/menu'
import { routeAttachment } from './files/route'

/**
 * The one path every chat message (and bot-menu press) takes after its transport: accept (durably,
 * deduplicated) → answer Lark → route → enqueue the reply in the same transaction that marks the event
 * handled. A menu press is routed as the command its key stands for, typed in the person's direct chat.
 */
/** What became of one message (or menu press, which has no message id): the command it named (null when none) and the router's outcome. */
export interface Handled { eventId: string; messageId: string | null; command: string | null; outcome: RouteResult['outcome'] | 'error' }

export function createMessageHandler(deps: Deps & { router: Router; clock: () => Date; onEnqueued?: () => void; health?: DbHealth; onHandled?: (h: Handled) => void }) {
  const { tx, inbox, router, log, outbox, identity } = deps
  let draining: Promise<void> | null = null

  /** Records the message; false for a duplicate. The caller answers Lark after this returns. */
  function accept(incoming: Incoming): boolean {
    const fresh = inbox.accept({ eventId: incoming.eventId, messageId: incoming.messageId, payload: incoming, now: incoming.receivedAt })
    if (!fresh) log.info({ event: incoming.eventId, message: incoming.messageId }, 'duplicate event ignored')
    else void schedule()   // drains in the background; its errors are logged inside
    return fresh
  }

  let arrived: { incoming: Incoming; done: (fresh: boolean) => void; fail: (err: unknown) => void }[] = []
  /**
   * accept() for the transports (group commit): the events that arrive in one turn of the event loop are
   * written in one transaction, so one fsync (synchronous=FULL) makes them all durable; each promise
   * settles after that commit, and only then is Lark answered. A failed commit rejects them all (→ 500,
   * Lark redelivers).
   */
  function acceptBatched(incoming: Incoming): Promise<boolean> {
    return new Promise((done, fail) => {
      if (arrived.push({ incoming, done, fail }) === 1) setImmediate(commitArrived)
    })
  }

  function commitArrived() {
    const batch = arrived
    arrived = []
    let fresh: boolean[]
    try {
      fresh = tx.run(() => batch.map((b) => accept(b.incoming)))
    } catch (err) {
      return batch.forEach((b) => b.fail(err))
    }
    batch.forEach((b, i) => b.done(fresh[i]!))
  }

  /**
   * Handles everything accepted and not yet handled (also what a crash left behind), a few rows per turn
   * of the event loop so that new requests are acknowledged in between.
   */
  function schedule(): Promise<void> {
    draining ??= new Promise<void>((resolve) => {
      const step = () => {
        try {
          // One commit (one fsync) for the turn's rows; each row is still its own savepoint inside it. The
          // rows are read under the write lock (IMMEDIATE): a second process on the same file cannot pick
          // the same rows between the read and the commit, so no event is handled twice.
          const handled = tx.immediate(() => {
            const rows = inbox.unhandled(16)
            rows.forEach(handleRow)
            return rows.length
          })
          if (handled > 0) {
            deps.health?.ok()
            return void setImmediate(step)
          }
        } catch (err) {
          if (isBusy(err)) log.warn({ code: (err as { code?: string }).code }, 'database busy (another process writes); the inbox is drained again shortly')
          else {
            deps.health?.report(err)
            log.error({ err }, 'inbox drain failed')
          }
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
    let outcome: Handled['outcome']
    try {
      tx.run(() => {
        if (incoming.chatType === 'p2p' && incoming.chatId) deps.chats.rememberDirect(incoming.chatId)
        const me = identity.identify(incoming.openId)
        // A file, pictures or another kind of message: answered now, downloads queued (src/files/). A menu
        // press is the command its key stands for.
        const text = incoming.menuKey === undefined ? incoming.text : menuCommand(incoming.menuKey, me)
        const result = incoming.attachment && incoming.messageId !== null
          ? routeAttachment(deps, { ...incoming, attachment: incoming.attachment, messageId: incoming.messageId }, me, chatOf(incoming), now)
          : router.route({ text, me, chat: chatOf(incoming), messageId: incoming.messageId ?? '', now })
        command = result.command
        outcome = result.outcome
        for (const reply of result.replies) enqueueReply(incoming, reply, now)
        inbox.markHandled(row.id, now.getTime())
      })
    } catch (err) {
      // A full or read-only disk, or a lock another process holds, is not the command's fault: no apology,
      // the row stays unhandled and the drain tries it again (src/app.ts) once the disk or the lock is free.
      if (diskProblemOf(err) || isBusy(err)) throw err
      const ref = randomBytes(3).toString('hex')
      outcome = 'error'
      log.error({ err, ref, event: incoming.eventId, command }, 'command failed')
      tx.run(() => {
        enqueueReply(incoming, text(`抱歉，处理这条消息时出了问题，已记录（编号 ${ref}）。请稍后再试，或把编号告诉管理员。`), now)
        inbox.markHandled(row.id, now.getTime())
      })
    }
    log.info({ event: incoming.eventId, command, ...(incoming.menuKey === undefined ? {} : { menu: incoming.menuKey }), outcome: outcome!, ms: Date.now() - incoming.receivedAt }, 'event handled')
    deps.onHandled?.({ eventId: incoming.eventId, messageId: incoming.messageId, command, outcome: outcome! })
    deps.onEnqueued?.()
  }

  function chatOf(incoming: Incoming): ChatInfo {
    return { id: incoming.chatId, type: incoming.chatType, binding: deps.bindings.zoneOf(incoming.chatId) }
  }

  /** A reply to the message, or, for a menu press, a message to the person's direct chat. */
  function enqueueReply(incoming: Incoming, reply: Reply, now: Date) {
    const m = toLarkMessage(reply)
    const to = incoming.messageId === null
      ? { receiveId: incoming.openId, receiveIdType: 'open_id' as const }
      : { receiveId: incoming.chatId, replyTo: incoming.messageId }
    outbox.enqueue({ ...to, ...m, content: guardReply(m.content, incoming.chatType), source: incoming.eventId }, now.getTime())
  }

  return { accept, acceptBatched, drain: schedule }
}
export type MessageHandler = ReturnType<typeof createMessageHandler>
