import type { Db } from '../open'

/**
 * What each chat's overdue digest listed, and each task's progress then (digest_entries), so the next
 * digest can shrink the tasks that have not moved since.
 */
export function createDigests(db: Db) {
  const last = db.prepare(`
    SELECT task_code AS code, ratio FROM digest_entries
    WHERE chat_id = ? AND digest_date = (SELECT MAX(digest_date) FROM digest_entries WHERE chat_id = ? AND digest_date < ?)`)
  const insert = db.prepare(`INSERT OR REPLACE INTO digest_entries (chat_id, digest_date, task_code, ratio) VALUES (?, ?, ?, ?)`)
  return {
    /** The tasks of the chat's digest before `date`, with their progress then. */
    before(chatId: string, date: string): Map<string, number> {
      const rows = last.all(chatId, chatId, date) as { code: string; ratio: number }[]
      return new Map(rows.map((r) => [r.code, r.ratio]))
    },
    remember(chatId: string, date: string, tasks: readonly { code: string; ratio: number }[]) {
      for (const t of tasks) insert.run(chatId, date, t.code, t.ratio)
    },
  }
}
export type Digests = ReturnType<typeof createDigests>
