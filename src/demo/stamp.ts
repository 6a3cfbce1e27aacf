import { createHash } from 'node:crypto'
import type { KeyValues } from '../../db/repos/key-values'
import type { RegistryRows } from '../../db/repos/registry-rows'
import { generateDemoCounty } from './generator'

/** The settings key that marks a database as demo data, and says what made it. */
export const DEMO_MARKER = 'demo_data'

/**
 * What the demo's steps write besides the registry rows — the records' history, the guide's records, the
 * published rankings — as a number: raise it when one of them changes or a step is added, and every
 * `./data/demo.db` made before is made again on its next start. The registry rows need no raise: the
 * marker keeps their digest, and the rows this code generates for the same scale, seed and day are
 * compared with it. Markers written before the stamp existed have neither: generator 1.
 */
export const DEMO_GENERATOR = 2

interface DemoMarker { scale: string; seed: number; at: string; rows?: string; generator?: number }

const digest = (rows: RegistryRows) => createHash('sha256').update(JSON.stringify(rows)).digest('hex')

/** The marker writeDemo stores with the rows, in their transaction: demo data, not complete yet. */
export const markerOf = (o: { scale: string; seed: number; now: Date }, rows: RegistryRows): string =>
  JSON.stringify({ scale: o.scale, seed: o.seed, at: o.now.toISOString(), rows: digest(rows) } satisfies DemoMarker)

/** Every step done (the rankings too): the database is what this code makes. Until then it is made again. */
export function stampComplete(keyValues: KeyValues) {
  const marker = parse(keyValues.get(DEMO_MARKER))
  if (marker) keyValues.set(DEMO_MARKER, JSON.stringify({ ...marker, generator: DEMO_GENERATOR }))
}

/** Whether this code would make the same demo database as the one with this marker. */
export function madeByThisGenerator(markerJson: string): boolean {
  const m = parse(markerJson)
  if (!m || m.generator !== DEMO_GENERATOR || (m.scale !== 'demo' && m.scale !== 'county')) return false
  const now = new Date(m.at)
  return !Number.isNaN(now.getTime()) && m.rows === digest(generateDemoCounty({ scale: m.scale, seed: m.seed, now }))
}

function parse(json: string | undefined): DemoMarker | null {
  try {
    const m = JSON.parse(json ?? '') as DemoMarker
    return typeof m === 'object' && m !== null && Number.isInteger(m.seed) && typeof m.at === 'string' ? m : null
  } catch {
    return null
  }
}
