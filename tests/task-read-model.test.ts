// What a county view reads without seeking: task_progress (kept by triggers, migration 0010) and the
// registry (tasks, villages) cached in memory until registry_version moves (0011). Both must say exactly what the records
// and the registry say, after any sequence of writes, from this process or another.
import { describe, expect, it } from 'vitest'
import Database from 'better-sqlite3'
import { openDatabase } from '../db/open'
import { testDeps } from './helpers/demo'
import { writeDemo } from '../src/demo/steps'
import { createRng } from '../src/domain/prng'
import { addDays } from '../src/domain/dates'
import type { PlaceFilter, TaskFact } from '../db/repos/facts'
import { areaView } from '../src/views/area'
import { sixiaoRollup } from '../src/views/sixiao'
import { tempDbPath, tempDir } from './helpers/temp'

const NOW = new Date('2018-06-20T04:00:00Z')
const TODAY = '2018-06-20'

function demoCounty() {
  const path = tempDbPath(tempDir())
  const db = openDatabase(path)
  const deps = testDeps(db)
  writeDemo(deps, { scale: 'demo', seed: 7, now: NOW })
  return { path, db, deps }
}

const progress = (t: TaskFact) => [t.code, t.ratio, t.lastReportOn, t.lastReportId, t.completionId, t.completed]

describe('task_progress (each task\'s latest report and completion, kept by triggers)', () => {
  it('agrees with seeking every task\'s reports, after 600 random reports, completions and withdrawals', () => {
    const { db, deps } = demoCounty()
    const rng = createRng(42)
    const tasks = db.prepare(`SELECT t.code, COALESCE(t.township_code, v.township_code) AS township, t.village_code AS village
                              FROM tasks t LEFT JOIN villages v ON v.code = t.village_code`).all() as { code: string; township: string; village: string | null }[]
    const hot = tasks.slice(0, 25)   // few tasks, so the same task is reported, completed and withdrawn often
    const written: number[] = []
    const places: PlaceFilter[] = [{ kind: 'county' }, { kind: 'zone', zoneId: 2 }, { kind: 'township', code: tasks[0]!.township }]
    for (let i = 0; i < 600; i++) {
      const task = rng.pick(hot)
      const record = {
        kind: 'report' as const, townshipCode: task.township, villageCode: task.village, authorOpenId: 'ou_test', authorMemberId: null,
        createdAt: NOW.getTime(), visitedOn: addDays(TODAY, -rng.int(0, 60)), sourceMessageId: null, note: null,
      }
      db.transaction(() => {
        const op = rng.weighted([['report', 6], ['complete', 1], ['withdraw', 3]] as const)
        if (op === 'report') {
          const ratio = rng.int(0, 100) / 100
          written.push(deps.records.addReport(record, { taskCode: task.code, item: null, input: `${ratio * 100}%`, ratio, amount: null, done: ratio === 1 }))
        } else if (op === 'complete') written.push(deps.records.addCompletion({ ...record, kind: 'completion' }, task.code))
        else if (written.length) deps.records.withdraw(rng.pick(written), 'ou_test', NOW.getTime())
      })()
      if (i % 50 === 49) {
        for (const where of places) expect(deps.facts.tasks(where).map(progress)).toEqual(deps.facts.tasks(where, '9999-12-31').map(progress))
      }
    }
    // The sequence did exercise every case: reported, withdrawn back to nothing, completed.
    const now = deps.facts.tasks({ kind: 'county' }).filter((t) => hot.some((h) => h.code === t.code))
    expect(now.some((t) => t.completed)).toBe(true)
    expect(now.some((t) => t.ratio !== null && !t.completed)).toBe(true)
    for (const t of hot) expect(deps.facts.task(t.code)!.lastReportId).toBe(now.find((x) => x.code === t.code)!.lastReportId)
  })
})

