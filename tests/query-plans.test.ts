// The hot paths read the big tables (households 200,000 rows, records ~1,000,000, reports, checks) only
// through indexes, so their cost follows what they show, not the county's history (BENCHMARKS.md,
// "Growth"). Every statement the paths execute is captured and its EXPLAIN QUERY PLAN checked: a full
// SCAN of one of those tables (with or without an index) fails the test and prints the plan.
// SQLite plans without statistics (the bot never runs ANALYZE), so a small demo county plans exactly as
// the benchmark county does.
import { describe, expect, it } from 'vitest'
import type { Statement } from 'better-sqlite3'
import { openDatabase } from '../db/open'
import { createDeps } from '../src/deps'
import { loadConfig } from '../src/config'
import { createLogger } from '../src/log'
import { DEFAULT_SETTINGS } from '../src/settings'
import { seedDemo } from './helpers/demo'
import { createRouter } from '../src/router'
import { commands } from '../commands/index'
import { createInbox } from '../db/repos/inbox'
import { publishRanking } from '../src/scoring/publish'
import { localDate, parsePeriod } from '../src/domain/dates'
import { rankingJob } from '../scheduler/ranking'
import { tempDbPath, tempDir } from './helpers/temp'

const NOW = new Date('2018-06-20T04:00:00Z')
const BIG = ['households', 'records', 'reports', 'checks']

const db = openDatabase(tempDbPath(tempDir()))
seedDemo(db, { scale: 'demo', seed: 2018, now: NOW })

/** Every statement executed while `f` runs, with the arguments of its last execution. */
const executed = new Map<string, unknown[]>()
let recording = false
const prepare = db.prepare.bind(db)
db.prepare = ((sql: string) => {
  const st = prepare(sql)
  const proxy: Statement = new Proxy(st, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        if (recording && ['all', 'get', 'run', 'iterate'].includes(String(prop))) executed.set(target.source, args)
        const result = value.apply(target, args)
        return result === target ? proxy : result   // pluck(), raw() … return the statement itself
      }
    },
  })
  return proxy
}) as typeof db.prepare

const deps = createDeps(db, loadConfig({}, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))
const router = createRouter(commands, deps)
const inbox = createInbox(db)
const inspector = deps.identity.identify('ou_demo_inspector')
// A task that is not done: a lower figure on a done task is refused (the case this test times is a write).
const reporter = db.prepare(`SELECT m.open_id AS openId, m.village_code AS village, t.code AS task FROM members m JOIN tasks t ON t.village_code = m.village_code
                             LEFT JOIN task_progress p ON p.task_code = t.code
                             WHERE m.open_id IS NOT NULL AND m.role IN ('第一书记', '队长', '队员') AND p.completion_id IS NULL ORDER BY m.id LIMIT 1`).get() as { openId: string; village: string; task: string }
const household = db.prepare(`SELECT code FROM households ORDER BY code LIMIT 1`).pluck().get() as string
const chat = { id: 'oc_plans', type: 'group' as const, binding: undefined }

function during(f: () => void): Map<string, unknown[]> {
  executed.clear()
  recording = true
  try {
    f()
  } finally {
    recording = false
  }
  return new Map(executed)
}

// Partial indexes hold a small, bounded part of their table (e.g. reports_items: the 五有 item reports):
// scanning one is not a scan of the table.
const partial = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'`).pluck().all() as string[])
const NOT_ALIAS = new Set(['ON', 'WHERE', 'USING', 'INDEXED', 'NOT', 'LEFT', 'CROSS', 'JOIN', 'INNER', 'GROUP', 'ORDER', 'LIMIT', 'SET', 'VALUES'])

/** alias → table, from `FROM x a` / `JOIN x AS a` (a plan names tables by their alias). */
function aliases(sql: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  const add = (alias: string, table: string) => out.set(alias, (out.get(alias) ?? new Set()).add(table))
  for (const m of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    add(m[1]!, m[1]!)
    if (m[2] && !NOT_ALIAS.has(m[2].toUpperCase())) add(m[2], m[1]!)
  }
  return out
}

/** Plan lines that read a whole big table or one of its full indexes (SCAN, as opposed to SEARCH). */
function fullScans(statements: Map<string, unknown[]>): string[] {
  const out: string[] = []
  for (const [sql, args] of statements) {
    if (!/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE)/i.test(sql)) continue
    const names = aliases(sql)
    const plan = prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as never[])) as { detail: string }[]
    const bad = plan.filter((p) => {
      const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(p.detail)
      if (!m || (m[2] && partial.has(m[2]))) return false
      return [...(names.get(m[1]!) ?? [m[1]!])].some((t) => BIG.includes(t))
    })
    if (bad.length) out.push(`${sql.replace(/\s+/g, ' ').trim().slice(0, 300)}\n    → ${plan.map((p) => p.detail).join('\n    → ')}`)
  }
  return out
}

