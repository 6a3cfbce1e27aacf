// `npm run bench` — the county-scale benchmark (issue 8). Prints a table, then one JSON line with every
// figure. Options: --seed <n> (default 2018), --cpu-prof (profiles of the bot processes into
// data/bench/profiles/), --only 1,3 (some measurements), --quick (shorter runs, for trying the harness;
// figures not comparable), --bot-node-flags="<V8 flags>" (for the bot processes). The bot processes run
// compiled (deploy/build.mjs into data/bench/build/), with plain node, as `npm start` runs the bot.
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { startLarkSimulator } from '../sim'
import { ROOT } from '../helpers/process'
import { BENCH_NOW, CACHE_DIR, copyDb, countyDb } from './county-db'
import { buildChildren, startChild } from './child'
import { loadWorkload, reportEvents } from './workload'
import { measureIngest } from './ingest'
import { measureE2e } from './e2e'
import { measureScale, type ScaleResult } from './ranking'
import { measureOutbox } from './outbox'
import { measureImport } from './import'
import { measureConnections } from './connections'
import type { QueryResult } from './queries'

interface PublishResult { status: string; messages: number; claimMs: number; totalMs: number; rss: { beforeMb: number; scoringMb: number; sendingMb: number }; stallMaxMs: number; stallP99Ms: number; failed: number }
import { formatTable, ms, round, sleep, summarize, type Row } from './stats'
import { openLoop } from './load'
import Database from 'better-sqlite3'

/** How many durable (synchronous=FULL, WAL) one-row commits this disk does per second: at most 2 s. */
function commitRate(path: string): number {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)')
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)')
  const started = performance.now()
  let n = 0
  while (n < 5000 && performance.now() - started < 2000) { insert.run('x'.repeat(200)); n++ }
  const rate = (n / (performance.now() - started)) * 1000
  db.close()
  return rate
}

const { values: opts } = parseArgs({ options: { seed: { type: 'string', default: '2018' }, 'cpu-prof': { type: 'boolean' }, quick: { type: 'boolean' }, only: { type: 'string' }, 'bot-node-flags': { type: 'string' }, 'bot-env': { type: 'string' } } })
/**
 * The bot processes run with the V8 flags of `npm start` (package.json), so the RSS measured is the
 * production one; --bot-node-flags="--max-old-space-size=160" adds to them (to try memory settings).
 */
const startScript: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.start
const nodeFlags = [...startScript.split(/\s+/).filter((w) => w.startsWith('--')), ...(opts['bot-node-flags']?.split(' ').filter(Boolean) ?? [])]
/** Environment the start script sets before `node` (`NAME=value node …`), and --bot-env="NAME=value …" for experiments. */
const startEnv = Object.fromEntries([...startScript.split(/\s+/), ...(opts['bot-env']?.split(' ') ?? [])]
  .filter((w) => /^[A-Z_][A-Z0-9_]*=/.test(w)).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]))
