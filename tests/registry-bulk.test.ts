import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Db } from '../db/open'
import { registryStore } from '../db/repos/registry'
import { importRegistry } from '../src/registry/import'
import { formatProblem } from '../src/registry/types'
import { freshDb, GOOD, writeCsvSet } from './fixtures/registry'

// An import suspends the row triggers that keep the derived tables and derives them once after its writes
// (db/repos/registry-bulk.ts). Here the same imports run both ways, row triggers firing in one database and
// suspended in the other, and every derived table must come out the same.

const VILLAGES = ['511922204207', '511922204201', '511922207201']
const STATUSES = ['未脱贫', '当年脱贫', '已脱贫', '返贫', '非贫困户']
const HEADER = GOOD.户![0]!

function households(n: number, change: (i: number) => { village: number; status: number; size: number }): string[] {
  return Array.from({ length: n }, (_, i) => {
    const h = change(i)
    const status = STATUSES[h.status % STATUSES.length]!
    const exitYear = status === '当年脱贫' || status === '已脱贫' ? '2017' : ''
    return `51192220420${String(7000 + i).padStart(5, '0')},${VILLAGES[h.village % VILLAGES.length]},户主${i},,${h.size},一般贫困户,${status},${exitYear},,`
  })
}

// The first import; then one that changes statuses and sizes, moves households (周山村 loses all of its
// own), and adds new ones.
const FIRST = households(40, (i) => ({ village: i % 3, status: i, size: 1 + (i % 5) }))
const SECOND = households(55, (i) => ({ village: i % 3 === 1 ? 2 : i % 3, status: i < 40 && i % 4 === 0 ? i + 1 : i, size: 1 + ((i + (i % 7 === 0 ? 1 : 0)) % 5) }))

async function importInto(db: Db, dir: string, rows: string[], rowByRow: boolean) {
  const store = registryStore(db)
  if (rowByRow) store.registry.bulk = (write) => write()   // the row triggers do the work, as for a single write
  const files = writeCsvSet(dir, { ...GOOD, 户: [HEADER, ...rows] })
  const r = await importRegistry({ ...store, now: () => new Date('2018-06-15T04:00:00Z') }, files)
  expect(r.ok ? [] : r.problems.map(formatProblem)).toEqual([])
}

const derived = (db: Db) => ({
  stats: db.prepare('SELECT * FROM village_stats ORDER BY village_code').all(),
  counts: db.prepare('SELECT * FROM village_status_counts ORDER BY village_code, status').all(),
  history: db.prepare('SELECT * FROM household_status_history ORDER BY household_code, effective_on').all(),
  triggers: db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).all(),
})

describe('an import derives what the row triggers keep, once', () => {
  it('leaves village_stats, village_status_counts and the status history as row by row would, and the triggers in place', async () => {
    const [a, b] = [freshDb(), freshDb()]
    const triggersBefore = derived(a.db).triggers
    for (const [i, rows] of [FIRST, SECOND].entries()) {
      await importInto(a.db, join(a.dir, `a${i}`), rows, false)
      await importInto(b.db, join(b.dir, `b${i}`), rows, true)
      if (i === 0) {
        // Some households meet 一超六有 (kept by the standing triggers, which an import does not touch).
        for (const db of [a.db, b.db]) {
          db.prepare(`INSERT INTO household_standing (household_code, income, income_year, meets)
                      SELECT code, 5000, 2018, 1 FROM households WHERE CAST(substr(code, 12) AS INTEGER) % 3 = 0`).run()
        }
      }
      expect(derived(a.db)).toEqual(derived(b.db))
    }
    const after = derived(a.db)
    expect(after.triggers).toEqual(triggersBefore)
    // The scenario covers what it claims: a village emptied (its row kept at zero), moves, status changes.
    expect(after.stats).toContainEqual(expect.objectContaining({ village_code: '511922204201', total: 0 }))
    expect(after.history.filter((h: any) => h.effective_on !== '0000-01-01').length).toBeGreaterThan(5)
    expect(after.stats.some((s: any) => s.poor_meeting > 0)).toBe(true)
    for (const { db } of [a, b]) db.close()
  })

  it('rolls back the writes and keeps the triggers when a write fails half-way', async () => {
    const { db, dir } = freshDb()
    await importInto(db, join(dir, 'first'), FIRST, false)
    const before = derived(db)
    const store = registryStore(db)
    const row = (code: string, status: string) => ({ code, villageCode: '511922204207', headName: '新户', idNumber: null, size: 2, attribute: null, status, exitYear: null, helper: null, phone: null })
    expect(() => store.tx.immediate(() => store.registry.bulk(() => {
      store.registry.tables.households.upsert(row('5119222042079998', '未脱贫'))
      store.registry.tables.households.upsert(row('5119222042079999', '不存在的状态'))   // the CHECK refuses it
    }))).toThrow(/CHECK constraint/)
    expect(derived(db)).toEqual(before)
    expect(db.prepare(`SELECT count(*) FROM households WHERE code LIKE '51192220420799%'`).pluck().get()).toBe(0)
    db.close()
  })
})
