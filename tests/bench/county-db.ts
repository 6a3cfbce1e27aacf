// The benchmark databases: the `demo-data --scale county` county (and 25 % / 50 % of it for the growth
// figures), built once per seed and cached under data/bench/, then copied for each run.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { openDatabase } from '../../db/open'
import { createDeps } from '../../src/deps'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/log'
import { DEFAULT_SETTINGS } from '../../src/settings'
import { generateDemoCounty } from '../../src/demo/generator'
import { writeDemo } from '../../src/demo/steps'
import type { RegistryRows } from '../../db/repos/registry-rows'
import { ROOT } from '../helpers/process'

/**
 * The day the benchmark county lives in (noon in the county, a working Wednesday in the 2018 campaign).
 * Fixed, so the cached database and every figure are the same on any day; the bot under test runs on a
 * clock shifted to it.
 */
export const BENCH_NOW = new Date('2018-06-20T04:00:00Z')
export const CACHE_DIR = join(ROOT, 'data', 'bench')

/** Whatever decides the rows: a change to any of these files builds the database again. */
function sourceHash(): string {
  const h = createHash('sha256')
  const files = [
    ...readdirSync(join(ROOT, 'src/demo')).map((f) => `src/demo/${f}`),
    'src/registry/upsert.ts',
    ...readdirSync(join(ROOT, 'db/migrations')).map((f) => `db/migrations/${f}`),
  ].sort()
  for (const f of files) h.update(f).update(readFileSync(join(ROOT, f)))
  h.update(BENCH_NOW.toISOString())
  return h.digest('hex').slice(0, 10)
}

/**
 * A share of the county: every 4th (25 %) or every 2nd (50 %) township with its villages, households,
 * members and tasks; all five zones and the county-level members stay.
 */
export function subsetCounty(rows: RegistryRows, percent: number): RegistryRows {
  if (percent >= 100) return rows
  const step = Math.round(100 / percent)
  const townships = rows.townships.filter((_, i) => i % step === 0)
  const tw = new Set(townships.map((t) => t.code))
  const villages = rows.villages.filter((v) => tw.has(v.townshipCode))
  const vs = new Set(villages.map((v) => v.code))
  return {
    zones: rows.zones,
    townships,
    villages,
    households: rows.households.filter((h) => vs.has(h.villageCode)),
    members: rows.members.filter((m) => (m.villageCode ? vs.has(m.villageCode) : m.townshipCode ? tw.has(m.townshipCode) : true)),
    tasks: rows.tasks.filter((t) => (t.villageCode ? vs.has(t.villageCode) : tw.has(t.townshipCode!))),
  }
}

export interface BuiltDb { path: string; built: boolean; buildMs: number }

/**
 * The cached database for (seed, percent), built when missing: 100 % through `writeDemo` exactly as
 * `npm run admin -- demo-data --scale county` writes it (the bot's repositories, the import's registry
 * writes); the shares the same way from a subset of its rows; 'demo' is the small county of `npm run demo`
 * (`demo-data --scale demo`), for the small-county memory. Checkpointed, so a copy is one self-contained file.
 */
export function countyDb(seed: number, percent: 25 | 50 | 100 | 'demo', log: (s: string) => void = () => {}): BuiltDb {
  mkdirSync(CACHE_DIR, { recursive: true })
  const prefix = `county-${seed}-${percent}-`
  const path = join(CACHE_DIR, `${prefix}${sourceHash()}.db`)
  if (existsSync(path)) return { path, built: false, buildMs: 0 }
  for (const f of readdirSync(CACHE_DIR)) if (f.startsWith(prefix)) rmSync(join(CACHE_DIR, f), { force: true })   // stale versions
  const t = performance.now()
  const tmp = `${path}.building`
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true })
  const db = openDatabase(tmp)
  const deps = createDeps(db, loadConfig({}, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))
  if (percent === 100 || percent === 'demo') {
    writeDemo(deps, { scale: percent === 100 ? 'county' : 'demo', seed, now: BENCH_NOW })
  } else {
    const rows = subsetCounty(generateDemoCounty({ scale: 'county', seed, now: BENCH_NOW }), percent)
    writeDemo(deps, { scale: 'county', seed, now: BENCH_NOW, rows, label: `county-${percent}%` })
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  renameSync(tmp, path)
  const buildMs = performance.now() - t
  log(`built ${path} in ${(buildMs / 1000).toFixed(1)} s`)
  return { path, built: true, buildMs }
}

/** A private copy of a cached database for one run (the bench writes to it). */
export function copyDb(from: string, dir: string, name: string): string {
  // A reader left a WAL behind (it should be empty): fold it in, so the one file copied is complete.
  if (existsSync(`${from}-wal`) && statSync(`${from}-wal`).size > 0) {
    const db = new Database(from)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
  }
  const to = join(dir, name)
  copyFileSync(from, to)
  return to
}
