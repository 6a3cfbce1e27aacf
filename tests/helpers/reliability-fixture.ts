import Database from 'better-sqlite3'
import { seedFixture } from './fixture'
import { createRng } from '../../src/domain/prng'

// The reliability tests' county and randomness, free of vitest so that tests/soak/run.ts can use them too.

/** Extra roster rows, so every role of docs/interface.md has someone (the fixture has no 第一书记). */
export const EXTRA_PEOPLE = { secretary1: 'ou_secretary1', member1: 'ou_member1' } as const

/** The fixture county plus the extra members, in a fresh file. */
export function seedReliabilityFixture(dbPath: string) {
  seedFixture(dbPath)
  const db = new Database(dbPath)
  db.exec(`INSERT INTO members (name, phone, role, zone_id, township_code, village_code, open_id) VALUES
    ('孙书记', '13600000011', '第一书记', NULL, NULL, 'V001', 'ou_secretary1'),
    ('吴队员', '13600000012', '队员', NULL, NULL, 'V001', 'ou_member1')`)
  db.close()
}

/** The project's seeded PRNG (mulberry32) with a half-open int(), so a failing fuzz case can be replayed. */
export function prng(seed: number) {
  const r = createRng(seed)
  return { next: r.next, int: (n: number) => Math.floor(r.next() * n), pick: r.pick, chance: r.chance }
}
