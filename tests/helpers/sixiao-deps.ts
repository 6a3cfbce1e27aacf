import { afterAll } from 'vitest'
import { openDatabase, type Db } from '../../db/open'
import { loadConfig } from '../../src/config'
import { createDeps, type Deps } from '../../src/deps'
import { createLogger } from '../../src/log'
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings'
import { recordSixiao } from '../../src/views/sixiao-record'
import type { SixiaoKind } from '../../src/domain/sixiao-ledger'
import { FIXTURE_NOW, seedFixture } from './fixture'
import { tempDbPath, tempDir } from './temp'

const dir = tempDir()

/** The deps, and the connection for the tests' own reads and the registry writes an import would make. */
export type FixtureDeps = Deps & { db: Db }

/** The fixture county with the real repositories and no transport: for rules that need many databases. */
export function fixtureDeps(settings: Partial<Settings> = {}): FixtureDeps {
  const path = tempDbPath(dir)
  seedFixture(path)
  const db = openDatabase(path)
  afterAll(() => db.close())
  const config = loadConfig({ DATABASE_PATH: path }, { lark: false })
  return Object.assign(createDeps(db, config, { ...DEFAULT_SETTINGS, ...settings }, createLogger('silent')), { db })
}

/** Records a project as the command would after validation (any date: the rules, not the date checks, are under test). */
export function addProject(deps: Deps, household: string, visitedOn: string, o: { kind?: SixiaoKind; content?: string; park?: boolean } = {}) {
  const target = deps.resolve.household(household)
  return recordSixiao(deps, { openId: 'ou_test', memberId: null }, FIXTURE_NOW, target,
    { kind: o.kind ?? '养殖', content: o.content ?? '南江黄羊', scale: null, park: o.park ?? false, visitedOn }, null)
}

/** A registry re-import that changes a household's status, as src/registry's upsert writes it. */
export function importStatus(deps: FixtureDeps, household: string, status: string) {
  deps.db.prepare(`INSERT INTO households (code, village_code, head_name, size, status)
                   SELECT code, village_code, head_name, size, ? FROM households WHERE code = ?
                   ON CONFLICT(code) DO UPDATE SET status = excluded.status`).run(status, household)
}

/**
 * The trigger dates a change on the real calendar day; tests run on 2018's fixture clock, so they move
 * the change to the day the import is meant to have run.
 */
export function backdateLastChange(deps: FixtureDeps, household: string, on: string) {
  deps.db.prepare(`UPDATE household_status_history SET effective_on = ? WHERE household_code = ?
                   AND effective_on = (SELECT MAX(effective_on) FROM household_status_history WHERE household_code = ?)`).run(on, household, household)
}
