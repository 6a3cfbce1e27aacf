import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { migrate } from '../db/migrate'
import { openDatabase } from '../db/open'
import { openDemo, type DemoSession } from '../src/demo-session'
import { readyDemoFile } from '../src/demo/demo-file'
import { DEFAULT_SEED, generateDemoCounty } from '../src/demo/generator'
import { DEMO_MARKER, markerOf, stampComplete } from '../src/demo/stamp'
import { oldDemoDatabase, testDeps } from './helpers/demo'
import { seedFixture } from './helpers/fixture'
import { tempDir } from './helpers/temp'

// `npm run demo` on a ./data/demo.db that is already there: made again when an older generator made it,
// used when this code would make the same, refused untouched when it is not a demo database at all.
const dir = tempDir()
const sessions: DemoSession[] = []
afterAll(async () => {
  for (const s of sessions) await s.close()
})
let n = 0
const fresh = () => join(dir, `demo-${++n}.db`)
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')
function read<T>(path: string, sql: string): T {
  const db = new Database(path, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as T
  } finally {
    db.close()
  }
}
async function open(dbPath: string) {
  const s = await openDemo({ dbPath, env: {}, port: 0 })
  sessions.push(s)
  return s
}

describe('npm run demo on an existing demo database', () => {
  it('makes the database an older generator made again (it lacked the README\'s names and the rankings), says so, and keeps the new one', async () => {
    const path = fresh()
    writeFileSync(path, oldDemoDatabase())
    expect(read<number>(path, `SELECT count(*) FROM members WHERE name = '何伟'`)).toBe(0)
    expect(read<number>(path, `SELECT count(*) FROM rankings`)).toBe(0)

    const s = await open(path)
    expect(s.found).toBe('rebuilt')
    expect(s.banner()).toContain(`${path} 是旧版本生成的演示数据，已删除并按当前版本重新生成（其中只有演示数据）`)
    expect(s.db.prepare(`SELECT count(*) FROM members WHERE name = '何伟'`).pluck().get()).toBe(1)
    expect((await s.line('/排名')).output).toContain('考核排名')
    expect((await s.line('/村 上报 红岩洞村 通村道路硬化 12/15 已完成路基')).output).toMatch(/已记录 #\d+/)
    await s.close()
    sessions.pop()

    // Made by this code: used as it is, what was typed into it still there.
    const again = await open(path)
    expect(again.found).toBe('reused')
    expect(again.banner()).toContain(`使用已有的演示数据库 ${path}`)
    expect(again.db.prepare(`SELECT count(*) FROM records WHERE note = '已完成路基'`).pluck().get()).toBe(1)
  }, 60_000)

  it('tells an older generator by its stamp and by the registry rows it would make now, a half-made database by the missing stamp', () => {
    const now = new Date('2026-12-06T04:00:00Z')
    const rows = generateDemoCounty({ scale: 'demo', seed: DEFAULT_SEED, now })
    const marked = (o: { rows?: typeof rows; complete: boolean; seed?: number }) => {
      const path = fresh()
      const db = openDatabase(path)
      const deps = testDeps(db)
      deps.keyValues.set(DEMO_MARKER, markerOf({ scale: 'demo', seed: o.seed ?? DEFAULT_SEED, now }, o.rows ?? rows))
      if (o.complete) stampComplete(deps.keyValues)
      db.close()
      return path
    }
    const same = marked({ complete: true })
    expect(readyDemoFile(same)).toBe('reused')
    expect(existsSync(same)).toBe(true)
    expect(readyDemoFile(marked({ complete: true, seed: 7 }))).toBe('rebuilt')   // another seed: its own rows, no match
    const renamed = { ...rows, villages: rows.villages.map((v, i) => (i === 0 ? { ...v, name: `${v.name}旧` } : v)) }
    const older = marked({ rows: renamed, complete: true })
    expect(readyDemoFile(older)).toBe('rebuilt')
    expect(readdirSync(dir).filter((f) => f.startsWith(basename(older)))).toEqual([])   // with its -wal and -shm
    expect(readyDemoFile(marked({ complete: false }))).toBe('rebuilt')   // made up to a crash before the rankings
  })

  it('refuses, as they are, a file that is not a demo database: the bot\'s own (an older schema), another program\'s, an empty one', async () => {
    const real = fresh()
    const migrations = join(dir, 'migrations-0010')
    mkdirSync(migrations)
    const all = new URL('../db/migrations/', import.meta.url)
    for (const f of readdirSync(all).filter((f) => f < '0011')) copyFileSync(new URL(f, all), join(migrations, f))
    const old = new Database(real)
    migrate(old, migrations)
    old.exec(`INSERT INTO zones (id, name, commander_name, commander_phone) VALUES (1, '第一战区', '张指挥', '13800000001')`)
    old.close()
    const current = fresh()
    seedFixture(current)
    const text = fresh()
    writeFileSync(text, '县,乡镇,村\n南江县,团结乡,红岩洞村\n'.repeat(50))
    const empty = fresh()
    writeFileSync(empty, '')

    for (const [path, says] of [[real, '不是演示数据'], [current, '不是演示数据'], [text, '不是战区助手的数据库'], [empty, '不是战区助手的数据库']] as const) {
      const before = sha256(path)
      await expect(openDemo({ dbPath: path, env: {}, port: 0 }), path).rejects.toThrow(says)
      expect(sha256(path), path).toBe(before)
    }
    expect(read<number>(real, 'PRAGMA user_version')).toBe(10)   // not migrated
  })
})
