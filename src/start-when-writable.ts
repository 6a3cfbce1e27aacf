import { createServer, type Server } from 'node:http'
import type { Config } from './config'
import { createBot, type Bot } from './app'
import { diskProblemOf, DISK_HELP, type DiskProblem } from './db-health'

const FIRST_RETRY_MS = 1_000
const MAX_RETRY_MS = 30_000

/**
 * `npm start` on a read-only or full disk. Exiting would turn systemd's Restart=on-failure into a crash
 * loop; instead the process stays up, says what is wrong (stderr, and /healthz → 503 with the reason),
 * answers every other request 503 too (Lark redelivers later), and tries again with backoff until the disk
 * is back. A corrupt file is not retried: that needs a person (db/open.ts says what to do).
 */
export async function startWhenWritable(config: Config): Promise<Bot> {
  let delay = FIRST_RETRY_MS
  let standIn: Server | null = null
  let state: { problem: DiskProblem; error: string } | null = null
  for (;;) {
    let bot: Bot
    try {
      bot = createBot({ config })
    } catch (err) {
      const problem = diskProblemOf(err)
      if (!problem || problem === 'corrupt') throw err
      state = { problem, error: err instanceof Error ? err.message : String(err) }
      console.error(`数据库 ${config.DATABASE_PATH} 不能写入：${DISK_HELP[problem]}（${state.error}）。` +
        `机器人不退出：在此期间 /healthz 返回 503，${delay / 1000} 秒后重试，磁盘恢复后自动启动。`)
      standIn ??= await listenUnavailable(config, () => state!)
      await new Promise((r) => setTimeout(r, delay))
      delay = Math.min(delay * 2, MAX_RETRY_MS)
      continue
    }
    if (standIn) await closeServer(standIn)
    await bot.start()
    return bot
  }
}

function listenUnavailable(config: Config, state: () => { problem: DiskProblem; error: string }): Promise<Server> {
  const server = createServer((req, res) => {
    const s = state()
    res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', 'retry-after': '30' })
    res.end(JSON.stringify(req.url?.startsWith('/healthz')
      ? { status: 'unavailable', database: s.problem, databaseError: s.error, action: DISK_HELP[s.problem], sender: 'stopped', mode: config.LARK_MODE }
      : { error: 'database unavailable' }))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.PORT, '0.0.0.0', () => resolve(server))
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
