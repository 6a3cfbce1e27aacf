import type { Db } from './open'

/**
 * Transactions for the code outside db/, which holds repositories, never the connection. better-sqlite3
 * makes a call inside an open transaction a savepoint: a command's savepoint inside its message's
 * transaction undoes only the command.
 */
export function createTransactions(db: Db) {
  return {
    /** BEGIN (deferred): the lock is taken by the first write; also a consistent read of one moment. */
    run: <T>(f: () => T): T => db.transaction(f)(),
    /** BEGIN IMMEDIATE: the write lock first, for a read-then-write that another process must not interleave. */
    immediate: <T>(f: () => T): T => db.transaction(f).immediate(),
    /** Runs `f` waiting at most `ms` for another process's write lock, instead of the connection's busy_timeout. */
    waitingAtMost<T>(ms: number, f: () => T): T {
      const before = db.pragma('busy_timeout', { simple: true }) as number
      db.pragma(`busy_timeout = ${ms}`)
      try {
        return f()
      } finally {
        if (db.open) db.pragma(`busy_timeout = ${before}`)
      }
    },
  }
}
export type Transactions = ReturnType<typeof createTransactions>
