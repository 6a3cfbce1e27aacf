import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'

const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook' })
const webhook = `${bot.url}/webhook/event`

describe('the webhook and another process\'s write lock', () => {
  it('answers 503 within about a second instead of holding the event loop, and takes the redelivery once free', async () => {
    const other = new Database(bot.dbPath)   // an admin import, a second bot: holds the write lock
    other.exec('BEGIN IMMEDIATE')
    const event = sim.messageEvent({ text: '/帮助', mentionBot: true })
    const health = fetch(`${bot.url}/healthz`)   // the event loop stays free for other requests meanwhile
    const blocked = await sim.postEvent(webhook, event)
    expect(blocked.status).toBe(503)
    expect(blocked.ms).toBeLessThan(2_500)
    expect([200, 503]).toContain((await health).status)
    other.exec('ROLLBACK')
    other.close()
    const again = await sim.postEvent(webhook, event)   // Lark redelivers the same event
    expect(again.status).toBe(200)
    await sim.waitFor(() => sim.messages.some((m) => m.reply_to === (event as any).event.message.message_id), 10_000, 'the reply')
  })
})
