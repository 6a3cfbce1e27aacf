import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { assertWritable, openDatabase } from '../db/open'
import { tempDbPath, tempDir } from './helpers/temp'

describe('the start-up check that the database can be written', () => {
  it('refuses a connection that cannot write, with SQLite\'s read-only code', () => {
    const db = openDatabase(tempDbPath(tempDir()))
    db.pragma('query_only = ON')   // what a read-only file or mount does to every write
    expect(() => assertWritable(db)).toThrow(expect.objectContaining({ code: 'SQLITE_READONLY' }))
    expect(db.inTransaction).toBe(false)
    db.close()
  })

  it('takes another process holding the write lock as writable, at once, and leaves busy_timeout as it was', () => {
    const path = tempDbPath(tempDir())
    const db = openDatabase(path)
    const other = new Database(path)
    other.exec('BEGIN IMMEDIATE')
    expect(() => assertWritable(db)).not.toThrow()
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.inTransaction).toBe(false)
    other.exec('ROLLBACK')
    other.close()
    db.close()
  })
})