/** --only 1,2,5: just those measurements (7 comes with 1–3, 8 with 4; 11 needs no county and is quick). */
const want = (n: number) => !opts.only || opts.only.split(',').map(Number).includes(n)
const seed = Number(opts.seed)
const quick = !!opts.quick
const ENCRYPT_KEY = 'bench-encrypt-key'
const TOKEN = 'bench-verification-token'
const say = (s: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(3)} s] ${s}\n`)
const t0 = performance.now()
const appIds = (n: number) => `cli_bench${String(process.pid % 1e7).padStart(7, '0')}${n.toString(16).padStart(4, '0')}`.slice(0, 20)

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  node: process.version,
  loadBefore: loadavg().map((x) => round(x, 2)),
}
say(`machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, load ${machine.loadBefore.join(' ')}`)
say(`bot processes: ${Object.entries(startEnv).map(([k, v]) => `${k}=${v} `).join('')}node ${nodeFlags.join(' ')} (as npm start runs it)`)

const dir = mkdtempSync(join(tmpdir(), 'zhanqu-bench-'))
Object.assign(machine, { fsyncCommitsPerSec: round(commitRate(join(dir, 'fsync.db')), 0) })
say(`disk: ${(machine as { fsyncCommitsPerSec?: number }).fsyncCommitsPerSec} one-row commits/s with synchronous=FULL (WAL)`)
const profDir = opts['cpu-prof'] ? join(CACHE_DIR, 'profiles') : undefined
if (profDir) mkdirSync(profDir, { recursive: true })
const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })]

try {
  // --- the bot compiled as `npm run build` compiles it, and the databases, built once per seed -------
  buildChildren()
  // Only the measurements on a county wait for its databases (§5, §6 and §11 need none).
  const onCounty = [1, 2, 3, 4, 8, 9, 10].some(want)
  const dbs = onCounty ? { 100: countyDb(seed, 100, say), 50: countyDb(seed, 50, say), 25: countyDb(seed, 25, say), demo: countyDb(seed, 'demo', say) } : null
  const buildSeconds = dbs ? round(Object.values(dbs).reduce((s, d) => s + d.buildMs, 0) / 1000, 1) : 0
  if (dbs) say(dbs[100].built ? `county databases built (${buildSeconds} s)` : 'county databases from the cache')
  const workload = dbs ? loadWorkload(dbs[100].path) : null
  const botEnv = (sim: { url: string; appId: string }, db: string, sender: object) => ({
    ...startEnv,
    BENCH_NOW_MS: String(BENCH_NOW.getTime()), BENCH_APP_ID: sim.appId, BENCH_APP_SECRET: 'secret', BENCH_SIM_URL: sim.url,
    BENCH_ENCRYPT_KEY: ENCRYPT_KEY, BENCH_VERIFICATION_TOKEN: TOKEN, BENCH_DB: db, BENCH_SENDER: JSON.stringify(sender),
    ...(process.env.BENCH_PRAGMAS ? { BENCH_PRAGMAS: process.env.BENCH_PRAGMAS } : {}),
  })

  const rows: Row[] = []
  const result: Record<string, unknown> = {}
  const peaks: number[] = []

  // --- 1. ingest: the bot vs the bare SDK ---------------------------------------------------------
  if (want(1)) {
    say('1. webhook ingest, concurrency 32: bot vs bare SDK')
    const sim1 = await startLarkSimulator({ appId: appIds(1), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, rateLimit: { perAppPerSecond: 50, perChatPerSecond: 5 } })
    cleanups.push(() => sim1.close())
    const bot1 = await startChild('bot-child', botEnv(sim1, copyDb(dbs![100].path, dir, 'ingest.db'), {}), { cpuProf: profDir, nodeFlags })
    cleanups.push(() => bot1.stop())
    result.idleBotMemory = bot1.memory()   // started, database open, nothing handled yet
    const bare = await startChild('bare-sdk-child', { BENCH_ENCRYPT_KEY: ENCRYPT_KEY, BENCH_VERIFICATION_TOKEN: TOKEN })
    cleanups.push(() => bare.stop())
    const perRound = quick ? 2000 : 8000
    const rounds = [0, 1, 2, 3].map((r) => reportEvents(sim1, ENCRYPT_KEY, workload!, perRound, `in${r}`, 100 + r))
    const warm = reportEvents(sim1, ENCRYPT_KEY, workload!, 1000, 'inw', 99)
    const ingest = await measureIngest(bot1, bare, rounds, warm, 30_000)
    const mem = bot1.memory()
    peaks.push(mem.peakMb)
    await bot1.stop()
    await bare.stop()
    await sim1.close()
    say(`   bot ${round(ingest.bot.perSec, 0)}/s, bare ${round(ingest.bare.perSec, 0)}/s, handled ${round(ingest.handledPerSec, 0)}/s`)
    Object.assign(result, { ingest: { ...ingest, botMemory: mem } })
    rows.push(
      { section: '1', what: 'ingest, bot (events/s)', value: `${round(ingest.bot.perSec, 0)}/s`, target: '≥ 1,000/s', ok: ingest.bot.perSec >= 1000 && ingest.bot.non200 === 0 },
      { section: '1', what: 'ingest, bare SDK (events/s)', value: `${round(ingest.bare.perSec, 0)}/s` },
      { section: '1', what: 'bot ÷ bare SDK', value: `${round(ingest.ratio * 100, 1)} %`, target: '≥ 60 %', ok: ingest.ratio >= 0.6 },
      { section: '1', what: 'bot: time to the 200, p50 / p99', value: `${ms(ingest.bot.latency.p50)} / ${ms(ingest.bot.latency.p99)}`, target: 'p99 < 50 ms', ok: ingest.bot.latency.p99 < 50 },
      { section: '1', what: 'bare SDK: time to the 200, p50 / p99', value: `${ms(ingest.bare.latency.p50)} / ${ms(ingest.bare.latency.p99)}` },
      { section: '1', what: 'bot: accepted events handled (command run, reply queued)', value: `${round(ingest.handledPerSec, 0)}/s` },
    )
  }

  // --- 2. end to end at 200/s, 3. queries (same bot process) --------------------------------------
  if (want(2) || want(3)) {
    // The simulator answers replies without the app limit here: at 200 replies/s Lark's 50/s per app
    // (and 1,000/min) would queue them by design, which measures Lark, not the bot (see BENCHMARKS.md).
    const sim2 = await startLarkSimulator({ appId: appIds(2), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, rateLimit: { perChatPerSecond: 5 } })
    cleanups.push(() => sim2.close())
    const bot2 = await startChild('bot-child', botEnv(sim2, copyDb(dbs![100].path, dir, 'e2e.db'), { perAppPerSecond: 1000, perAppPerMinute: 60_000, perChatPerSecond: 5 }), { cpuProf: profDir, nodeFlags })
    cleanups.push(() => bot2.stop())
    if (want(2)) {
      const rate = 200
      const seconds = quick ? 10 : 30
      say(`2. end to end at ${rate} events/s for ${seconds} s`)
      await measureE2e(sim2, bot2.url, reportEvents(sim2, ENCRYPT_KEY, workload!, rate * 2, 'e2ew', 199), rate, 2)   // warm-up
      const e2e = await measureE2e(sim2, bot2.url, reportEvents(sim2, ENCRYPT_KEY, workload!, rate * seconds, 'e2e', 200), rate, seconds)
      say(`   p50 ${ms(e2e.latency.p50)}, p99 ${ms(e2e.latency.p99)}, ${e2e.replied}/${e2e.sent} replied`)
      result.e2e = e2e
      rows.push({ section: '2', what: `end to end at ${rate}/s for ${seconds} s, p50 / p99`, value: `${ms(e2e.latency.p50)} / ${ms(e2e.latency.p99)}`, target: 'p99 < 300 ms', ok: e2e.latency.p99 < 300 && e2e.replied === e2e.sent && e2e.non200 === 0 })
    }
    if (want(3)) {
      say('3. county-scale queries through the router (in the bot process)')
      const q = await bot2.ask<{ result: QueryResult[] }>({ type: 'queries', spec: { openId: workload!.inspector, maxCount: quick ? 50 : 300, maxMs: quick ? 5000 : 15_000, warmup: 5 } })
      for (const r of q.result) {
        say(`   ${r.label}: p50 ${ms(r.summary.p50)}, p99 ${ms(r.summary.p99)} (n=${r.summary.n})`)
        rows.push({ section: '3', what: `${r.label}, p50 / p99`, value: `${ms(r.summary.p50)} / ${ms(r.summary.p99)}`, target: 'p99 < 50 ms', ok: r.summary.p99 < 50 && r.notOk === 0 })
      }
      result.queries = q.result
    }
    const mem = bot2.memory()
    peaks.push(mem.peakMb)
    result.e2eBotMemory = mem
    await bot2.stop()
    await sim2.close()
  }
  if (peaks.length) {
    const rss = Math.max(...peaks)
    result.peakRssMb = round(rss, 1)
    rows.push({ section: '7', what: 'peak RSS of the bot process during 1–3', value: `${round(rss, 0)} MB`, target: '< 200 MB', ok: rss < 200 })
  }

  // --- 9. memory on a small county: start-up, then a few hundred events and queries -----------------
  if (want(9)) {
    say('9. memory on small counties: after start-up, then 300 events and 90 queries')
    const small: Record<string, unknown> = {}
    for (const [label, size] of [['the demo county', 'demo'], ['the county at 25 %', 25]] as const) {
      const sim9 = await startLarkSimulator({ appId: appIds(9), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, rateLimit: { perAppPerSecond: 50, perChatPerSecond: 5 } })
      cleanups.push(() => sim9.close())
      const bot9 = await startChild('bot-child', botEnv(sim9, copyDb(dbs![size].path, dir, `small-${size}.db`), {}), { nodeFlags })
      cleanups.push(() => bot9.stop())
      const idle = bot9.memory()
      const w = loadWorkload(dbs![size].path)
      const e2e = await measureE2e(sim9, bot9.url, reportEvents(sim9, ENCRYPT_KEY, w, 300, `small${size}`, 900), 50, 6)
      await bot9.ask({ type: 'queries', spec: { openId: w.inspector, maxCount: 15, maxMs: 5000, warmup: 0 } })
      const mem = bot9.memory()
      await bot9.stop()
      await sim9.close()
      say(`   ${label} (${w.villages} villages, ${w.households} households): ${round(idle.rssMb, 0)} MB after start-up, peak ${round(mem.peakMb, 0)} MB (${e2e.replied}/${e2e.sent} replied)`)
      small[String(size)] = { villages: w.villages, households: w.households, idleRssMb: round(idle.rssMb, 1), peakRssMb: round(mem.peakMb, 1), replied: e2e.replied, sent: e2e.sent }
      rows.push({ section: '9', what: `peak RSS, ${label} (${w.households.toLocaleString('en-US')} households): start-up / after 300 events + queries`, value: `${round(idle.peakMb, 0)} / ${round(mem.peakMb, 0)} MB`, target: '< 160 MB', ok: mem.peakMb < 160 && e2e.replied === e2e.sent })
    }
    result.smallCounty = small
  }

  // --- 10. the county's ranking published while the webhook is busy ----------------------------------
  if (want(10)) {
    say('10. the monthly ranking published on the county while events arrive at 50/s')
    const sim10 = await startLarkSimulator({ appId: appIds(10), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: TOKEN, rateLimit: { perChatPerSecond: 5 } })
    cleanups.push(() => sim10.close())
    const bot10 = await startChild('bot-child', botEnv(sim10, copyDb(dbs![100].path, dir, 'publish.db'), { perAppPerSecond: 1000, perAppPerMinute: 60_000, perChatPerSecond: 5 }), { nodeFlags })
    cleanups.push(() => bot10.stop())
    const seconds = quick ? 8 : 15
    const load = openLoop(`${bot10.url}/webhook/event`, reportEvents(sim10, ENCRYPT_KEY, workload!, 50 * seconds, 'pub', 1000), 50, seconds * 1000)
    await sleep(2000)
    const pub = (await bot10.ask<{ result: PublishResult }>({ type: 'publish', period: '2018-05' })).result
    const served = await load
    const mem = bot10.memory()
    await bot10.stop()
    await sim10.close()
    const answers = summarize(served.answerMs)
    const non200 = Object.entries(served.statuses).filter(([st]) => st !== '200').reduce((n, [, c]) => n + c, 0)
    say(`   RSS before ${round(pub.rss.beforeMb, 0)} MB, scoring and claim ${round(pub.rss.scoringMb, 0)} MB, rendering and sending ${round(pub.rss.sendingMb, 0)} MB`)
    say(`   claim ${ms(pub.claimMs)}, all ${pub.messages} messages sent after ${ms(pub.totalMs)}; event loop stalled at most ${ms(pub.stallMaxMs)}; webhook p99 ${ms(answers.p99)}, max ${ms(answers.max)}; peak RSS ${round(mem.peakMb, 0)} MB`)
    result.publish = { ...pub, webhook: answers, non200, peakRssMb: round(mem.peakMb, 1) }
    rows.push(
      { section: '10', what: `publish: scoring (worker) and claim / until all ${pub.messages} messages (6 workbooks) are sent`, value: `${ms(pub.claimMs)} / ${ms(pub.totalMs)}` },
      { section: '10', what: 'longest event-loop stall during the publish (monitorEventLoopDelay)', value: ms(pub.stallMaxMs), target: '< 200 ms', ok: pub.stallMaxMs < 200 },
      { section: '10', what: `webhook at 50/s meanwhile: time to the 200, p99 / max (${served.sent} events)`, value: `${ms(answers.p99)} / ${ms(answers.max)}`, target: 'max < 200 ms', ok: answers.max < 200 && non200 === 0 && pub.failed === 0 },
      { section: '10', what: 'peak RSS of the bot process during the publish', value: `${round(mem.peakMb, 0)} MB`, target: '< 200 MB', ok: mem.peakMb < 200 },
    )
  }

  // --- 4 and 8. ranking vs the floor, growth ---------------------------------------------------------
  if (want(4) || want(8)) {
    say('4/8. monthly ranking vs plain-SQL floor, and growth at 25/50/100 %')
    const scales = ([25, 50, 100] as const).map((p) => {
      const r = measureScale(copyDb(dbs![p].path, dir, `scale-${p}.db`), p, BENCH_NOW, workload!.inspector, { runs: quick ? 2 : 5, zoneRuns: quick ? 10 : 40 })
      rmSync(join(dir, `scale-${p}.db`), { force: true })
      say(`   ${p} %: ranking ${ms(r.ranking.p50)} (first ${ms(r.rankingFirstMs)}), floor ${ms(r.floor.p50)}, /战区 进度 p50 ${ms(r.zoneProgress.p50)}`)
      return r
    })
    const county = scales[2]!
    result.ranking = scales
    // Linear growth: time per record stays flat. Allow 25 % for noise on a shared machine.
    const size = county.records / scales[0]!.records
    const growth = (f: (s: ScaleResult) => number) => scales.map((s) => `${s.percent}%: ${ms(f(s))}`).join(', ')
    const linear = (f: (s: ScaleResult) => number) => f(county) / f(scales[0]!) <= size * 1.25
    rows.push(
      { section: '4', what: 'county monthly ranking (publish, median)', value: ms(county.ranking.p50), target: '< 2 s', ok: county.ranking.p50 < 2000 },
      { section: '4', what: 'plain-SQL floor (one aggregate, median)', value: ms(county.floor.p50) },
      { section: '4', what: 'ranking ÷ floor', value: `${round(county.ranking.p50 / county.floor.p50, 2)}×`, target: '≤ 5×', ok: county.ranking.p50 / county.floor.p50 <= 5 },
      { section: '8', what: `ranking at 25 / 50 / 100 % (records ×${round(size, 2)})`, value: growth((s) => s.ranking.p50), target: '≤ linear', ok: linear((s) => s.ranking.p50) },
      { section: '8', what: '/战区 进度 全县 p50 at 25 / 50 / 100 %', value: growth((s) => s.zoneProgress.p50), target: '≤ linear', ok: linear((s) => s.zoneProgress.p50) },
    )
  }

  // --- 5. outbox drain -------------------------------------------------------------------------------
  if (want(5)) {
    say('5. outbox drain: 2,000 messages to 100 chats at 50/s per app, 5/s per chat')
    const sim5 = await startLarkSimulator({ appId: appIds(5), appSecret: 'secret', rateLimit: { perAppPerSecond: 50, perChatPerSecond: 5 } })
    cleanups.push(() => sim5.close())
    const outbox = await measureOutbox(sim5, dir, { messages: quick ? 500 : 2000, chats: 100, perSec: 50, perMinute: 50 * 60, maxMs: 120_000 })
    await sim5.close()
    say(`   ${round(outbox.perSec, 1)}/s = ${round(outbox.ofLimit * 100, 1)} % of 50/s, ${outbox.rateLimited} rate-limited, ${outbox.lost} lost`)
    result.outbox = outbox
    rows.push(
      { section: '5', what: `outbox drain ${outbox.messages} msgs / ${outbox.chats} chats (${round(outbox.seconds, 1)} s)`, value: `${round(outbox.perSec, 1)}/s = ${round(outbox.ofLimit * 100, 1)} % of 50/s`, target: '≥ 90 %', ok: outbox.ofLimit >= 0.9 && outbox.otherErrors === 0 },
      { section: '5', what: 'rate-limit errors hit / lost / sent twice', value: `${outbox.rateLimited} / ${outbox.lost} / ${outbox.duplicates}`, target: 'lost = 0', ok: outbox.lost === 0 },
    )
  }

  // --- 6. import -------------------------------------------------------------------------------------
  if (want(6)) {
    say('6. import of the county workbook')
    const imp = await measureImport(seed, BENCH_NOW, dir)
    say(`   ${imp.rows} rows in ${round(imp.seconds, 1)} s = ${round(imp.perSec, 0)} rows/s`)
    result.import = imp
    rows.push({ section: '6', what: `import of the county workbook (${imp.rows.toLocaleString('en-US')} rows)`, value: `${round(imp.perSec, 0).toLocaleString('en-US')} rows/s`, target: '≥ 20,000 rows/s', ok: imp.perSec >= 20_000 })
  }

  // --- 11. unauthenticated connections: what they make the bot hold ----------------------------------
  if (want(11)) {
    const n = quick ? 200 : 1000
    say(`11. ${n} unauthenticated connections at once, each sending all but the last byte of its body and waiting`)
    const kinds = [{ what: 'no signature, 1 MB declared', declaredBytes: 1024 * 1024, signed: false }, { what: 'forged signature, 100 KB declared', declaredBytes: 100 * 1024, signed: true }]
    const results = []
    for (const k of kinds) {
      const sim11 = await startLarkSimulator({ appId: appIds(11), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: TOKEN })
      cleanups.push(() => sim11.close())
      const bot11 = await startChild('bot-child', botEnv(sim11, join(dir, `connections-${k.signed ? 'signed' : 'unsigned'}.db`), {}), { nodeFlags })
      cleanups.push(() => bot11.stop())
      const r = await measureConnections(bot11, { connections: n, declaredBytes: k.declaredBytes, signed: k.signed, maxMs: 20_000 })
      await bot11.stop()
      await sim11.close()
      const ends = Object.entries(r.ends).map(([how, c]) => `${c} ${how}`).join(', ')
      say(`   ${k.what}: RSS ${r.rss.beforeMb} → peak ${r.rss.peakMb} → ${r.rss.afterMb} MB; ended: ${ends}; last after ${ms(r.lastEndMs)}`)
      results.push({ ...k, ...r })
      rows.push(
        { section: '11', what: `${n} connections, ${k.what}: RSS before / peak / after`, value: `${round(r.rss.beforeMb, 0)} / ${round(r.rss.peakMb, 0)} / ${round(r.rss.afterMb, 0)} MB`, target: 'peak < 200 MB', ok: r.rss.peakMb < 200 },
        { section: '11', what: `${n} connections, ${k.what}: how they ended, and when the last did`, value: `${ends}; ${ms(r.lastEndMs)}`, target: 'none open after 20 s', ok: !r.ends.open },
      )
    }
    result.connections = results
  }

  // --- the table and the JSON line -------------------------------------------------------------------
  rows.sort((a, b) => a.section.localeCompare(b.section))
  const loadAfter = loadavg().map((x) => round(x, 2))
  const totalSeconds = round((performance.now() - t0) / 1000, 0)
  console.log(formatTable(rows))
  console.log(`\n${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; load average before ${machine.loadBefore.join(' ')}, after ${loadAfter.join(' ')}; ${totalSeconds} s in all${quick ? ' (--quick: not comparable)' : ''}`)
  console.log(JSON.stringify({
    seed, quick, only: opts.only ?? null, machine: { ...machine, loadAfter }, botNodeFlags: nodeFlags, botEnv: startEnv, totalSeconds, buildSeconds,
    county: workload && { villages: workload.villages, households: workload.households, reporters: workload.reporters.length },
    ...result,
    targetsMissed: rows.filter((r) => r.ok === false).map((r) => r.what),
  }))
} finally {
  for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => {})
}
