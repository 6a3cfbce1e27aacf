import { connect, type Socket } from 'node:net'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'
import { createInbox, INBOX_RETENTION_MS } from '../db/repos/inbox'

const DAY = 86_400_000
let shift = 0   // the server's clock, moved on in the replay test
const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook', serverClock: () => Date.now() + shift, httpLimits: { requestTimeoutMs: 1000, maxConnections: 20 } })
const webhook = `${bot.url}/webhook/event`
const port = Number(new URL(bot.url).port)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const inboxCount = () => {
  const db = new Database(bot.dbPath, { readonly: true })
  try {
    return db.prepare('SELECT COUNT(*) FROM inbox').pluck().get() as number
  } finally {
    db.close()
  }
}

/** A raw connection that sends `head` and then nothing: what an attacker's slow body looks like. */
function openSlow(head: string): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head)
      let got = ''
      socket.on('data', (d) => (got += d))
      const closed = new Promise<string>((done) => socket.on('close', () => done(got)))
      resolve({ socket, closed })
    })
    socket.on('error', () => {})
    socket.once('error', reject)
  })
}
const headers = (extra: string, length: number) =>
  `POST /webhook/event HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`
const signedHeaders = (ts = Math.floor(Date.now() / 1000)) => `X-Lark-Request-Timestamp: ${ts}\r\nX-Lark-Request-Nonce: n\r\nX-Lark-Signature: ${'0'.repeat(64)}\r\n`

