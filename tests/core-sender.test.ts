import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'

const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook' })
const { send, replyTo } = createChat(sim, bot)
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/
const repliesTo = (messageId: string) => sim.messages.filter((m) => m.reply_to === messageId)
const replyRequestsFor = (since: number) => sim.requests.filter((r) => REPLY_PATH.test(r.path) && r.at >= since)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const outboxRow = (source: string) => {
  const db = new Database(bot.dbPath, { readonly: true })
  try {
    return db.prepare(`SELECT o.status, o.attempts, o.last_error AS lastError FROM outbox o WHERE o.reply_to = ?`).get(source) as
      { status: string; attempts: number; lastError: string | null }
  } finally {
    db.close()
  }
}

describe('outbox sender against Lark faults', () => {
  it('retries three 429s (honouring x-ogw-ratelimit-reset) and delivers exactly one reply', async () => {
    const since = Date.now()
    sim.fault({ path: REPLY_PATH, times: 3, status: 429, headers: { 'x-ogw-ratelimit-reset': '1' }, body: { code: 99991400, msg: 'too many requests' } })
    const { messageId } = await send('/帮助')
    await replyTo(messageId, 10_000)
    expect(repliesTo(messageId)).toHaveLength(1)
    const attempts = replyRequestsFor(since)
    expect(attempts.map((r) => r.status)).toEqual([429, 429, 429, 200])
    // reset = 1 s: the retries were spaced by about a second each, not hammered
    expect(attempts[3]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(2900)
  }, 20_000)

  it('retries 5xx and the IM rate limit (230020)', async () => {
    sim.fault({ path: REPLY_PATH, status: 500, body: { code: 1, msg: 'internal' } })
    sim.fault({ path: REPLY_PATH, status: 400, body: { code: 230020, msg: 'chat rate limited' } })
    const { messageId } = await send('/帮助')
    await replyTo(messageId, 10_000)
    expect(repliesTo(messageId)).toHaveLength(1)
  }, 15_000)

  it('survives a dropped connection and a slow answer', async () => {
    sim.fault({ path: REPLY_PATH, drop: true })
    const { messageId } = await send('/帮助')
    await replyTo(messageId, 10_000)
    expect(repliesTo(messageId)).toHaveLength(1)
  }, 15_000)

  it('marks a permanent error failed with its code and does not retry it', async () => {
    const since = Date.now()
    sim.fault({ path: REPLY_PATH, status: 400, body: { code: 230002, msg: 'bot not in chat' } })
    const { messageId } = await send('/帮助')
    await sim.waitFor(() => replyRequestsFor(since).length >= 1)
    await sleep(1500)
    expect(replyRequestsFor(since)).toHaveLength(1)
    expect(repliesTo(messageId)).toHaveLength(0)
    expect(outboxRow(messageId)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('230002') })
  })

  it('fetches a new token when Lark says the token is invalid', async () => {
    sim.expireTokens()
    const { messageId } = await send('/帮助')
    await replyTo(messageId)
    expect(repliesTo(messageId)).toHaveLength(1)
    // Lark has the message before the bot has its answer: the row is marked sent a moment later.
    await sim.waitFor(() => outboxRow(messageId).status === 'sent', 5000, 'the row marked sent')
  })
})
