// The bot under test, in a process of its own (so its RSS and CPU are its own): the real createBot in
// webhook mode against the simulator, on a copy of the county database, with the clock shifted to the
// benchmark's day. Driven over the IPC channel by run.ts:
//   → {type:'ready', port}            once listening
//   ← {type:'counts'}  → {type:'counts', unhandled, memory}   (cheap: the inbox's partial index)
//   ← {type:'queries', spec}  → {type:'queries', result}   (/村 进度 etc. through the router, see queries.ts)
//   ← {type:'stop'}  → exits after bot.stop()
import { createBot } from '../../src/app'
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
  if (m.type === 'queries') send({ type: 'queries', result: runQueries(bot.deps, clock, m.spec!) })
  if (m.type === 'stop') {
    const hard = setTimeout(() => process.exit(0), 5000)
    bot.stop().finally(() => { clearTimeout(hard); process.exit(0) })
  }
})
process.on('disconnect', () => process.exit(0))

bot.start().then(({ port }) => send({ type: 'ready', port }), (err) => {
  console.error(err)
  process.exit(1)
})
