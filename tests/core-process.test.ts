import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { killHard, runProcess, startProcess } from './helpers/process'
import { tempDbPath, tempDir } from './helpers/temp'

const sim = await startSim()
const dir = tempDir()
const REPLY_PATH = /\/reply$/

function botEnv(dbPath: string, port: number) {
  return {
    LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    PORT: String(port), DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'info',
  }
}

describe('npm start as a process', () => {
  it('refuses to start with a missing or wrong config, listing every problem and pointing to the demo', async () => {
    const r = await runProcess('src/main.ts', { LARK_MODE: 'webhook', PORT: 'abc', CONFIG_PATH: '/nonexistent.json' })
    expect(r.code).toBe(1)
    for (const key of ['LARK_APP_ID', 'LARK_APP_SECRET', 'LARK_ENCRYPT_KEY', 'PORT']) expect(r.stderr).toContain(key)
    expect(r.stderr).toContain('npm run demo')
  })

  it('delivers a reply that was in flight when the process was killed, once, after a restart', async () => {
    const dbPath = tempDbPath(dir)
    const port = 20000 + (process.pid % 20000)
    // Lark is slow to answer the first reply: the bot dies while it waits.
    sim.fault({ path: REPLY_PATH, delayMs: 1500 })
    const first = startProcess('src/main.ts', botEnv(dbPath, port))
    await first.waitForOutput('bot started')
    const event = sim.messageEvent({ text: '/帮助', messageId: 'om_crash', chatType: 'p2p', chatId: 'oc_p2p' })
    expect((await sim.postEvent(`http://127.0.0.1:${port}/webhook/event`, event)).status).toBe(200)
    await sim.waitFor(() => sim.requests.some((r) => REPLY_PATH.test(r.path)), 5000, 'the first send attempt')
    await killHard(first)

    const second = startProcess('src/main.ts', botEnv(dbPath, port))
    await second.waitForOutput('bot started')
    await sim.waitFor(() => sim.messages.some((m) => m.reply_to === 'om_crash'), 10_000, 'the reply')
    await sim.waitFor(() => second.stdout.includes('message sent'), 10_000, 'the resend')
    second.child.kill('SIGTERM')
    expect(await second.exited).toBe(0)
    expect(second.stdout).toContain('took over rows of a sender that died mid-send')
    // The resend carried the same uuid, so Lark kept one message.
    expect(sim.messages.filter((m) => m.reply_to === 'om_crash')).toHaveLength(1)
    expect(sim.requests.filter((r) => REPLY_PATH.test(r.path)).length).toBeGreaterThanOrEqual(2)
  }, 30_000)
})
