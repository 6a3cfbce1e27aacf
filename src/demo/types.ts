import type { Deps } from '../deps'
import type { RegistryRows } from '../../db/repos/registry-rows'

/** `demo`: the small county the README's names live in; `county`: the benchmark's 200,000 households. */
export type DemoScale = 'demo' | 'county'
export interface DemoOptions { scale: DemoScale; seed?: number; now: Date }

/**
 * The repositories the demo writes through: the import's registry writes, the records and household
 * standing the chat commands write — so the demo county, the benchmark's and the query-plan test's are
 * written by the production path, not a copy of it.
 */
export type DemoDeps = Pick<Deps, 'registry' | 'records' | 'households' | 'keyValues' | 'tx'>

export interface DemoContext { deps: DemoDeps; rows: RegistryRows; scale: DemoScale; seed: number; now: Date }

/** One stage of seeding: writes its part and returns a line for the operator. */
export interface DemoStep { name: string; run(ctx: DemoContext): string }

