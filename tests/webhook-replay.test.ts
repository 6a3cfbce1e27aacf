import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'

// The server's clock is a dependency: a fixed instant, against which the simulator signs with chosen timestamps.
const SERVER_NOW = Date.UTC(2026, 11, 1, 2, 0, 0)
const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook', serverClock: () => SERVER_NOW })
const webhook = `${bot.url}/webhook/event`
const seconds = (offsetMs: number) => String(Math.floor((SERVER_NOW + offsetMs) / 1000))
const MINUTE = 60_000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const inboxRows = () => {
  const db = new Database(bot.dbPath, { readonly: true })
  try {
    return db.prepare('SELECT COUNT(*) FROM inbox').pluck().get() as number
  } finally {
    db.close()
  }
}
const repliesTo = (messageId: string) => sim.messages.filter((m) => m.reply_to === messageId)
const event = (id: string) => sim.messageEvent({ text: '/帮助', messageId: `om_${id}`, eventId: `ev_${id}`, chatType: 'p2p', chatId: 'oc_p2p_replay' })

describe('webhook replay protection', () => {
  it('refuses a correctly signed request whose timestamp is more than 5 minutes old or ahead, with no effect', async () => {
    const before = inboxRows()
    for (const [id, offset] of [['old', -5 * MINUTE - 1000], ['older', -60 * MINUTE], ['ahead', 5 * MINUTE + 1000]] as const) {
      const r = await sim.postEvent(webhook, event(id), { timestamp: seconds(offset) })
      expect(r).toMatchObject({ status: 401, body: { error: 'stale timestamp' } })
    }
    for (const bad of ['', 'yesterday', '1e9', '-1']) {
      expect((await sim.postEvent(webhook, event(`bad${bad}`), { timestamp: bad })).status).toBe(401)
    }
    await sleep(300)
    expect(inboxRows()).toBe(before)
    expect(sim.messages.filter((m) => m.chat_id === 'oc_p2p_replay')).toHaveLength(0)
  })

  it('accepts a request signed within the window either way, and a redelivery of it has effect once', async () => {
    const first = await sim.postEvent(webhook, event('fresh'), { timestamp: seconds(-4 * MINUTE) })
    expect(first.status).toBe(200)
    await sim.waitFor(() => repliesTo('om_fresh').length === 1, 5000, 'the reply')
    // Lark signs a redelivery anew; the inbox drops it by its event id.
    const again = await sim.postEvent(webhook, event('fresh'), { timestamp: seconds(4 * MINUTE) })
    expect(again.status).toBe(200)
    await sleep(300)
    expect(repliesTo('om_fresh')).toHaveLength(1)
  })

  it('still answers the unsigned, encrypted url_verification, which carries no timestamp', async () => {
    expect(await sim.postEvent(webhook, sim.challengeBody('c-replay'))).toMatchObject({ status: 200, body: { challenge: 'c-replay' } })
  })
})
