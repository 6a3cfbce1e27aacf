import Database from 'better-sqlite3'
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs'
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
  let db: Db
  try {
    db = new Database(path, { readonly: opts.readonly ?? false })
  } catch (err) {
    throw opts.readonly ? err : whyNotOpened(path, err)
  }
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    if (!opts.skipIntegrityCheck) assertSound(db, path)
    if (!opts.readonly) migrate(db)
  } catch (err) {
    if (db.open) db.close()   // a caller that tries again (read-only disk at start-up) must not leak handles
    // A file SQLite cannot even read as a database is refused like one that fails the check.
    const code = String((err as { code?: unknown }).code ?? '')
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') throw corrupt(path, (err as Error).message)
    throw err
  }
  return db
}

/**
 * A file SQLite can only read (its mode, a read-only mount) opens without complaint, and a current schema
 * asks for no write: the bot would start and fail at its first report. A write, rolled back, says so now
 * (SQLITE_READONLY), where start-up reports it. (The admin CLI's reads work on such a file.)
 */
export function assertWritable(db: Db) {
  const wait = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma('busy_timeout = 0')   // a lock held elsewhere answers at once: it is the answer we need
  db.exec('BEGIN')
  try {
    db.pragma(`user_version = ${Number(db.pragma('user_version', { simple: true }))}`)
  } catch (err) {
    // Another process holding the write lock (an import, a second bot) proves the file writable, not the opposite.
    if (!String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_BUSY')) throw err
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK')
    db.pragma(`busy_timeout = ${wait}`)
  }
}

/**
 * SQLite says only "unable to open database file" (SQLITE_CANTOPEN) when it may not create the file or
 * write it: the file system's own answer (EACCES, EROFS) says that the folder or the file is read-only.
 */
function whyNotOpened(path: string, err: unknown): unknown {
  if ((err as { code?: unknown }).code !== 'SQLITE_CANTOPEN') return err
  try {
    accessSync(dirname(path), constants.W_OK)
    if (existsSync(path)) accessSync(path, constants.R_OK | constants.W_OK)
  } catch (fsError) {
    return fsError
  }
  return err
}

function assertSound(db: Db, path: string) {
  const integrity = db.pragma('quick_check', { simple: true })
  const fkProblems = db.pragma('foreign_key_check') as unknown[]
  if (integrity !== 'ok' || fkProblems.length > 0) {
    db.close()
    throw corrupt(path, integrity !== 'ok' ? String(integrity) : `${fkProblems.length} 处外键不一致`)
  }
}

function corrupt(path: string, why: string) {
  return new DatabaseCorruptError(
    `数据库文件 ${path} 已损坏（${why}）。机器人不会在损坏的文件上运行：请停止机器人，` +
    '用最近的备份替换该文件并删除旁边的 -wal、-shm 文件（见 README「Operations → Restore」），再启动。',
  )
}

/** How long a write waits for another process's write lock before SQLITE_BUSY (start-up waits the usual 5 s). */
export function setLockWait(db: Db, ms: number) {
  db.pragma(`busy_timeout = ${ms}`)
}
