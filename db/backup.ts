import Database from 'better-sqlite3'
import type { Db } from './open'
import { createEvidence, type StoredFile } from './repos/evidence'

/**
 * An online backup of `db` into a new file, then SQLite's own check of the copy. SQLite's backup restarts
 * whenever another connection writes between steps; copying every page in a single step reads one
 * consistent snapshot (WAL lets the bot keep writing meanwhile). `files`: the evidence files the copy
 * refers to, read from the copy, so they are those of the same moment.
 */
export async function backupTo(db: Db, target: string): Promise<{ pages: number; files: StoredFile[] }> {
  const result = await db.backup(target, { progress: () => 0x7fffffff })
  const copy = new Database(target, { readonly: true })
  try {
    const check = copy.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new Error(`备份文件校验失败：${String(check)}`)
    return { pages: result.totalPages, files: createEvidence(copy).storedFiles() }
  } finally {
    copy.close()
  }
}
