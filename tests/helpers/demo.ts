import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { Db } from '../../db/open'
import { createDeps, type Deps } from '../../src/deps'
import { loadConfig } from '../../src/config'
import { DEFAULT_SETTINGS } from '../../src/settings'
import { createLogger } from '../../src/log'
import { writeDemo, type WriteDemoOptions } from '../../src/demo/steps'

/** The bot's repositories on `db`, with the default config and settings. */
export const testDeps = (db: Db): Deps => createDeps(db, loadConfig({}, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))

/** Writes a demo county into `db` as `admin demo-data` does: through the bot's repositories. */
export const seedDemo = (db: Db, opts: WriteDemoOptions): string[] => writeDemo(testDeps(db), opts)

/**
 * The ./data/demo.db `npm run demo` wrote at commit 4ad0011 (2026-12-05), the last before the demo county had
 * the README's names and published rankings: schema 16, its marker without a generator stamp.
 */
export const oldDemoDatabase = () => gunzipSync(readFileSync(new URL('../fixtures/demo/made-by-4ad0011.db.gz', import.meta.url)))
