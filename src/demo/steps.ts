import type { Db } from '../../db/open'
import { generateDemoCounty } from './generator'
import type { DemoOptions, DemoScale } from './generator'
import type { RegistryRows } from '../../db/repos/registry-rows'
import { applyRegistry, ORDER } from '../registry/upsert'
import { registryStore } from '../../db/repos/registry'
import { recordsStep } from './records'
import { guideStep } from './guide'

export interface DemoContext { db: Db; rows: RegistryRows; scale: DemoScale; seed: number; now: Date }

/** One stage of seeding: writes its part and returns a line for the operator. */
export interface DemoStep { name: string; run(ctx: DemoContext): string }

const LABELS = { zones: '战区', townships: '乡镇', villages: '村', households: '户', members: '成员', tasks: '任务' } as const

/** The registry itself, through the same upsert as `import` (so demo data obeys the same rules). */
export const registryStep: DemoStep = {
  name: 'registry',
  run: ({ db, rows }) => {
    const counts = applyRegistry(registryStore(db), rows)
    return ORDER.map((k) => `${LABELS[k]} ${rows[k].length.toLocaleString('en-US')}（新增 ${counts[k].added}）`).join('，')
  },
}

/** Steps run in order, in one transaction; each reads `ctx.rows` and uses its own seeded PRNG. */
export const DEMO_STEPS: DemoStep[] = [registryStep, recordsStep, guideStep]

const MARKER = 'demo_data'

/** True when the registry holds data that did not come from demo-data: seeding must not mix into it. */
export function hasRealRegistry(db: Db): boolean {
  const marked = db.prepare('SELECT 1 FROM settings WHERE key = ?').get(MARKER)
  const any = db.prepare('SELECT (SELECT count(*) FROM zones) + (SELECT count(*) FROM townships) AS n').get() as { n: number }
  return !marked && any.n > 0
}

/** Generates and writes a demo county in one transaction; returns each step's line. */
export function writeDemo(db: Db, opts: DemoOptions & { seed: number; steps?: readonly DemoStep[] }): string[] {
  const rows = generateDemoCounty(opts)
  const ctx: DemoContext = { db, rows, scale: opts.scale, seed: opts.seed, now: opts.now }
  return db.transaction(() => {
    const lines = (opts.steps ?? DEMO_STEPS).map((step) => step.run(ctx)).filter(Boolean)
    db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run(MARKER, JSON.stringify({ scale: opts.scale, seed: opts.seed, at: opts.now.toISOString() }))
    return lines
  }).immediate()
}
