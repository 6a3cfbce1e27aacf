import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Lark allows 1,000 messages a minute per app; here 3, so a handful of replies is a backlog that must wait
// most of a minute. A watchdog reading /healthz must see a live bot that is waiting, not a stopped one.
const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook', sender: { perAppPerMinute: 3, stallMs: 600 } })
const { send } = createChat(sim, bot)

describe('/healthz while the sender waits out Lark\'s rate limit', () => {
  it('stays 200 through the backlog and says what waits and for how long', async () => {
    for (let i = 0; i < 8; i++) expect((await send('/帮助')).status).toBe(200)
    const deadline = Date.now() + 10_000
    while (sim.messages.length < 3 && Date.now() < deadline) await sleep(50)
    expect(sim.messages.length).toBe(3)
    const seen: { status: number; body: any }[] = []
    for (let i = 0; i < 10; i++) {   // 2.5 s: four times the stall threshold
      const res = await fetch(`${bot.url}/healthz`)
      seen.push({ status: res.status, body: await res.json() })
      await sleep(250)
    }
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
