import type { DemoStep } from './steps'
import { createRng } from './prng'
import { addDays, daysBetween, localDate } from '../domain/dates'
import { FIVE_ITEMS } from '../domain/standards'
import { isGuideTask, isModelVillage } from './guide'

const CHECK_COLUMNS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const

/**
 * Historical records for the demo and benchmark counties: progress reports on every task that has started
 * (rising towards the target, some falling behind), 五有 item reports, and household checks — dated before
 * `now`, deterministic from the seed. `county` scale writes about a million rows in all.
 */
export const recordsStep: DemoStep = {
  name: 'records',
  run: ({ db, rows, scale, seed, now }) => {
    const rng = createRng(seed + 7)
    const today = localDate(now)
    // The benchmark county carries a campaign's worth of history: ~1,000,000 reports and checks in all.
    const county = scale === 'county'
    const perTaskEveryDays = county ? 1 : 21
    const townshipOf = new Map(rows.villages.map((v) => [v.code, v.townshipCode]))
    const team = new Map<string, string>()   // village → a team member's open_id (or a stand-in author)
    for (const m of rows.members) if (m.villageCode && m.openId && !team.has(m.villageCode)) team.set(m.villageCode, m.openId)
    const author = (village: string | null) => (village && team.get(village)) || 'demo-data'

    const record = db.prepare(`INSERT INTO records (kind, township_code, village_code, author_open_id, created_at, visited_on)
                               VALUES (?, ?, ?, ?, ?, ?)`)
    const report = db.prepare(`INSERT INTO reports (record_id, task_code, item, input, ratio, amount, done, visited_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    const check = db.prepare(`INSERT INTO checks (record_id, household_code, income, ${CHECK_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const standing = db.prepare(`INSERT INTO household_standing (household_code, income, income_year, ${CHECK_COLUMNS.join(', ')}, last_checked_on)
                                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    const at = (date: string) => new Date(`${date}T10:00:00+08:00`).getTime()
    let reports = 0
    let checks = 0

    for (const t of rows.tasks) {
      if (isGuideTask(t.code)) continue   // their history is the guide's (./guide.ts)
      const start = t.startDate ?? addDays(t.dueDate, -90)
      const last = t.dueDate < today ? t.dueDate : today
      if (start > last) continue
      const span = Math.max(1, daysBetween(start, t.dueDate))
      const pace = rng.weighted([[1.1, 5], [0.9, 3], [0.6, 2]] as const)   // ahead, slightly behind, far behind
      const township = t.townshipCode ?? townshipOf.get(t.villageCode!)!
      for (let d = addDays(start, rng.int(1, perTaskEveryDays)); d <= last; d = addDays(d, perTaskEveryDays + rng.int(0, county ? 0 : 2))) {
        const ratio = Math.min(1, Math.round((daysBetween(start, d) / span) * pace * 100) / 100)
        const id = Number(record.run('report', township, t.villageCode, author(t.villageCode), at(d), d).lastInsertRowid)
        const input = ratio >= 1 ? '已完成' : `${Math.round(ratio * 100)}%`
        report.run(id, t.code, null, input, ratio, null, ratio >= 1 ? 1 : 0, d)
        reports++
        if (ratio >= 1) break
      }
    }

    for (const v of rows.villages) {
      if (isModelVillage(v, scale)) continue   // their items are the guide's
      for (const item of FIVE_ITEMS) {
        if (!rng.chance(v.category === '非贫困村' ? 0.4 : 0.8)) continue
        const d = addDays(today, -rng.int(5, 120))
        const id = Number(record.run('report', v.townshipCode, v.code, author(v.code), at(d), d).lastInsertRowid)
        const amount = item === '集体经济' ? rng.int(0, 8) * 5000 : null
        const done = item === '集体经济' ? 0 : rng.chance(0.75) ? 1 : 0
        report.run(id, null, item, amount !== null ? `${amount}元` : done ? '已完成' : '50%', done ? 1 : amount === null ? 0.5 : null, amount, done, d)
        reports++
      }
    }

    for (const h of rows.households) {
      // Poor households are visited about monthly; non-poor ones are screened about once a year.
      const poor = h.status !== '非贫困户'
      const visits = county ? (poor ? rng.int(20, 26) : rng.int(1, 3)) : poor ? rng.int(0, 2) : 0
      const folded: (number | null)[] = [null, null, null, null, null, null]
      let income: number | null = null
      let incomeYear: number | null = null
      let lastOn: string | null = null
      const exited = h.status === '已脱贫' || h.status === '当年脱贫'
      for (let i = visits; i > 0; i--) {
        const d = addDays(today, -rng.int(i * 30, i * 30 + 25))
        const id = Number(record.run('check', townshipOf.get(h.villageCode)!, h.villageCode, author(h.villageCode), at(d), d).lastInsertRowid)
        const values = CHECK_COLUMNS.map(() => (rng.chance(exited ? 0.97 : 0.8) ? 1 : 0))
        const inc = exited ? rng.int(3200, 9000) : rng.int(1800, 4200)
        check.run(id, h.code, inc, ...values)
        values.forEach((x, k) => (folded[k] = x))
        income = inc
        incomeYear = Number(d.slice(0, 4))
        lastOn = d
        checks++
      }
      if (lastOn) standing.run(h.code, income, incomeYear, ...folded, lastOn)
    }
    // household_standing.meets is computed from the configured income lines when the bot next opens the
    // database (createDeps → syncIncomeLines); forget the lines it was last computed with.
    db.prepare(`DELETE FROM settings WHERE key = 'standing_income_lines'`).run()
    return `进度上报 ${reports.toLocaleString('en-US')}，入户核查 ${checks.toLocaleString('en-US')}`
  },
}
