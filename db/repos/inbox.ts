import type { Db } from '../open'

/**
 * How long a handled event's ids are kept for deduplication: far longer than Lark's redelivery schedule
 * (last retry after ~7 h). An event created before this cannot be told from a replay, so it is refused.
 */
export const INBOX_RETENTION_MS = 7 * 86_400_000

/** Accepted events, written before Lark is told "200": the dedupe record and the work queue in one. */
export function createInbox(db: Db) {
  const insert = db.prepare(`INSERT OR IGNORE INTO inbox (event_id, message_id, payload, received_at, handled_at)
                             VALUES (?, ?, ?, ?, ?)`)
  const unhandled = db.prepare(`SELECT id, payload FROM inbox WHERE handled_at IS NULL ORDER BY id LIMIT ?`)
  const handled = db.prepare(`UPDATE inbox SET handled_at = ?, payload = NULL WHERE id = ?`)
  const prune = db.prepare(`DELETE FROM inbox WHERE handled_at IS NOT NULL AND received_at < ?`)
  return {
    /**
     * Records an event; false when its event_id or message_id was seen before (Lark redelivers on a slow
     * answer, and may resend a message under a new event_id). `handledAt` is set for events handled inline.
     */
    accept(e: { eventId: string; messageId: string | null; payload: unknown; now: number; handledAt?: number }): boolean {
      const payload = e.handledAt === undefined ? JSON.stringify(e.payload) : null
      return insert.run(e.eventId, e.messageId, payload, e.now, e.handledAt ?? null).changes === 1
    },
    unhandled(limit: number): { id: number; payload: string }[] {
      return unhandled.all(limit) as { id: number; payload: string }[]
    },
    markHandled(id: number, now: number) {
      handled.run(now, id)
    },
    /** Forgets handled events received before `olderThan` (see INBOX_RETENTION_MS). */
    prune(olderThan: number): number {
      return prune.run(olderThan).changes
    },
  }
}
export type Inbox = ReturnType<typeof createInbox>
