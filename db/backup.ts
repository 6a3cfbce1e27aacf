import Database from 'better-sqlite3'
import type { Db } from './open'

/**
 * An online backup of `db` into a new file, then SQLite's own check of the copy. SQLite's backup restarts
 * whenever another connection writes between steps; copying every page in a single step reads one
 * consistent snapshot (WAL lets the bot keep writing meanwhile).
 */
export async function backupTo(db: Db, target: string): Promise<{ pages: number }> {
  const result = await db.backup(target, { progress: () => 0x7fffffff })
  const copy = new Database(target, { readonly: true })
  try {
    const check = copy.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`备份文件校验失败：${String(check)}`)
  } finally {
    copy.close()
  }
  return { pages: result.totalPages }
}