describe('the webhook before the signature', () => {
  it('reads at most 100 KB of a signed event: larger is 413, a large real one still works', async () => {
    const before = inboxCount()
    const big = sim.messageEvent({ text: `/帮助 ${'x'.repeat(110_000)}` })
    expect((await sim.postEvent(webhook, big, { encrypt: false })).status).toBe(413)
    const fits = sim.messageEvent({ text: `/帮助 ${'长'.repeat(15_000)}` })   // ~60 KB encrypted
    expect((await sim.postEvent(webhook, fits)).status).toBe(200)
    expect(inboxCount()).toBe(before + 1)
  })

  it('answers an unsigned body over 4 KB, or a stale signed one, at once without waiting for the body', async () => {
    const unsigned = await openSlow(headers('', 90_000))
    const stale = await openSlow(headers(signedHeaders(Math.floor(Date.now() / 1000) - 3600), 90_000))
    const [a, b] = await Promise.all([unsigned.closed, stale.closed].map((p) => Promise.race([p, sleep(800).then(() => 'still open')])))
    expect(a).toMatch(/^HTTP\/1\.1 413/)
    expect(b).toMatch(/^HTTP\/1\.1 401/)
    unsigned.socket.destroy()
    stale.socket.destroy()
  })

  it('closes a connection whose body does not arrive in time, and holds at most the configured number', async () => {
    const slow = await Promise.all(Array.from({ length: 30 }, () => openSlow(headers(signedHeaders(), 50_000) + '{"sche')))
    await sleep(200)
    const started = Date.now()
    const ends = await Promise.all(slow.map((s) => Promise.race([s.closed, sleep(5_000).then(() => 'still open')])))
    expect(ends.filter((e) => e === 'still open')).toEqual([])
    expect(Date.now() - started).toBeLessThan(4_000)
    // Over the cap (20) connections are dropped without an answer; the others time out with 408.
    expect(ends.filter((e) => e === '').length).toBeGreaterThanOrEqual(10)
    expect(ends.filter((e) => /^HTTP\/1\.1 408/.test(e)).length).toBeLessThanOrEqual(20)
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200)   // and the bot still answers
  })

  it('answers a chunked body at once with 413 when it passes 100 KB, and closes without reading the rest', async () => {
    const chunk = 'x'.repeat(110_000)
    const chunked = await openSlow(`POST /webhook/event HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n${signedHeaders()}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n`)
    const started = Date.now()
    const answer = await Promise.race([chunked.closed, sleep(3_000).then(() => 'still open')])
    expect(answer).toMatch(/^HTTP\/1\.1 413/)   // not a 408 once the request timeout ends a body read to its end
    expect(Date.now() - started).toBeLessThan(900)
    chunked.socket.destroy()
  })

  it('refuses at once, without reading a body, what the headers show cannot be from Lark', async () => {
    const ts = Math.floor(Date.now() / 1000)
    const cases = {
      'no timestamp': `X-Lark-Request-Nonce: n\r\nX-Lark-Signature: ${'0'.repeat(64)}\r\n`,
      'no signature': `X-Lark-Request-Timestamp: ${ts}\r\nX-Lark-Request-Nonce: n\r\n`,
      'a signature that is not a sha256': `X-Lark-Request-Timestamp: ${ts}\r\nX-Lark-Request-Nonce: n\r\nX-Lark-Signature: forged\r\n`,
      'a compressed body': `${signedHeaders(ts)}Content-Encoding: gzip\r\n`,
    }
    const slow = await Promise.all(Object.values(cases).map((h) => openSlow(headers(h, 50_000))))
    const answers = await Promise.all(slow.map((s) => Promise.race([s.closed, sleep(800).then(() => 'still open')])))   // the request timeout is 1 s
    expect(Object.fromEntries(Object.keys(cases).map((k, i) => [k, answers[i]!.slice(0, 12)]))).toEqual({
      'no timestamp': 'HTTP/1.1 401', 'no signature': 'HTTP/1.1 401', 'a signature that is not a sha256': 'HTTP/1.1 401', 'a compressed body': 'HTTP/1.1 415',
    })
    for (const s of slow) s.socket.destroy()
  })

  it('refuses the replay of an event after the inbox has forgotten it, so it cannot record twice', async () => {
    const event = sim.messageEvent({ text: '/帮助', chatType: 'p2p', chatId: 'oc_replay_prune' })
    const replies = () => sim.messages.filter((m) => m.chat_id === 'oc_replay_prune').length
    expect((await sim.postEvent(webhook, event)).status).toBe(200)
    await sim.waitFor(() => replies() === 1, 5_000, 'the reply')
    shift = 8 * DAY
    try {
      createInbox(bot.bot.db).prune(Date.now() + shift - INBOX_RETENTION_MS)   // the hourly prune, eight days on
      const replay = await sim.postEvent(webhook, event, { timestamp: String(Math.floor((Date.now() + shift) / 1000)) })
      expect(replay).toMatchObject({ status: 400, body: { error: 'event too old' } })
    } finally {
      shift = 0
    }
    await sleep(300)
    expect(replies()).toBe(1)
  })

  it('reads a card callback\'s create_time in microseconds, as Lark sends it', async () => {
    const card = (ageMs: number) => {
      const e = sim.cardActionEvent({ openId: 'ou_card', chatId: 'oc_card', messageId: 'om_card', value: { action: 'none' } }) as { header: { create_time: string } }
      e.header.create_time = String((Date.now() - ageMs) * 1000)
      return e
    }
    expect(await sim.postEvent(webhook, card(8 * DAY))).toMatchObject({ status: 400, body: { error: 'event too old' } })
    expect((await sim.postEvent(webhook, card(60_000))).status).toBe(200)
  })

  it('refuses an event created before the inbox\'s memory of ids (a replay after the prune)', async () => {
    const before = inboxCount()
    const old = sim.messageEvent({ text: '/帮助' }) as { header: { create_time: string } }
    old.header.create_time = String(Date.now() - 8 * 86_400_000)
    const r = await sim.postEvent(webhook, old)
    expect(r.status).toBe(400)
    expect(inboxCount()).toBe(before)
    const recent = sim.messageEvent({ text: '/帮助' }) as { header: { create_time: string } }
    recent.header.create_time = String(Date.now() - 6 * 86_400_000)   // old, but still remembered
    expect((await sim.postEvent(webhook, recent)).status).toBe(200)
  })
})
