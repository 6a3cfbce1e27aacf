import { describe, expect, it } from 'vitest'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { personalDataIn, seedReliabilityFixture, sleep } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'
import type { LarkSimulator } from './sim'
import type { TestBot } from './helpers/bot'

/**
 * Lark misbehaving in every way the simulator can: 429 with a reset, 5xx, answers slower than the HTTP
 * timeout (the message arrives anyway, late), dropped connections, revoked tokens, a token endpoint that
 * fails, answers without a message id; and the long connection dropped mid-stream and refused for a while.
 * Nothing may be lost or doubled, /healthz must say what is going on, and it must all heal by itself.
 */
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal'
const HTTP_TIMEOUT_MS = 800
const dir = tempDir()
let seq = 0

function fixtureDb() {
  const path = tempDbPath(dir)
  seedReliabilityFixture(path)
  return path
}

/** A mix of commands from several people and chats (unique message ids). */
function messages(sim: LarkSimulator, tag: string, count: number) {
  const texts = ['/帮助', '/村 上报 红岩洞村@团结乡 T001 5/15', '/村 进度 红岩洞村@团结乡', '/我', '/户 核查 H001', '/逾期 第一战区']
  const who = [PEOPLE.team1, PEOPLE.admin, PEOPLE.commander1, PEOPLE.inspector]
  return Array.from({ length: count }, (_, i) => {
    const messageId = `om_${tag}_${++seq}`
    return { messageId, body: sim.messageEvent({ text: texts[i % texts.length]!, messageId, openId: who[i % who.length]!, chatId: `oc_${tag}_${i % 12}`, chatType: 'group', mentionBot: true }) }
  })
}

const repliesPer = (sim: LarkSimulator, ids: string[]) => ids.map((id) => sim.messages.filter((m) => m.reply_to === id).length)
const health = async (bot: TestBot) => {
  const r = await fetch(`${bot.url}/healthz`)
  return { status: r.status, body: await r.json() as any }
}

describe('Lark API faults (webhook mode)', async () => {
  const sim = await startSim()
  const bot = await startBot(sim, { dbPath: fixtureDb(), clock: () => FIXTURE_NOW, httpTimeoutMs: HTTP_TIMEOUT_MS })
  const webhook = `${bot.url}/webhook/event`

  it('delivers every reply exactly once through 429s, 5xx, timeouts, drops, token trouble and odd answers', async () => {
    const f = (x: Parameters<LarkSimulator['fault']>[0]) => sim.fault(x)
    f({ path: REPLY_PATH, times: 3, status: 429, headers: { 'x-ogw-ratelimit-reset': '2' }, body: { code: 99991400, msg: 'request trigger frequency limit' } })
    f({ path: REPLY_PATH, times: 3, status: 500 })
    f({ path: REPLY_PATH, times: 2, status: 502, body: '<html>bad gateway</html>' })
    f({ path: REPLY_PATH, times: 1, status: 503 })
    f({ path: REPLY_PATH, times: 3, delayMs: HTTP_TIMEOUT_MS * 3 })      // too slow: the bot gives up, Lark keeps it
    f({ path: REPLY_PATH, times: 3, drop: true })
    f({ path: REPLY_PATH, times: 2, status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } })
    f({ path: REPLY_PATH, times: 1, status: 200, body: { code: 0, msg: 'success', data: {} } })   // no message_id
    f({ path: REPLY_PATH, times: 2, delayMs: HTTP_TIMEOUT_MS * 3, drop: true })
    f({ path: TOKEN_PATH, times: 2, status: 500 })
    sim.expireTokens()
    const batch = messages(sim, 'api', 60)
    const ids = batch.map((b) => b.messageId)
    const acks = await Promise.all(batch.map((b) => sim.postEvent(webhook, b.body)))
    expect(acks.map((a) => a.status).filter((s) => s !== 200)).toEqual([])
    // While Lark misbehaves the bot is healthy (it is Lark that is not), and says that messages wait.
    let sawBacklog = false
    while (repliesPer(sim, ids).some((n) => n === 0)) {
      const h = await health(bot)
      expect(h.status).toBe(200)
      if (h.body.outbox.pending > 0 && h.body.outbox.oldestPendingMs > 0) sawBacklog = true
      await sleep(100)
      if (sim.requests.length > 5000) throw new Error('runaway retries')
    }
    await sleep(HTTP_TIMEOUT_MS * 4)   // late answers of timed-out attempts land, and must not double anything
    expect(sawBacklog).toBe(true)
    expect(repliesPer(sim, ids).filter((n) => n !== 1)).toEqual([])
    const h = await health(bot)
    expect(h).toMatchObject({ status: 200, body: { status: 'ok', outbox: { pending: 0, failed: 0, oldestPendingMs: null } } })
    expect(sim.requests.filter((r) => REPLY_PATH.test(r.path) && r.status === 429)).toHaveLength(3)
    for (const id of ids) expect(readable(sim.messages.find((m) => m.reply_to === id)!)).not.toBe('')
  }, 60_000)

  it('pauses the whole app on a 429, not just the row that got it', async () => {
    const since = sim.requests.length
    // Lark's app limit (x-ogw-ratelimit-reset = 2 s) is hit after 10 sends, while 50 more replies wait.
    sim.fault({ path: REPLY_PATH, times: 10, delayMs: 1 })
    sim.fault({ path: REPLY_PATH, times: 4, status: 429, headers: { 'x-ogw-ratelimit-reset': '2' }, body: { code: 99991400, msg: 'request trigger frequency limit' } })
    const batch = messages(sim, 'rl', 60)
    const ids = batch.map((b) => b.messageId)
    await Promise.all(batch.map((b) => sim.postEvent(webhook, b.body)))
    await sim.waitFor(() => repliesPer(sim, ids).every((n) => n === 1), 20_000, 'every reply')
    const replies = sim.requests.slice(since).filter((r) => REPLY_PATH.test(r.path))
    const limited = replies.filter((r) => r.status === 429)
    expect(limited).toHaveLength(4)
    // After a 429 nothing more is sent until the reset (2 s). Sends already on the wire may still land just
    // after: the simulator shares the bot's event loop, and with six test files to two cores it read them
    // up to 406 ms late (more, at times). A sender that ignored the pause would keep sending throughout.
    for (const r of limited) {
      const during = replies.filter((x) => x.at > r.at + 800 && x.at < r.at + 1800)
      expect(during.map((x) => `${x.at - r.at} ms after a 429`)).toEqual([])
    }
    expect(repliesPer(sim, ids).filter((n) => n !== 1)).toEqual([])
  }, 30_000)

  it('logged no personal data', () => {
    expect(personalDataIn(bot.logs)).toEqual([])
  })
})

