import type { DemoStep } from './types'
import { createRng } from '../domain/prng'
import { addDays, daysBetween, localDate } from '../domain/dates'
import { FIVE_ITEMS } from '../domain/standards'
import { isGuideTask, isModelVillage } from './guide'
import type { CheckItems, NewRecord, RecordKind } from '../../db/repos/records'

const CHECK_ITEMS = ['housing', 'water', 'power', 'tv', 'education', 'medical'] as const

/**
 * Historical records for the demo and benchmark counties: progress reports on every task that has started
 * (rising towards the target, some falling behind), 五有 item reports, and household checks — dated before
 * `now`, deterministic from the seed. `county` scale writes about a million rows in all. Written as the
 * commands write them: the records repository, and each checked household's standing folded by the
 * households repository.
 */
export const recordsStep: DemoStep = {
  name: 'records',
  run: ({ deps, rows, scale, seed, now }) => {
    const rng = createRng(seed + 7)
    const today = localDate(now)
    // The benchmark county carries a campaign's worth of history: ~1,000,000 reports and checks in all.
    const county = scale === 'county'
    const perTaskEveryDays = county ? 1 : 21
    const townshipOf = new Map(rows.villages.map((v) => [v.code, v.townshipCode]))
    const team = new Map<string, string>()   // village → a team member's open_id (or a stand-in author)
    for (const m of rows.members) if (m.villageCode && m.openId && !team.has(m.villageCode)) team.set(m.villageCode, m.openId)
    const author = (village: string | null) => (village && team.get(village)) || 'demo-data'

    const { records, households } = deps
    const record = (kind: RecordKind, townshipCode: string, villageCode: string | null, day: string): NewRecord => ({
      kind, townshipCode, villageCode, authorOpenId: author(villageCode), authorMemberId: null,
      createdAt: new Date(`${day}T10:00:00+08:00`).getTime(), visitedOn: day, sourceMessageId: null, note: null,
    })
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
        const input = ratio >= 1 ? '已完成' : `${Math.round(ratio * 100)}%`
        records.addReport(record('report', township, t.villageCode, d), { taskCode: t.code, item: null, input, ratio, amount: null, done: ratio >= 1 })
        reports++
        if (ratio >= 1) break
      }
    }

    for (const v of rows.villages) {
      if (isModelVillage(v, scale)) continue   // their items are the guide's
      for (const item of FIVE_ITEMS) {
        if (!rng.chance(v.category === '非贫困村' ? 0.4 : 0.8)) continue
        const d = addDays(today, -rng.int(5, 120))
        const amount = item === '集体经济' ? rng.int(0, 8) * 5000 : null
        const done = item !== '集体经济' && rng.chance(0.75)
        records.addReport(record('report', v.townshipCode, v.code, d), {
          taskCode: null, item, input: amount !== null ? `${amount}元` : done ? '已完成' : '50%', ratio: done ? 1 : amount === null ? 0.5 : null, amount, done,
        })
        reports++
      }
    }

    for (const h of rows.households) {
      // Poor households are visited about monthly; non-poor ones are screened about once a year.
      const poor = h.status !== '非贫困户'
      const visits = county ? (poor ? rng.int(20, 26) : rng.int(1, 3)) : poor ? rng.int(0, 2) : 0
      const exited = h.status === '已脱贫' || h.status === '当年脱贫'
      for (let i = visits; i > 0; i--) {
        const d = addDays(today, -rng.int(i * 30, i * 30 + 25))
        const items: CheckItems = Object.fromEntries(CHECK_ITEMS.map((k) => [k, rng.chance(exited ? 0.97 : 0.8)]))
        const income = exited ? rng.int(3200, 9000) : rng.int(1800, 4200)
        records.addCheck(record('check', townshipOf.get(h.villageCode)!, h.villageCode, d), { householdCode: h.code, income, items })
        checks++
      }
      if (visits > 0) households.rebuildStanding(h.code)
    }
    return `进度上报 ${reports.toLocaleString('en-US')}，入户核查 ${checks.toLocaleString('en-US')}`
  },
}
