import type { Db } from '../open'

/**
 * The `settings` table: a few values the bot keeps for itself (the map's signing key, the income lines
 * household_standing.meets was computed with, the demo data's marker). Not the operator's config file.
 */
export function createKeyValues(db: Db) {
  const get = db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck()
  const set = db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`)
  const add = db.prepare(`INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)`)
  return {
    get: (key: string) => get.get(key) as string | undefined,
    set: (key: string, value: string) => void set.run(key, value),
    /** Keeps the stored value when there is one (two processes starting at once agree on the first). */
    setIfAbsent: (key: string, value: string) => void add.run(key, value),
  }
}
export type KeyValues = ReturnType<typeof createKeyValues>
