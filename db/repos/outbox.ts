import type { Db } from '../open'

export interface OutgoingMessage {
  /** chat_id (or open_id with receiveIdType): where it goes, and the key for per-chat pacing. */
  receiveId: string
  receiveIdType?: 'chat_id' | 'open_id'
  /** message_id to reply to: every answer to a user's message is a reply to it. */
  replyTo?: string
  msgType: 'text' | 'interactive' | 'file'
  /** Lark's content JSON; for a file, the file's name and contents as data (src/export/file-message.ts). */
  content: string
  source?: string
  /** Made an in-app urgent (加急) for this person once sent (scheduler/direct-reminders.ts). */
  urgentOpenId?: string
}

export interface OutboxRow {
  id: number
  receive_id: string
  receive_id_type: 'chat_id' | 'open_id'
  reply_to: string | null
  msg_type: 'text' | 'interactive' | 'file'
  content: string
  /** Set only on file rows queued before the sender rendered workbooks itself (older versions queued the bytes). */
  file_name: string | null
  file_bytes: Buffer | null
  attempts: number
  next_attempt_at: number
  urgent_open_id: string | null
}

/**
 * The durable queue between "a reply was decided" and "Lark has it". Once Lark has a message its content is
 * blanked: replies hold names and battle-map links, and keeping them adds nothing but exposure.
 */
export function createOutbox(db: Db) {
  const insert = db.prepare(`
    INSERT INTO outbox (receive_id, receive_id_type, reply_to, msg_type, content, source, urgent_open_id, next_attempt_at, created_at)
    VALUES (@receiveId, @receiveIdType, @replyTo, @msgType, @content, @source, @urgentOpenId, @now, @now)`)
  const due = db.prepare(`
    SELECT id, receive_id, receive_id_type, reply_to, msg_type, content, file_name, file_bytes, attempts, next_attempt_at, urgent_open_id
    FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
    ORDER BY next_attempt_at, id LIMIT ?`)
  const lease = db.prepare(`
    UPDATE outbox SET lease_until = @until, lease_owner = @owner
    WHERE id = @id AND status = 'pending' AND (lease_until IS NULL OR lease_until <= @now)`)
  const sent = db.prepare(`
    UPDATE outbox SET status = 'sent', message_id = ?, attempts = attempts + 1, lease_until = NULL, finished_at = ?,
                      content = '', file_bytes = NULL
    WHERE id = ?`)
  // Lark answers a send by open_id with the person's direct chat: remembered, so a callback from a card sent
  // there is known as a direct chat's before they ever write to the bot (db/repos/chats.ts).
  const directChat = db.prepare(`
    INSERT OR IGNORE INTO direct_chats (chat_id)
    SELECT @chatId FROM outbox WHERE id = @id AND receive_id_type = 'open_id' AND reply_to IS NULL`)
  const recordSent = db.transaction((id: number, messageId: string, now: number, chatId?: string) => {
    sent.run(messageId, now, id)
    if (chatId) directChat.run({ chatId, id })
  })
  const failed = db.prepare(`
    UPDATE outbox SET status = 'failed', last_error = ?, error_code = ?, attempts = attempts + 1, lease_until = NULL, finished_at = ? WHERE id = ?`)
  const unthread = db.prepare(`
    UPDATE outbox SET reply_to = NULL, next_attempt_at = ?, last_error = ?, error_code = ?, attempts = attempts + 1, lease_until = NULL
    WHERE id = ? AND status = 'pending'`)
  const failures = db.prepare(`SELECT error_code AS code, COUNT(*) AS n FROM outbox WHERE status = 'failed' GROUP BY error_code ORDER BY n DESC, code`)
  const retry = db.prepare(`
    UPDATE outbox SET next_attempt_at = ?, last_error = ?, attempts = attempts + 1, lease_until = NULL WHERE id = ?`)
  const nextDue = db.prepare(`SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) AS at FROM outbox WHERE status = 'pending'`)
  const owners = db.prepare(`SELECT DISTINCT lease_owner FROM outbox WHERE status = 'pending' AND lease_until > ? AND lease_owner IS NOT NULL`).pluck()
  const release = db.prepare(`UPDATE outbox SET lease_until = NULL, lease_owner = NULL WHERE status = 'pending' AND lease_owner = ?`)
  const urged = db.prepare(`UPDATE outbox SET urgent_result = ? WHERE id = ?`)
  const counts = db.prepare(`SELECT status, COUNT(*) AS n FROM outbox GROUP BY status`)
  const oldest = db.prepare(`SELECT MIN(created_at) AS at FROM outbox WHERE status = 'pending'`)

  return {
    enqueue(m: OutgoingMessage, now: number): number {
      return Number(insert.run({
        receiveId: m.receiveId,
        receiveIdType: m.receiveIdType ?? 'chat_id',
        replyTo: m.replyTo ?? null,
        msgType: m.msgType,
        content: m.content,
        source: m.source ?? null,
        urgentOpenId: m.urgentOpenId ?? null,
        now,
      }).lastInsertRowid)
    },
    /** Rows ready to send, oldest first. Not yet leased: call lease() on the ones you take. */
    due(now: number, limit: number): OutboxRow[] {
      return due.all(now, now, limit) as OutboxRow[]
    },
    /** Takes a row for `ms`; false if another sender has it. A crash mid-send frees it when the lease ends. */
    lease(id: number, now: number, ms: number, owner: string): boolean {
      return lease.run({ id, now, until: now + ms, owner }).changes === 1
    },
    /** Who holds leases that have not run out yet. */
    leaseOwners(now: number): string[] {
      return owners.all(now) as string[]
    },
    /** Frees the rows of a sender that is known to be dead (it crashed mid-send). */
    releaseLeases(owner: string): number {
      return release.run(owner).changes
    },
    /** `chatId`: the chat Lark says the message went to; for a row sent by open_id it is a direct chat. */
    markSent(id: number, messageId: string, now: number, chatId?: string) {
      recordSent(id, messageId, now, chatId)
    },
    /** How the in-app urgent of a sent row went: 'ok', or Lark's refusal. */
    markUrgent(id: number, result: string) {
      urged.run(result, id)
    },
    /** `code`: Lark's error code, when it gave one (null: no answer, or too many attempts without one). */
    markFailed(id: number, error: string, code: number | null, now: number) {
      failed.run(error, code, now, id)
    },
    /** The message a reply answers is gone (recalled…): the row becomes a plain message to the chat, due now. */
    sendAsPlainMessage(id: number, error: string, code: number, now: number) {
      unthread.run(now, error, code, id)
    },
    /** Failed rows by Lark's error code (null: failed without one), most frequent first. */
    failuresByCode(): { code: number | null; n: number }[] {
      return failures.all() as { code: number | null; n: number }[]
    },
    retryAt(id: number, at: number, error: string) {
      retry.run(at, error, id)
    },
    /** When the earliest pending row becomes sendable (epoch ms), or null when nothing is pending. */
    nextDueAt(): number | null {
      return (nextDue.get() as { at: number | null }).at
    },
    /** created_at of the oldest pending row (epoch ms), or null. */
    oldestPendingAt(): number | null {
      return (oldest.get() as { at: number | null }).at
    },
    counts(): { pending: number; sent: number; failed: number } {
      const out = { pending: 0, sent: 0, failed: 0 }
      for (const r of counts.all() as { status: keyof typeof out; n: number }[]) out[r.status] = r.n
      return out
    },
  }
}
export type Outbox = ReturnType<typeof createOutbox>
