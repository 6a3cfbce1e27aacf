import type { Db } from '../open'

export type ChatFileKind = 'import' | 'photo'
export type ChatFileState = 'received' | 'ready' | 'confirmed' | 'imported' | 'stored' | 'refused' | 'failed' | 'expired' | 'replaced'

export interface ChatFile {
  id: number
  kind: ChatFileKind
  messageId: string
  fileKey: string
  chatId: string
  openId: string
  fileName: string | null
  recordId: number | null
  state: ChatFileState
  path: string | null
  createdAt: number
  expiresAt: number | null
}

const COLUMNS = `id, kind, message_id AS messageId, file_key AS fileKey, chat_id AS chatId, open_id AS openId,
  file_name AS fileName, record_id AS recordId, state, path, created_at AS createdAt, expires_at AS expiresAt`

/**
 * The queue of files people sent the bot, from the message to the end of the work (docs/architecture.md
 * "Files from chats"). Each change of state is one UPDATE that names the state it leaves, so two presses of
 * 确认导入, or a confirm racing the expiry, change a row once.
 */
export function createChatFiles(db: Db) {
  const insert = db.prepare(`
    INSERT OR IGNORE INTO chat_files (kind, message_id, file_key, chat_id, open_id, file_name, record_id, state, created_at)
    VALUES (@kind, @messageId, @fileKey, @chatId, @openId, @fileName, @recordId, 'received', @now)`)
  const byId = db.prepare(`SELECT ${COLUMNS} FROM chat_files WHERE id = ?`)
  const work = db.prepare(`SELECT ${COLUMNS} FROM chat_files WHERE state IN ('received', 'confirmed')
                            AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id LIMIT 1`)
  const lease = db.prepare(`UPDATE chat_files SET lease_until = @until WHERE id = @id AND state = @state
                            AND (lease_until IS NULL OR lease_until <= @now)`)
  const move = db.prepare(`
    UPDATE chat_files SET state = @to, path = @path, expires_at = @expiresAt, finished_at = @finishedAt, lease_until = NULL
    WHERE id = @id AND state = @from`)
  const confirm = db.prepare(`UPDATE chat_files SET state = 'confirmed', lease_until = NULL WHERE id = ? AND state = 'ready' AND expires_at > ?`)
  const readyOf = db.prepare(`SELECT ${COLUMNS} FROM chat_files WHERE kind = 'import' AND state = 'ready' AND open_id = ? AND id <> ?`)
  const expired = db.prepare(`SELECT ${COLUMNS} FROM chat_files WHERE state = 'ready' AND expires_at <= ?`)
  const pending = db.prepare(`SELECT COUNT(*) FROM chat_files WHERE message_id = ? AND state = 'received'`).pluck()
  const open = db.prepare(`SELECT id FROM chat_files WHERE state IN ('received', 'ready', 'confirmed')`).pluck()

  const moveTo = (id: number, from: ChatFileState, to: ChatFileState, o: { path?: string | null; expiresAt?: number | null; now: number }) =>
    move.run({ id, from, to, path: o.path ?? null, expiresAt: o.expiresAt ?? null, finishedAt: o.now }).changes === 1

  return {
    /** Queues a file to fetch; null when this message's file is queued already (a redelivery). */
    receive(f: { kind: ChatFileKind; messageId: string; fileKey: string; chatId: string; openId: string; fileName?: string | null; recordId?: number | null }, now: number): number | null {
      const r = insert.run({ ...f, fileName: f.fileName ?? null, recordId: f.recordId ?? null, now })
      return r.changes === 1 ? Number(r.lastInsertRowid) : null
    },
    get: (id: number) => (byId.get(id) as ChatFile | undefined) ?? null,
    /**
     * Takes the oldest file with work to do — to fetch (received) or to import (confirmed) — for `ms`;
     * null when there is none that another process has not taken.
     */
    takeWork(now: number, ms: number): ChatFile | null {
      return db.transaction(() => {
        const f = work.get(now) as ChatFile | undefined
        return f && lease.run({ id: f.id, state: f.state, now, until: now + ms }).changes === 1 ? f : null
      }).immediate()
    },
    /** A checked workbook kept at `path` for its sender to confirm until `expiresAt`. */
    ready: (id: number, path: string, expiresAt: number, now: number) => moveTo(id, 'received', 'ready', { path, expiresAt, now }),
    /** The 确认导入 press: true only for the press that finds it ready and in time. */
    confirm: (id: number, now: number) => confirm.run(id, now).changes === 1,
    /** The end of a file's work (nothing kept any more). */
    finish: (id: number, from: ChatFileState, to: ChatFileState, now: number) => moveTo(id, from, to, { now }),
    /** The same sender's earlier workbooks still waiting for 确认导入: a newer one replaces them. */
    otherReady: (openId: string, id: number) => readyOf.all(openId, id) as ChatFile[],
    /** Ready workbooks whose 30 minutes have passed. */
    expiredBy: (now: number) => expired.all(now) as ChatFile[],
    /** How many files of one message still wait to be fetched. */
    pendingOf: (messageId: string) => pending.get(messageId) as number,
    /** The files whose work is not over: what the folders hold for any other is a leftover. */
    openIds: () => new Set(open.all() as number[]),
  }
}
export type ChatFiles = ReturnType<typeof createChatFiles>
