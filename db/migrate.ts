import type Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url))

/** Forward-only migrations: `NNNN_name.sql`, each in one transaction, the version in PRAGMA user_version. */
export function migrate(db: Database.Database, dir = migrationsDir): number {
  const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
  const latest = files.length
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new Error(`数据库版本 ${current} 比程序支持的版本 ${latest} 新：请升级程序，不要用旧版本打开它。`)
  }
  for (const [i, file] of files.entries()) {
    const version = i + 1
    if (version <= current) continue
    if (Number(file.slice(0, 4)) !== version) throw new Error(`迁移文件编号不连续：${file}`)
    const sql = readFileSync(join(dir, file), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  }
  return latest
}