describe('long connection faults (ws mode)', async () => {
  // Lark pings every 120 s and we give up 30 s after a silent ping; the same ratio, faster.
  const sim = await startSim({ ws: { pingIntervalSec: 1, reconnectIntervalSec: 0.2 } })
  const bot = await startBot(sim, { mode: 'ws', dbPath: fixtureDb(), clock: () => FIXTURE_NOW, pingTimeoutSec: 1, httpTimeoutMs: HTTP_TIMEOUT_MS })
  await sim.waitFor(() => sim.wsConnections() > 0, 10_000, 'the long connection')

  /** Lark's side: push until acknowledged, as Lark redelivers an event that got no ack. */
  async function deliver(body: object): Promise<number> {
    for (let attempt = 1; attempt <= 200; attempt++) {
      const ack = await sim.wsPush(body, 1000).catch(() => null)
      if (ack?.code === 200) return attempt
      await sleep(50)
    }
    throw new Error('never acknowledged')
  }

  it('loses and doubles nothing when the connection drops mid-stream and is refused for a while, and heals itself', async () => {
    const batch = messages(sim, 'ws', 60)
    const ids = batch.map((b) => b.messageId)
    const states: string[] = []
    const watch = setInterval(() => void health(bot).then((h) => states.push(`${h.status}:${h.body.longConnection}`), () => {}), 50)
    let attempts = 0
    const delivering = (async () => {
      for (const [i, b] of batch.entries()) {
        attempts += await deliver(b.body)
        if (i === 15) sim.wsDrop()                                   // dropped mid-stream
        if (i === 30) { sim.wsRefuse(3000); sim.wsDrop() }           // dropped, and refused for 3 s
        if (i === 45) {                                              // a handshake slower than the timeout, then a 500
          sim.fault({ path: '/callback/ws/endpoint', times: 1, delayMs: HTTP_TIMEOUT_MS * 3 })
          sim.fault({ path: '/callback/ws/endpoint', times: 1, status: 500 })
          sim.wsDrop()
        }
      }
    })()
    // Replies go out through the API while the connection is down, with API faults too.
    sim.fault({ path: REPLY_PATH, times: 3, drop: true })
    sim.fault({ path: REPLY_PATH, times: 3, status: 500 })
    await delivering
    await sim.waitFor(() => repliesPer(sim, ids).every((n) => n >= 1), 30_000, 'a reply to every event')
    await sleep(500)
    clearInterval(watch)
    expect(repliesPer(sim, ids).filter((n) => n !== 1)).toEqual([])
    expect(attempts).toBeGreaterThan(batch.length)                   // some events really had to be redelivered
    // /healthz showed the outage (the bot itself stays healthy: it is Lark that is away) and the recovery.
    expect(states.some((s) => s.startsWith('200:') && !s.endsWith(':connected'))).toBe(true)
    expect(states.every((s) => s.startsWith('200:'))).toBe(true)
    await sim.waitFor(() => sim.wsConnections() > 0, 15_000, 'reconnected')
    expect((await health(bot)).body).toMatchObject({ status: 'ok', longConnection: 'connected', outbox: { pending: 0 } })
    expect(personalDataIn(bot.logs)).toEqual([])
  }, 90_000)
})