function plansOf(statements: Map<string, unknown[]>): string {
  return [...statements].map(([sql, args]) => (prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as never[])) as { detail: string }[]).map((p) => p.detail).join(' | ')).join('\n')
}

const route = (text: string, me = inspector) => {
  const r = router.route({ text, me, chat, messageId: `om_plan_${text.length}_${Math.random()}`, now: NOW })
  expect(r.outcome, `${text}: ${JSON.stringify(r.replies).slice(0, 200)}`).toBe('ok')
}

describe('the hot queries use indexes, never a full scan of households, records, reports or checks', () => {
  const cases: [string, () => void][] = [
    ['/村 上报', () => route(`/村 上报 ${reporter.village} ${reporter.task} 50%`, deps.identity.identify(reporter.openId))],
    ['/村 进度', () => route(`/村 进度 ${reporter.village}`)],
    ['/户 核查', () => route(`/户 核查 ${household}`)],
    ['/战区 进度 全县', () => route('/战区 进度 全县')],
    ['/战区 进度 第一战区', () => route('/战区 进度 第一战区')],
    ['/逾期 全县', () => route('/逾期 全县')],
    ['inbox and outbox (every event)', () => {
      inbox.accept({ eventId: 'ev_plan', messageId: 'om_plan', payload: {}, now: Date.now() })
      for (const row of inbox.unhandled(16)) inbox.markHandled(row.id, Date.now())
      const id = deps.outbox.enqueue({ receiveId: 'oc_plans', msgType: 'text', content: '{"text":"x"}' }, Date.now())
      deps.outbox.due(Date.now(), 200)
      deps.outbox.lease(id, Date.now(), 30_000, 'plans')
      deps.outbox.markSent(id, 'om_sent', Date.now())
    }],
  ]
  for (const [name, f] of cases) {
    it(name, () => {
      const statements = during(() => db.transaction(f)())
      expect(statements.size).toBeGreaterThan(0)
      expect(fullScans(statements)).toEqual([])
    })
  }

  it('the monthly ranking of the county reads records and checks by index too', () => {
    const today = localDate(NOW)
    const statements = during(() => {
      db.exec('BEGIN')
      try {
        publishRanking(deps, parsePeriod(rankingJob.defaultPeriod(today))!, today, NOW)
      } finally {
        db.exec('ROLLBACK')
      }
    })
    expect(fullScans(statements)).toEqual([])
  })

  it('a county view reads each task\'s progress from task_progress; 五有 items start from reports_items', () => {
    const plans = plansOf(during(() => route('/战区 进度 全县')))
    expect(plans).toMatch(/SCAN task_progress/)                 // the whole county: the whole (small) table
    expect(plans).not.toMatch(/reports_task/)                   // no per-task seek among the reports
    const zone = plansOf(during(() => route('/战区 进度 第一战区')))
    expect(zone).toMatch(/SEARCH p USING PRIMARY KEY \(task_code=\?\)/)   // a zone's tasks, one seek each
    expect(zone).not.toMatch(/reports_task/)
    expect(plans).toMatch(/SCAN r USING INDEX reports_items/)   // the partial index: item reports only
    expect(plans).toMatch(/SEARCH rc USING INTEGER PRIMARY KEY/)
  })

  it('a past month\'s view (the ranking) seeks each task\'s latest report by then in reports_task', () => {
    const today = localDate(NOW)
    const plans = plansOf(during(() => {
      db.exec('BEGIN')
      try {
        publishRanking(deps, parsePeriod(rankingJob.defaultPeriod(today))!, today, NOW)
      } finally {
        db.exec('ROLLBACK')
      }
    }))
    expect(plans).toMatch(/SEARCH r USING COVERING INDEX reports_task \(task_code=\? AND visited_on<\?\)/)
  })

  it('household counts come from village_stats (kept by triggers), not from counting households', () => {
    const sql = [...during(() => route('/战区 进度 全县')).keys()].join('\n')
    expect(sql).toMatch(/FROM village_stats/)
  })

  it('catches a full scan when there is one (the check itself works)', () => {
    const statements = during(() => {
      db.prepare(`SELECT COUNT(*) FROM households h WHERE h.phone LIKE '139%'`).get()
      db.prepare(`SELECT r.record_id FROM reports r WHERE r.input = '50%'`).all()
    })
    expect(fullScans(statements)).toHaveLength(2)
  })
})
