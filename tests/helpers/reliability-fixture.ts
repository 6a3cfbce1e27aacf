import Database from 'better-sqlite3'
import { seedFixture } from './fixture'

// The reliability tests' county and randomness, free of vitest so that tests/soak/run.ts can use them too.

/** Extra roster rows, so every role of interface.md §4 has someone (the fixture has no 第一书记). */
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

/** A seeded PRNG (mulberry32), so a failing fuzz case can be replayed. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  }
}
