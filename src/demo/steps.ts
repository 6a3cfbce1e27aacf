import { generateDemoCounty } from './generator'
import type { DemoContext, DemoDeps, DemoOptions, DemoStep } from './types'
import type { RegistryRows } from '../../db/repos/registry-rows'
import { applyRegistry, ORDER } from '../registry/upsert'
import { recordsStep } from './records'
import { guideStep } from './guide'
import { DEMO_MARKER, markerOf } from './stamp'

const LABELS = { zones: '战区', townships: '乡镇', villages: '村', households: '户', members: '成员', tasks: '任务' } as const

/** The registry itself, through the same upsert as `import` (so demo data obeys the same rules). */
export const registryStep: DemoStep = {
  name: 'registry',
  run: ({ deps, rows }) => {
    const counts = applyRegistry(deps, rows)
    return ORDER.map((k) => `${LABELS[k]} ${rows[k].length.toLocaleString('en-US')}（新增 ${counts[k].added}）`).join('，')
  },
}

/** Steps run in order, in one transaction; each reads `ctx.rows` and uses its own seeded PRNG. */
export const DEMO_STEPS: DemoStep[] = [registryStep, recordsStep, guideStep]

/** True when the registry holds data that did not come from demo-data: seeding must not mix into it. */
export function hasRealRegistry(deps: Pick<DemoDeps, 'registry' | 'keyValues'>): boolean {
  const marked = deps.keyValues.get(DEMO_MARKER) !== undefined
  return !marked && deps.registry.count('zones') + deps.registry.count('townships') > 0
}

export interface WriteDemoOptions extends DemoOptions {
  seed: number
  /** Only these steps (tests); all by default. */
  steps?: readonly DemoStep[]
  /** Rows to write instead of the generated ones (the benchmark's shares of the county). */
  rows?: RegistryRows
  /** What the demo-data marker calls this county; the scale by default. */
  label?: string
}

/** Generates and writes a demo county in one transaction; returns each step's line. */
export function writeDemo(deps: DemoDeps, opts: WriteDemoOptions): string[] {
  const rows = opts.rows ?? generateDemoCounty(opts)
  const ctx: DemoContext = { deps, rows, scale: opts.scale, seed: opts.seed, now: opts.now }
  return deps.tx.immediate(() => {
    const lines = (opts.steps ?? DEMO_STEPS).map((step) => step.run(ctx)).filter(Boolean)
    deps.keyValues.set(DEMO_MARKER, markerOf({ ...opts, scale: opts.label ?? opts.scale }, rows))
    return lines
  })
}
