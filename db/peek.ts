import Database from 'better-sqlite3'

/**
 * One value of the settings table of the database file at `path`, read without changing it: a read-only
 * connection, no migration, no journal mode, no integrity check (beside a WAL database SQLite leaves the
 * empty -wal and -shm any reader does). Undefined when the table has no such key; null when the file is no
 * SQLite database, or one without the bot's settings table.
 */
export function peekSetting(path: string, key: string): string | undefined | null {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined
  } catch (err) {
    const e = err as { code?: string; message?: string }
    if (e.code === 'SQLITE_NOTADB' || /no such table/.test(e.message ?? '')) return null
    throw err
  } finally {
    db.close()
  }
}
