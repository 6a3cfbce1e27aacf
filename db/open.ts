import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { migrate } from './migrate'

export type Db = Database.Database

export class DatabaseCorruptError extends Error {}

/**
 * Opens (creating if needed) the SQLite file, checks it is sound and brings its schema up to date.
 * synchronous=FULL: an acknowledged event must survive a power cut, not only a crash (README, "Durability").
 */
export function openDatabase(path: string, opts: { readonly?: boolean; skipIntegrityCheck?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = new Database(path, { readonly: opts.readonly ?? false })
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  if (!opts.skipIntegrityCheck) assertSound(db, path)
  if (!opts.readonly) migrate(db)
  return db
}

function assertSound(db: Db, path: string) {
  const integrity = db.pragma('quick_check', { simple: true })
  const fkProblems = db.pragma('foreign_key_check') as unknown[]
  if (integrity !== 'ok' || fkProblems.length > 0) {
    db.close()
    throw new DatabaseCorruptError(
      `数据库文件 ${path} 已损坏（${integrity !== 'ok' ? String(integrity) : `${fkProblems.length} 处外键不一致`}）。` +
      '请停止机器人，用最近的备份替换该文件（见 README「备份与恢复」），再启动。',
    )
  }
}
