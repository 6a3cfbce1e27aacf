// The bot under test, in a process of its own (so its RSS and CPU are its own): the real createBot in
// webhook mode against the simulator, on a copy of the county database, with the clock shifted to the
// benchmark's day. Driven over the IPC channel by run.ts:
//   → {type:'ready', port}            once listening
//   ← {type:'counts'}  → {type:'counts', unhandled, memory}   (cheap: the inbox's partial index)
//   ← {type:'queries', spec}  → {type:'queries', result}   (/村 进度 etc. through the router, see queries.ts)
//   ← {type:'publish', period}  → {type:'publish', result}   (the ranking job on the county, see publish())
//   ← {type:'stop'}  → exits after bot.stop()
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { createBot } from '../../src/app'
import { runJob } from '../../scheduler/run-job'
import { rankingJob } from '../../scheduler/ranking'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/log'
import { runQueries, type QuerySpec } from './queries'

const env = process.env
const anchor = Number(env.BENCH_NOW_MS)
const offset = Date.now() - anchor
const clock = () => new Date(Date.now() - offset)

const config = loadConfig({
  LARK_APP_ID: env.BENCH_APP_ID!,
  LARK_APP_SECRET: env.BENCH_APP_SECRET!,
  LARK_DOMAIN: env.BENCH_SIM_URL!,
  LARK_MODE: 'webhook',
  LARK_ENCRYPT_KEY: env.BENCH_ENCRYPT_KEY!,
  LARK_VERIFICATION_TOKEN: env.BENCH_VERIFICATION_TOKEN!,
  PORT: '0',
  DATABASE_PATH: env.BENCH_DB!,
  SCHEDULER: 'off',
  // Production logging (one line per event and per send), written to stdout, which run.ts points at /dev/null.
  LOG_LEVEL: 'info',
})
const bot = createBot({ config, clock, log: createLogger('info'), sender: JSON.parse(env.BENCH_SENDER ?? '{}') })
const send = (m: object) => process.send!(m)
if (env.BENCH_PRAGMAS) for (const p of env.BENCH_PRAGMAS.split(';')) bot.db.pragma(p)   // experiments only

const unhandled = bot.db.prepare(`SELECT COUNT(*) FROM inbox WHERE handled_at IS NULL`).pluck()

process.on('message', (m: { type: string; spec?: QuerySpec }) => {
  if (m.type === 'counts') send({ type: 'counts', unhandled: unhandled.get(), memory: process.memoryUsage() })
  if (m.type === 'queries') send({ type: 'queries', result: runQueries(bot.deps, bot.db, clock, m.spec!) })
  if (m.type === 'publish') void publish((m as unknown as { period: string }).period).then((result) => send({ type: 'publish', result }))
  if (m.type === 'stop') {
    const hard = setTimeout(() => process.exit(0), 5000)
    void bot.stop().finally(() => { clearTimeout(hard); process.exit(0) })
  }
})
process.on('disconnect', () => process.exit(0))

/**
 * The monthly ranking as the scheduler runs it, with the HQ chat and a chat per zone bound: the claim's
 * transaction (score, snapshot, cards, workbooks queued as data), then the sender rendering each workbook
 * in its worker and uploading it. The event loop's delay is sampled throughout (10 ms resolution); the
 * answer comes once every message of the run is sent.
 */
async function publish(period: string) {
  const { deps } = bot
  const zones = bot.db.prepare(`SELECT id FROM zones ORDER BY id`).pluck().all() as number[]
  bot.db.transaction(() => {
    deps.bindings.bind('oc_bench_hq', null, 'bench', Date.now())
    for (const z of zones) deps.bindings.bind(`oc_bench_zone_${z}`, z, 'bench', Date.now())
  })()
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  // The sampler measures between two of its ticks: let it tick before the job blocks, or the block is missed.
  await new Promise((r) => setTimeout(r, 100))
  // Resident memory, sampled: before, while the job scores (worker) and claims, while the workbooks render and go out.
  const rss = { beforeMb: process.memoryUsage().rss / 2 ** 20, scoringMb: 0, sendingMb: 0 }
  let phase: 'scoringMb' | 'sendingMb' = 'scoringMb'
  const sampler = setInterval(() => { rss[phase] = Math.max(rss[phase], process.memoryUsage().rss / 2 ** 20) }, 10)
  const started = performance.now()
  const outcome = await runJob(deps, rankingJob, { period, now: clock(), trigger: 'schedule' })
  const claimMs = performance.now() - started
  phase = 'sendingMb'
  const left = bot.db.prepare(`SELECT COUNT(*) FROM outbox WHERE source = ? AND status = 'pending'`).pluck()
  while ((left.get(`job:ranking:${period}`) as number) > 0) await new Promise((r) => setTimeout(r, 20))
  const totalMs = performance.now() - started
  delay.disable()
  clearInterval(sampler)
  return {
    status: outcome.status, messages: outcome.messages.length, claimMs, totalMs, rss,
    stallMaxMs: delay.max / 1e6, stallP99Ms: delay.percentile(99) / 1e6,
    failed: bot.db.prepare(`SELECT COUNT(*) FROM outbox WHERE source = ? AND status = 'failed'`).pluck().get(`job:ranking:${period}`) as number,
  }
}

bot.start().then(({ port }) => send({ type: 'ready', port }), (err) => {
  console.error(err)
  process.exit(1)
})
