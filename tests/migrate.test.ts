import Database from 'better-sqlite3'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { migrate } from '../db/migrate'
import { openDatabase } from '../db/open'
import { tempDbPath, tempDir } from './helpers/temp'

const dir = tempDir()

function migrationsDir(files: Record<string, string>) {
  const d = join(dir, `m${Math.random().toString(36).slice(2)}`)
  mkdirSync(d)
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(d, name), sql)
  return d
}

describe('migrations', () => {
  it('applies each file once, in order, recording the version', () => {
    const db = new Database(':memory:')
    const d = migrationsDir({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_b.sql': 'CREATE TABLE b (y);' })
    expect(migrate(db, d)).toBe(2)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    expect(() => migrate(db, d)).not.toThrow()   // second run: nothing to do
    writeFileSync(join(d, '0003_c.sql'), 'INSERT INTO a VALUES (1);')
    migrate(db, d)
    expect(db.prepare('SELECT COUNT(*) AS n FROM a').get()).toEqual({ n: 1 })
  })

  it('rolls a failing migration back whole', () => {
    const db = new Database(':memory:')
    const d = migrationsDir({ '0001_a.sql': 'CREATE TABLE a (x);', '0002_bad.sql': 'CREATE TABLE b (y); INSERT INTO nope VALUES (1);' })
    expect(() => migrate(db, d)).toThrow()
    expect(db.pragma('user_version', { simple: true })).toBe(1)
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'b'`).get()).toEqual({ n: 0 })
  })

  it('refuses a database newer than the code', () => {
    const db = new Database(':memory:')
    db.pragma('user_version = 99')
    expect(() => migrate(db, migrationsDir({ '0001_a.sql': 'SELECT 1;' }))).toThrow(/比程序支持的版本 1 新/)
  })

  it('opens the real schema with WAL, foreign keys and FULL sync, and refuses a corrupt file', () => {
    const path = tempDbPath(dir)
    const db = openDatabase(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    db.close()
    const bad = tempDbPath(dir)
    writeFileSync(bad, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]))
    expect(() => openDatabase(bad)).toThrow()
  })
})
