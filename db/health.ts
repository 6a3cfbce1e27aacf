import type { Db } from './open'
import { createTransactions } from './transactions'

class Rollback extends Error {}

/**
 * The database's part of /healthz (src/db-health.ts decides what the answer means): a read, then a write
 * that needs pages the database may not have (8 KB), committed or rolled back — the row is gone again
 * either way. Never waits for another process's write lock: that throws SQLITE_BUSY at once.
 */
export function createWriteProbe(db: Db) {
  const tx = createTransactions(db)
  const read = db.prepare('SELECT 1')
  const put = db.prepare(`INSERT OR REPLACE INTO settings (key, value) VALUES ('healthz.probe', ?)`)
  const remove = db.prepare(`DELETE FROM settings WHERE key = 'healthz.probe'`)
  return {
    isOpen: () => db.open,
    /** Throws what SQLite says (read-only, full, I/O error, busy …); returns when the write went through. */
    write(commit: boolean): void {
      tx.waitingAtMost(0, () => {
        read.get()
        try {
          tx.run(() => {
            put.run('x'.repeat(8192))
            remove.run()
            if (!commit) throw new Rollback()
          })
        } catch (err) {
          if (!(err instanceof Rollback)) throw err
        }
      })
    },
  }
}
export type WriteProbe = ReturnType<typeof createWriteProbe>
