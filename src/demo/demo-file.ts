import { existsSync, rmSync } from 'node:fs'
import { peekSetting } from '../../db/peek'
import { DEMO_MARKER, madeByThisGenerator } from './stamp'

/** How the demo found its database: none yet, one this code made, or one an older generator made (remade). */
export type DemoFileState = 'fresh' | 'reused' | 'rebuilt'

/**
 * Readies the demo's database file before anything opens it. Nothing there: it is made. A demo database
 * this code would make the same: it is used. One an older (or another) generator made: it holds only demo
 * data and what was typed into the demo, so it is deleted and made again. Anything else — the bot's real
 * database, another program's file — is refused as it is, not even migrated.
 */
export function readyDemoFile(path: string): DemoFileState {
  if (!existsSync(path)) return 'fresh'
  const marker = peekSetting(path, DEMO_MARKER)
  if (marker === null) throw new Error(`${path} 已存在，但不是战区助手的数据库。演示不会改动它：请把它移走或改名，再运行 npm run demo。`)
  if (marker === undefined) {
    throw new Error(`${path} 是战区助手的数据库，但不是演示数据（没有演示标记）。演示不会改动它：请把它移走或改名，再运行 npm run demo。`)
  }
  if (madeByThisGenerator(marker)) return 'reused'
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  return 'rebuilt'
}
