import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { seedFixture } from './helpers/fixture'
import { ROOT } from './helpers/process'
import { freePort } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'

// What production runs: `npm run build`'s dist/, then plain `node dist/main.js` with only the production
// dependencies (as after `npm ci --omit=dev`), in a folder of its own: no tsx, no TypeScript within reach.
const run = promisify(execFile)
const dir = tempDir('zhanqu-dist-')
const dist = join(dir, 'dist')
const sim = await startSim()

/** node_modules holding only what `npm ci --omit=dev` installs, read off package-lock.json. */
function productionModules(target: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> }
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.slice('node_modules/'.length)
    if (!path.startsWith('node_modules/') || name.includes('node_modules/') || entry.dev) continue
    mkdirSync(join(target, name, '..'), { recursive: true })
    symlinkSync(join(ROOT, path), join(target, name), 'dir')
  }
}

describe('the compiled bot', () => {
  it('is what npm run build made, and runs with plain node and production dependencies: health, a reply, a ranking workbook, SIGTERM', async () => {
    // tests/global-setup.ts built dist/ with deploy/build.mjs (from clean on a fresh clone, as in CI); it is
    // current: a second --if-stale build does nothing.
    expect((await run(process.execPath, [join(ROOT, 'deploy/build.mjs'), '--if-stale'], { cwd: ROOT })).stderr).toBe('')
    cpSync(join(ROOT, 'dist'), dist, { recursive: true })
    for (const entry of ['main.js', 'admin.js', 'demo.js', 'src/worker/entry.mjs', 'db/migrations/0001_core.sql', 'src/web/static/map.css']) {
      expect(existsSync(join(dist, entry)), entry).toBe(true)
    }
    productionModules(join(dir, 'node_modules'))
    for (const dev of ['tsx', 'typescript', 'vitest', 'esbuild']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false)

    const dbPath = tempDbPath(dir)
    seedFixture(dbPath)
    const port = await freePort()
    const env = {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath, CONFIG_PATH: join(dir, 'none.json'),
    }
    const admin = (...args: string[]) => run(process.execPath, [join(dist, 'admin.js'), ...args], { cwd: dir, env })
    expect((await admin('bind', 'oc_hq_dist', '全县')).stdout).toContain('全县')

    const bot = spawn(process.execPath, [join(dist, 'main.js')], {
      cwd: dir,
      env: {
        ...env, LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook',
        LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, PORT: String(port), SCHEDULER: 'off',
      },
    })
    let out = ''
    bot.stdout.on('data', (d) => (out += d))
    bot.stderr.on('data', (d) => (out += d))
    const exited = new Promise<number | null>((resolve) => bot.on('exit', resolve))
    try {
      await sim.waitFor(() => out.includes('bot started') || bot.exitCode !== null, 15_000, 'bot started')
      expect(out).toContain('bot started')
      const health = await fetch(`http://127.0.0.1:${port}/healthz`)
      expect(health.status).toBe(200)
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'ok', sender: 'ok' })

      const event = sim.messageEvent({ text: '/帮助', messageId: 'om_dist', chatType: 'p2p', chatId: 'oc_p2p_dist' })
      expect((await sim.postEvent(`http://127.0.0.1:${port}/webhook/event`, event)).status).toBe(200)
      await sim.waitFor(() => sim.messages.some((m) => m.reply_to === 'om_dist'), 10_000, 'the reply')

      // The CLI queues the ranking (no credentials); the running bot renders the workbook in its worker and uploads it.
      const queued = await admin('run', 'ranking', '--period', '2018-05')
      expect(queued.stdout).toContain('已加入发送队列')
      await sim.waitFor(() => sim.files.some((f) => f.file_name === '考核排名-2018-05.xlsx'), 20_000, 'the workbook')
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(sim.files.find((f) => f.file_name === '考核排名-2018-05.xlsx')!.bytes as unknown as ArrayBuffer)
      expect(wb.getWorksheet('乡镇排名')!.getRow(1).values).toContain('乡镇')
      await sim.waitFor(() => sim.messages.filter((m) => m.receive_id === 'oc_hq_dist').length === 2, 10_000, 'card and file')
    } finally {
      bot.kill('SIGTERM')
    }
    expect(await exited, out).toBe(0)
    expect(out).toContain('bot stopped')
  }, 90_000)
})
