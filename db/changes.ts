import type { Db } from './open'

/**
 * A value that differs after any write to the database, by anyone: this connection's `total_changes()`
 * moves with every write it makes, `PRAGMA data_version` with every commit by another connection (an admin
 * import, a second process). For caches that must never be older than the data (src/web/area-cache.ts).
 */
export function createChangeStamp(db: Db): () => string {
  const changes = db.prepare(`SELECT total_changes()`).pluck()
  return () => `${String(changes.get())}|${String(db.pragma('data_version', { simple: true }))}`
}
