import Database from 'better-sqlite3'
import type { Deps } from '../../src/deps'
import type { NewRecord } from '../../db/repos/records'

/**
 * Records for the ranking tests on top of the fixture county (tests/helpers/fixture.ts), chosen so every
 * component of the May score is exercised; the hand computation is in tests/ranking-score.test.ts.
 * 南江镇 gets twelve township tasks that are all red (the penalty cap); 团结乡 gets T005, which starts
 * only in June. `extraTasks` must run before the bot opens the database (plain SQL on the file).
 */
export function extraTasks(dbPath: string) {
  const db = new Database(dbPath)
  const insert = db.prepare(`INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, owner_phone, target, measure, start_date, due_date)
                             VALUES (?, '乡镇主体', '基础设施', ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`)
  for (let i = 1; i <= 12; i++) insert.run(`N${String(i).padStart(2, '0')}`, `南江镇基础设施 ${i}`, null, '511922100', '2018-03-01', '2018-04-30')
  insert.run('T005', '村道亮化工程', 'V001', null, '2018-06-01', '2018-08-31')
  db.close()
}

const TOWNSHIP: Record<string, string> = { V001: '511922204', V002: '511922204', V003: '511922207' }

export function recorder(deps: Deps) {
  const base = (village: string | null, township: string, visitedOn: string, kind: NewRecord['kind']): NewRecord => ({
    kind, townshipCode: township, villageCode: village, authorOpenId: 'ou_team1', authorMemberId: null,
    createdAt: Date.now(), visitedOn, sourceMessageId: null, note: null,
  })
  return {
    /** A task report: ratio 0..1 (1 = 完成). */
    task(code: string, village: string | null, township: string, ratio: number, on: string): number {
      return deps.records.addReport(base(village, township, on, 'report'),
        { taskCode: code, item: null, input: `${Math.round(ratio * 100)}%`, ratio, amount: null, done: ratio >= 1 })
    },
    item(village: string, item: string, on: string, o: { amount?: number } = {}): number {
      return deps.records.addReport(base(village, TOWNSHIP[village]!, on, 'report'), o.amount !== undefined
        ? { taskCode: null, item, input: `${o.amount}元`, ratio: null, amount: o.amount, done: false }
        : { taskCode: null, item, input: '已完成', ratio: 1, amount: null, done: true })
    },
    check(household: string, village: string, on: string, income: number | null, items: Record<string, boolean>): number {
      const id = deps.records.addCheck(base(village, TOWNSHIP[village]!, on, 'check'), { householdCode: household, income, items })
      deps.households.rebuildStanding(household)
      return id
    },
    withdraw(id: number, household?: string) {
      deps.records.withdraw(id, 'ou_admin', Date.now())
      if (household) deps.households.rebuildStanding(household)
    },
  }
}

const ALL_YES = { housing: true, water: true, power: true, tv: true, education: true, medical: true }

/** The May scenario (see the test for the figures it must give). Returns the record numbers tests name. */
export function recordScenario(deps: Deps) {
  const r = recorder(deps)
  const ids = {
    t001May: r.task('T001', 'V001', '511922204', 0.4, '2018-05-20'),
    t001June: r.task('T001', 'V001', '511922204', 0.8, '2018-06-05'),
    t002Done: r.task('T002', 'V001', '511922204', 1, '2018-05-10'),
    t004Half: r.task('T004', null, '511922204', 0.5, '2018-04-10'),
    t004Withdrawn: r.task('T004', null, '511922204', 1, '2018-05-15'),
    t003: r.task('T003', 'V003', '511922207', 0.8, '2018-05-25'),
    collective: r.item('V001', '集体经济', '2018-05-08', { amount: 32000 }),
    road: r.item('V001', '硬化路', '2018-05-08'),
    culture: r.item('V001', '文化室', '2018-05-08'),
    network: r.item('V001', '通信网络', '2018-05-08'),
    lateItem: r.item('V002', '集体经济', '2018-06-03', { amount: 5000 }),   // June's, not May's
    h001: r.check('H001', 'V001', '2018-05-12', 4000, ALL_YES),
    h004May: r.check('H004', 'V002', '2018-05-01', 3000, { ...ALL_YES, medical: false }),
    h004June: r.check('H004', 'V002', '2018-06-02', null, { medical: true }),
  }
  r.withdraw(ids.t004Withdrawn)
  for (let i = 1; i <= 12; i++) r.task(`N${String(i).padStart(2, '0')}`, null, '511922100', 0.5, '2018-05-20')
  // Quarter boundaries: the last day of June counts for June, the first of July does not.
  r.task('N01', null, '511922100', 1, '2018-06-30')
  r.task('N02', null, '511922100', 1, '2018-07-01')
  return ids
}
