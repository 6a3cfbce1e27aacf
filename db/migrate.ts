import type Database from 'better-sqlite3'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url))

/**
 * Forward-only migrations: `NNNN_name.sql`, applied in order, each in one transaction, the number of the
 * last one applied in PRAGMA user_version. A database newer than the code is refused.
 */
export function migrate(db: Database.Database, dir = migrationsDir): number {
  const files = readdirSync(dir).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort()
  const numbers = files.map((f) => Number(f.slice(0, 4)))
  if (new Set(numbers).size !== numbers.length) throw new Error(`两个迁移文件编号相同：${files.join(', ')}`)
  const latest = numbers.at(-1) ?? 0
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > latest) {
    throw new Error(`数据库版本 ${current} 比程序支持的版本 ${latest} 新：请升级程序，不要用旧版本打开它。`)
  }
  for (const [i, file] of files.entries()) {
    const version = numbers[i]!
    if (version <= current) continue
    const sql = readFileSync(join(dir, file), 'utf8')
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version}`)
    })()
  }
  return latest
}
