import type { WriteProbe } from '../db/health'

/** What the disk under the database is doing, as /healthz reports it. */
export type DbState = 'ok' | 'read-only' | 'full' | 'io-error' | 'corrupt' | 'closed'
export type DiskProblem = Exclude<DbState, 'ok' | 'closed'>

/** What an operator should do, per problem (shown in the log and in /healthz). */
export const DISK_HELP: Record<DiskProblem, string> = {
  'read-only': '数据库文件不可写（只读）：检查文件及所在目录的权限和属主，以及磁盘是否被挂载为只读',
  full: '磁盘已满：清理或扩容 DATABASE_PATH 所在的磁盘',
  'io-error': '读写数据库文件出错：检查磁盘和文件系统（dmesg）',
  corrupt: '数据库文件已损坏：停止机器人，按 README「Restore」用最近的备份恢复',
}

/**
 * The disk's part in an error from better-sqlite3, or from the file system around it (the database's folder
 * that cannot be made or written: EACCES, EROFS); null when it is not the disk (a bug, a busy lock).
 */
export function diskProblemOf(err: unknown): DiskProblem | null {
  const code = String((err as { code?: unknown })?.code ?? '')
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'read-only'
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'full'
  if (code === 'EIO') return 'io-error'
  if (code.startsWith('SQLITE_READONLY')) return 'read-only'
  if (code === 'SQLITE_FULL') return 'full'
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'io-error'
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') return 'corrupt'
  return null
}

/**
 * Another process holds the write lock longer than busy_timeout (a second bot on the same file, an admin
 * import). Nothing is wrong with the work: it is tried again, never answered as a failure.
 */
export function isBusy(err: unknown): boolean {
  const code = String((err as { code?: unknown })?.code ?? '')
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
}

/**
 * How long any write of the bot may wait for another process's write lock (an admin import, a second bot).
 * better-sqlite3 waits synchronously, so the whole event loop waits with it: every webhook answer, the
 * inbox drain, the sender. Lark wants an answer within 3 s; better a quick 503 (Lark redelivers), a
 * "try again" toast, or a drain tried again a few seconds later than all of them held for seconds.
 */
export const ANSWER_LOCK_WAIT_MS = 1000

/**
 * Whether the bot can still write. /healthz asks it each time: a write that needs a fresh page, rolled
 * back, finds a read-only file or a full database without leaving anything behind. A real write that
 * failed (reported here) counts until a real write succeeds again, because a rolled-back write never
 * reaches the disk and so cannot see every full disk.
 */
export function createDbHealth(probe: WriteProbe) {
  let failed: { problem: DiskProblem; error: string } | null = null

  return {
    /** Remembers an error from a real write when it is the disk's fault; says whether it was. */
    report(err: unknown): boolean {
      const problem = diskProblemOf(err)
      if (problem) failed = { problem, error: err instanceof Error ? err.message : String(err) }
      return problem !== null
    },
    /** A real write went through. */
    ok() {
      failed = null
    },
    check(): { state: DbState; error?: string } {
      if (!probe.isOpen()) return { state: 'closed' }
      try {
        // While a real write is failing, only a real (committed) write shows that the disk is back.
        probe.write(failed !== null)
        failed = null
        return { state: 'ok' }
      } catch (err) {
        // Another process holds the lock (an admin command): /healthz never waits for it.
        if (String((err as { code?: unknown }).code).startsWith('SQLITE_BUSY')) return failed ? { state: failed.problem, error: failed.error } : { state: 'ok' }
        const problem = diskProblemOf(err) ?? 'io-error'
        return { state: problem, error: err instanceof Error ? err.message : String(err) }
      }
    },
  }
}
export type DbHealth = ReturnType<typeof createDbHealth>
