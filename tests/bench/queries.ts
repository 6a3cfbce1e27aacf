// Measurement 3 (and /战区 进度 of measurement 8): the county-scale read commands, each through the router
// exactly as handle-messages calls it — route() (parse, permission, the command's transaction, the view,
// the card) plus toLarkMessage (the card's JSON) — without the inbox/outbox writes around it.
import type { Db } from '../../db/open'
import type { Deps } from '../../src/deps'
import { commands } from '../../commands/index'
import { createRouter } from '../../src/router'
import { toLarkMessage } from '../../src/reply'
import { createRng } from '../../src/domain/prng'
import { summarize, timeSync, type Summary } from './stats'

export interface QuerySpec {
  /** Who asks: a 督查 (county-wide reader) from the roster. */
  openId: string
  maxCount: number
  maxMs: number
  warmup: number
  /** Only these commands (labels of QUERIES); all when absent. */
  only?: string[]
  seed?: number
}

export interface QueryResult { label: string; summary: Summary; notOk: number; bytes: number }

/** The commands and what to ask each time; villages and households are picked at random across the county. */
const QUERIES: { label: string; text: (pick: Picks) => string }[] = [
  { label: '/村 进度 <村>', text: (p) => `/村 进度 ${p.village()}` },
  { label: '/户 核查 <户>', text: (p) => `/户 核查 ${p.household()}` },
  { label: '/战区 进度 全县', text: () => '/战区 进度 全县' },
  { label: '/战区 进度 第一战区', text: () => '/战区 进度 第一战区' },
  { label: '/逾期 全县', text: () => '/逾期 全县' },
]

interface Picks { village(): string; household(): string }

export function runQueries(deps: Deps, db: Db, clock: () => Date, spec: QuerySpec): QueryResult[] {
  const router = createRouter(commands, deps)
  const me = deps.identity.identify(spec.openId)
  const chat = { id: 'oc_bench_hq', type: 'group' as const, binding: undefined }
  const rng = createRng(spec.seed ?? 1)
  const villages = db.prepare(`SELECT code FROM villages ORDER BY code`).pluck().all() as string[]
  // Households by random rowid rather than a list of 200,000 codes, which would weigh on the RSS measured.
  const maxRowid = db.prepare(`SELECT MAX(rowid) FROM households`).pluck().get() as number
  const byRowid = db.prepare(`SELECT code FROM households WHERE rowid >= ? ORDER BY rowid LIMIT 1`).pluck()
  const picks: Picks = { village: () => rng.pick(villages), household: () => byRowid.get(rng.int(1, maxRowid)) as string }
  let n = 0
  return QUERIES.filter((q) => !spec.only || spec.only.includes(q.label)).map((q) => {
    let notOk = 0
    let bytes = 0
    const times = timeSync(() => {
      const r = router.route({ text: q.text(picks), me, chat, messageId: `om_bench_q${++n}`, now: clock() })
      if (r.outcome !== 'ok') notOk++
      bytes = toLarkMessage(r.replies[0]!).content.length
    }, { maxCount: spec.maxCount, maxMs: spec.maxMs, warmup: spec.warmup })
    return { label: q.label, summary: summarize(times), notOk, bytes }
  })
}