describe('the task registry cache', () => {
  it('shows a change made by another process (an import) at the next read', () => {
    const { path, deps } = demoCounty()
    const [first] = deps.facts.tasks({ kind: 'county' })
    const other = new Database(path)
    other.prepare(`UPDATE tasks SET title = '新事项名称', due_date = '2019-12-31' WHERE code = ?`).run(first!.code)
    other.close()
    expect(deps.facts.task(first!.code)!.title).toBe('新事项名称')
    expect(deps.facts.tasks({ kind: 'county' }).at(-1)).toMatchObject({ code: first!.code, title: '新事项名称', dueDate: '2019-12-31' })   // in deadline order
  })

  it('follows a member\'s /认证, a renamed village and a township moved to another zone', () => {
    const { db, deps } = demoCounty()
    const owned = db.prepare(`SELECT t.code, t.village_code AS village, m.id AS memberId, tw.zone_id AS zone, tw.code AS township
                              FROM tasks t JOIN members m ON m.phone = t.owner_phone JOIN villages v ON v.code = t.village_code
                              JOIN townships tw ON tw.code = v.township_code LIMIT 1`).get() as { code: string; village: string; memberId: number; zone: number; township: string }
    expect(deps.facts.task(owned.code)!.ownerOpenId).not.toBe('ou_just_bound')
    db.prepare(`UPDATE members SET open_id = 'ou_just_bound' WHERE id = ?`).run(owned.memberId)
    expect(deps.facts.task(owned.code)!.ownerOpenId).toBe('ou_just_bound')

    db.prepare(`UPDATE villages SET name = '新名村' WHERE code = ?`).run(owned.village)
    expect(deps.facts.tasks({ kind: 'village', code: owned.village }).every((t) => t.villageName === '新名村')).toBe(true)

    const otherZone = owned.zone === 1 ? 2 : 1
    const before = deps.facts.tasks({ kind: 'zone', zoneId: otherZone }).length
    const moving = deps.facts.tasks({ kind: 'township', code: owned.township }).length
    db.prepare(`UPDATE townships SET zone_id = ? WHERE code = ?`).run(otherZone, owned.township)
    expect(deps.facts.tasks({ kind: 'zone', zoneId: otherZone })).toHaveLength(before + moving)
    expect(deps.facts.task(owned.code)!.zoneId).toBe(otherZone)
  })

  it('shows a village\'s new category and census, and a renamed zone, in the next county view', () => {
    const { path, deps } = demoCounty()
    const county = () => areaView(deps, { kind: 'county' }, TODAY)
    const v = county().villages.find((x) => x.category !== '已脱贫村')!
    const other = new Database(path)
    other.prepare(`UPDATE villages SET category = '已脱贫村', households = 999 WHERE code = ?`).run(v.code)
    other.prepare(`UPDATE zones SET name = '新名战区' WHERE id = ?`).run(v.zoneId)
    other.close()
    expect(county().villages.find((x) => x.code === v.code)).toMatchObject({ category: '已脱贫村', households: 999, zoneName: '新名战区' })
    expect(sixiaoRollup(deps, { kind: 'county' }, 2018).villages.find((x) => x.code === v.code)!.zoneName).toBe('新名战区')
  })

  it('forgets what it read inside a transaction that was rolled back', () => {
    const { db, deps } = demoCounty()
    const task = db.prepare(`SELECT code, title FROM tasks LIMIT 1`).get() as { code: string; title: string }
    expect(() => db.transaction(() => {
      db.prepare(`UPDATE tasks SET title = '撤回的名称' WHERE code = ?`).run(task.code)
      expect(deps.facts.task(task.code)!.title).toBe('撤回的名称')   // the cache is filled inside the transaction
      throw new Error('rolled back')
    })()).toThrow('rolled back')
    // The next committed change must not look like the rolled-back one to the cache.
    db.prepare(`UPDATE tasks SET due_date = '2019-12-30' WHERE code = ?`).run(task.code)
    expect(deps.facts.task(task.code)).toMatchObject({ title: task.title, dueDate: '2019-12-30' })
  })

  it('names an owner who joins the roster after their task was imported', () => {
    const { db, deps } = demoCounty()
    const task = db.prepare(`SELECT code FROM tasks LIMIT 1`).pluck().get() as string
    db.prepare(`UPDATE tasks SET owner_phone = '13700009999' WHERE code = ?`).run(task)
    expect(deps.facts.task(task)!.ownerName).toBeNull()
    db.prepare(`INSERT INTO members (name, phone, role) VALUES ('新队员', '13700009999', '队员')`).run()
    expect(deps.facts.task(task)!.ownerName).toBe('新队员')
    db.prepare(`DELETE FROM members WHERE phone = '13700009999'`).run()
    expect(deps.facts.task(task)!.ownerName).toBeNull()
  })

  it('a report does not move registry_version, and shows at once through task_progress', () => {
    const { db, deps } = demoCounty()
    const version = () => db.prepare(`SELECT n FROM registry_version`).pluck().get()
    const a = deps.facts.tasks({ kind: 'county' })
    const v = version()
    const t = a.find((x) => x.villageCode !== null)!
    db.transaction(() => deps.records.addReport({
      kind: 'report', townshipCode: t.townshipCode, villageCode: t.villageCode, authorOpenId: 'ou_test', authorMemberId: null,
      createdAt: NOW.getTime(), visitedOn: TODAY, sourceMessageId: null, note: null,
    }, { taskCode: t.code, item: null, input: '50%', ratio: 0.5, amount: null, done: false }))()
    expect(version()).toBe(v)
    expect(deps.facts.task(t.code)).toMatchObject({ ratio: 0.5, lastReportOn: TODAY })
  })
})
