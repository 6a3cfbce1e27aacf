import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim, type TestBot } from './helpers/bot'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** /healthz ten times over 2.5 s: four times the sender's stall threshold (600 ms here, 15 s in production). */
async function watch(bot: TestBot) {
  const seen: { status: number; body: any }[] = []
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${bot.url}/healthz`)
    seen.push({ status: res.status, body: await res.json() })
    await sleep(250)
  }
  return seen
}

// Lark allows 1,000 messages a minute per app; here 3, so a handful of replies is a backlog that must wait
// most of a minute. A watchdog reading /healthz must see a live bot that is waiting, not a stopped one.
describe('/healthz while the sender waits out Lark\'s rate limit', async () => {
  const sim = await startSim()
  const bot = await startBot(sim, { mode: 'webhook', sender: { perAppPerMinute: 3, stallMs: 600 } })
  const { send } = createChat(sim, bot, {}, 'webhook')

  it('stays 200 through the backlog and says what waits and for how long', async () => {
    for (let i = 0; i < 8; i++) expect((await send('/帮助')).status).toBe(200)
    await sim.waitFor(() => sim.messages.length >= 3, 10_000, 'the first three replies')
    const seen = await watch(bot)
    expect(seen.map((s) => s.status)).toEqual(Array(10).fill(200))
    const last = seen.at(-1)!.body
    expect(last).toMatchObject({ status: 'ok', sender: 'ok', senderWaiting: 'rate-limit' })
    expect(last.senderWaitMs).toBeGreaterThan(40_000)
    expect(last.senderWaitMs).toBeLessThanOrEqual(60_000)
    expect(last.outbox.pending).toBe(5)
    expect(last.outbox.oldestPendingMs).toBeGreaterThan(2_000)
    expect(sim.messages.length).toBe(3)   // nothing sent past the window
  })
})

// The same when it is Lark that counts: a simulator that allows 3 a minute answers the fourth with 429 and
// x-ogw-ratelimit-reset, and the sender (which believes in 1,000 a minute) pauses the app for that long.
describe('/healthz while Lark has paused the app with a 429', async () => {
  const sim = await startSim({ rateLimit: { perAppPerMinute: 3 } })
  const bot = await startBot(sim, { mode: 'webhook', sender: { stallMs: 600 } })
  const { send } = createChat(sim, bot, {}, 'webhook')

  it('stays 200, says Lark paused it and for how long, and sends nothing before the reset', async () => {
    for (let i = 0; i < 6; i++) expect((await send('/帮助')).status).toBe(200)
    await sim.waitFor(() => sim.requests.some((r) => r.status === 429), 10_000, 'a 429 from Lark')
    const seen = await watch(bot)
    expect(seen.map((s) => s.status)).toEqual(Array(10).fill(200))
    const last = seen.at(-1)!.body
    expect(last).toMatchObject({ status: 'ok', sender: 'ok', senderWaiting: 'paused-by-lark', outbox: { pending: 3, failed: 0 } })
    expect(last.senderWaitMs).toBeGreaterThan(40_000)
    expect(last.senderWaitMs).toBeLessThanOrEqual(61_000)
    expect(sim.messages.length).toBe(3)
    expect(sim.requests.filter((r) => r.status === 429)).toHaveLength(1)   // one refusal, then it waits
  })
})
