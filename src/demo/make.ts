import type { Deps } from '../deps'
import { publishDemoRankings } from './rankings'
import { stampComplete } from './stamp'
import { writeDemo } from './steps'
import type { DemoScale } from './types'

/**
 * The demo county as `npm run demo` and `admin demo-data` make it: written in one transaction, the last
 * months' rankings published (demo scale), then stamped complete. A crash in between leaves a database
 * without the stamp, which `npm run demo` makes again.
 */
export async function makeDemo(deps: Deps, opts: { scale: DemoScale; seed: number; now: Date }): Promise<string[]> {
  const lines = writeDemo(deps, opts)
  if (opts.scale === 'demo') lines.push(await publishDemoRankings(deps, opts.now))
  stampComplete(deps.keyValues)
  return lines
}
