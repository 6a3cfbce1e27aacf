// Proves tests/sim against the REAL @larksuiteoapi/node-sdk (no mocks): if the SDK can talk to the
// simulator here, product tests that point the bot at it exercise the real wire protocol.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync, createReadStream } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { inspect } from 'node:util'
import { join } from 'node:path'
import * as lark from '@larksuiteoapi/node-sdk'
import { afterEach, describe, expect, it } from 'vitest'
import {
  decryptLarkPayload, encryptLarkPayload, larkSignature, p2pChatId, startLarkSimulator, type LarkSimulator, type SimOptions,
} from './sim/index.js'

const SECRET = 'sim-secret'
// The SDK caches tenant tokens process-wide per appId: a fresh appId per simulator keeps tests apart.
// WSClient.start() also insists on exactly this shape.
const newAppId = () => `cli_${randomBytes(8).toString('hex')}`
// SDK error logs are kept out of the output; SIM_DEBUG=1 prints them after each test.
const logs: string[] = []
const quiet: lark.Logger = {
  error: (...m) => { logs.push(m.map((x) => (typeof x === 'string' ? x : inspect(x, { depth: 1 }))).join(' ')) },
  warn: () => {}, info: () => {}, debug: () => {}, trace: () => {},
}

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c()
  if (process.env.SIM_DEBUG) console.log(logs.splice(0).join('\n'))
})

async function setup(extra: Partial<SimOptions> = {}) {
  const appId = newAppId()
  const sim = await startLarkSimulator({ appId, appSecret: SECRET, ...extra })
  cleanups.push(() => sim.close())
  const client = new lark.Client({ appId, appSecret: SECRET, domain: sim.url, loggerLevel: lark.LoggerLevel.error, logger: quiet })
  return { sim, client, appId }
}

/** The axios error the SDK throws for a non-2xx answer. */
async function httpError(p: Promise<unknown>): Promise<{ status: number; data: any; headers: Record<string, string> }> {
  try {
    await p
  } catch (e: any) {
    if (!e?.response) throw e
    return { status: e.response.status, data: e.response.data, headers: e.response.headers }
  }
  throw new Error('expected the call to fail')
}

const text = (t: string) => JSON.stringify({ text: t })
const sendText = (client: lark.Client, chatId: string, t: string, uuid?: string) =>
  client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: chatId, msg_type: 'text', content: text(t), uuid } })

describe('open api', () => {
  it('issues a token and accepts a message create', async () => {
    const { sim, client } = await setup()
    const res = await sendText(client, 'oc_chat1', '你好')
    expect(res.code).toBe(0)
    expect(res.data?.message_id).toMatch(/^om_/)
    expect(res.data?.chat_id).toBe('oc_chat1')
    expect(sim.messages).toHaveLength(1)
    expect(sim.messages[0]).toMatchObject({ kind: 'create', chat_id: 'oc_chat1', receive_id_type: 'chat_id', msg_type: 'text', content: { text: '你好' } })
    expect(sim.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /open-apis/auth/v3/tenant_access_token/internal 200',
      'POST /open-apis/im/v1/messages 200',
    ])
  })

  it('answers a send by open_id with the person\'s direct chat, the one their own messages come from', async () => {
    const { sim, client } = await setup()
    const toPerson = (t: string) => client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_p', msg_type: 'text', content: text(t) } })
    const [a, b] = [await toPerson('一'), await toPerson('二')]
    expect(a.data?.chat_id).toBe(p2pChatId('ou_p'))
    expect(b.data?.chat_id).toBe(a.data?.chat_id)
    const other = await client.im.message.create({ params: { receive_id_type: 'open_id' }, data: { receive_id: 'ou_q', msg_type: 'text', content: text('三') } })
    expect(other.data?.chat_id).not.toBe(a.data?.chat_id)
    expect(sim.messages[0]).toMatchObject({ kind: 'create', receive_id_type: 'open_id', receive_id: 'ou_p', chat_id: p2pChatId('ou_p') })
    const dm = sim.messageEvent({ text: '/帮助', openId: 'ou_p', chatType: 'p2p', chatId: p2pChatId('ou_p') }) as any
    expect(dm.event.message.chat_id).toBe(a.data?.chat_id)
    // A reply to the bot's direct message is in the same chat.
    const reply = await client.im.message.reply({ path: { message_id: a.data!.message_id! }, data: { msg_type: 'text', content: text('四') } })
    expect(reply.data?.chat_id).toBe(a.data?.chat_id)
  })

  it('replies (to a message it never saw) and dedupes by uuid', async () => {
    const { sim, client } = await setup()
    const ev = sim.messageEvent({ text: '/村 进度', chatId: 'oc_group', mentionBot: true }) as any
    const userMsg = ev.event.message.message_id as string
    const reply = () => client.im.message.reply({ path: { message_id: userMsg }, data: { msg_type: 'text', content: text('收到'), uuid: 'outbox-1' } })
    const a = await reply()
    const b = await reply()
    expect(b.data?.message_id).toBe(a.data?.message_id)
    expect(sim.messages).toHaveLength(1)
    expect(sim.messages[0]).toMatchObject({ kind: 'reply', reply_to: userMsg, chat_id: 'oc_group', uuid: 'outbox-1' })
    const other = await client.im.message.reply({ path: { message_id: 'om_unknown' }, data: { msg_type: 'text', content: text('x') } })
    expect(other.code).toBe(0)
    expect(sim.messages[1]).toMatchObject({ reply_to: 'om_unknown', chat_id: undefined })
  })

  it('surfaces a queued 429 fault as an axios error, then recovers', async () => {
    const { sim, client } = await setup()
    sim.fault({ path: '/open-apis/im/v1/messages', status: 429, headers: { 'x-ogw-ratelimit-reset': '1' } })
    const err = await httpError(sendText(client, 'oc_a', 'x'))
    expect(err.status).toBe(429)
    expect(err.data.code).toBe(99991400)
    expect(err.headers['x-ogw-ratelimit-reset']).toBe('1')
    expect((await sendText(client, 'oc_a', 'y')).code).toBe(0)
    expect(sim.messages.map((m) => m.content.text)).toEqual(['y'])
  })

  it('drops and delays on request', async () => {
    const { sim, client } = await setup()
    sim.fault({ path: /^\/open-apis\/im\//, drop: true })
    await expect(sendText(client, 'oc_a', 'x')).rejects.toThrow(/socket hang up|ECONNRESET/)
    sim.fault({ path: '/open-apis/im/v1/messages', method: 'POST', delayMs: 300 })
    const t0 = Date.now()
    expect((await sendText(client, 'oc_a', 'slow')).code).toBe(0)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290)
    sim.fault({ path: '/open-apis/im/v1/messages', status: 400, body: { code: 230002, msg: 'bot not in chat' }, times: 2 })
    expect((await httpError(sendText(client, 'oc_a', '1'))).data.code).toBe(230002)
    expect((await httpError(sendText(client, 'oc_a', '2'))).data.code).toBe(230002)
    expect((await sendText(client, 'oc_a', '3')).code).toBe(0)
  })

  it('enforces per-chat (230020) and per-app (429) rate limits', async () => {
    const { sim, client } = await setup({ rateLimit: { perAppPerSecond: 3, perChatPerSecond: 2 } })
    await sendText(client, 'oc_a', '1')
    await sendText(client, 'oc_a', '2')
    const chat = await httpError(sendText(client, 'oc_a', '3'))
    expect([chat.status, chat.data.code]).toEqual([400, 230020])
    await sendText(client, 'oc_b', '4')
    const app = await httpError(sendText(client, 'oc_c', '5'))
    expect([app.status, app.data.code]).toEqual([429, 99991400])
    expect(Number(app.headers['x-ogw-ratelimit-reset'])).toBeGreaterThanOrEqual(1)
    expect(sim.messages).toHaveLength(3)
  })

  it('validates content like Lark', async () => {
    const { client } = await setup()
    const send = (msg_type: string, content: string, receive_id = 'oc_a') =>
      httpError(client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id, msg_type, content } }))
    expect((await send('text', 'not json')).data.code).toBe(230001)
    expect((await send('text', '{"txt":"a"}')).data.code).toBe(230001)
    expect((await send('audio', '{}')).data.code).toBe(230001)
    expect((await send('text', text('x'), 'ou_user')).data.code).toBe(230001)
    expect((await send('text', text('x'.repeat(151 * 1024)))).data.code).toBe(230025)
    expect((await send('interactive', JSON.stringify({ body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } }))).data.code).toBe(230025)
    expect((await send('interactive', '{bad')).data.code).toBe(230099)
    expect((await send('file', JSON.stringify({ file_key: 'file_never_uploaded' }))).data.code).toBe(230017)
  })

  it('patches only shared cards it sent', async () => {
    const { sim, client } = await setup()
    const card = (t: string, shared = true) => JSON.stringify({ schema: '2.0', config: { update_multi: shared }, body: { elements: [{ tag: 'markdown', content: t }] } })
    const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_a', msg_type: 'interactive', content: card('v1') } })
    const id = sent.data!.message_id!
    const res = await client.im.message.patch({ path: { message_id: id }, data: { content: card('v2') } })
    expect(res.code).toBe(0)
    expect(sim.messages.at(-1)).toMatchObject({ kind: 'patch', message_id: id, chat_id: 'oc_a', content: { body: { elements: [{ content: 'v2' }] } } })
    expect((await httpError(client.im.message.patch({ path: { message_id: id }, data: { content: card('v3', false) } }))).data.code).toBe(230099)
    expect((await httpError(client.im.message.patch({ path: { message_id: 'om_other' }, data: { content: card('v3') } }))).data.code).toBe(230001)
  })

  it('uploads files (Buffer and stream) and sends them', async () => {
    const { sim, client } = await setup()
    const bytes = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xe4, 0xb8])
    const up = await client.im.file.create({ data: { file_type: 'xls', file_name: '报表.xlsx', file: bytes } })
    expect(up?.file_key).toMatch(/^file_/)
    expect(sim.files[0]).toMatchObject({ file_key: up!.file_key, file_name: '报表.xlsx', file_type: 'xls', size: bytes.length, part_filename: undefined })
    expect(sim.files[0]!.bytes.equals(bytes)).toBe(true)

    const dir = mkdtempSync(join(tmpdir(), 'sim-'))
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
    writeFileSync(join(dir, 'a.pdf'), bytes)
    const up2 = await client.im.file.create({ data: { file_type: 'pdf', file_name: 'a.pdf', file: createReadStream(join(dir, 'a.pdf')) } })
    expect(sim.files[1]).toMatchObject({ file_key: up2!.file_key, part_filename: 'a.pdf', size: bytes.length })

    const sent = await client.im.message.create({ params: { receive_id_type: 'chat_id' }, data: { receive_id: 'oc_a', msg_type: 'file', content: JSON.stringify({ file_key: up!.file_key }) } })
    expect(sent.code).toBe(0)
    // An empty file is refused with HTTP 400 (the SDK throws; on a 200 + code≠0 it would return null).
    expect((await httpError(client.im.file.create({ data: { file_type: 'xls', file_name: 'e.xlsx', file: Buffer.alloc(0) } }))).data.code).toBe(234010)
  })

  it('looks up users by mobile and answers bot info', async () => {
    const { client } = await setup({ users: { '13800000001': 'ou_zhang' } })
    const res = await client.contact.user.batchGetId({ params: { user_id_type: 'open_id' }, data: { mobiles: ['13800000001', '13900000000'] } })
    expect(res.data?.user_list).toEqual([
      { user_id: 'ou_zhang', mobile: '13800000001', status: expect.any(Object) },
      { mobile: '13900000000' },
    ])
    const info = await client.request({ method: 'GET', url: '/open-apis/bot/v3/info' })
    expect(info).toMatchObject({ code: 0, bot: { open_id: 'ou_bot', app_name: '战区助手', activate_status: 2 } })
  })

  it('rejects expired, missing and wrong credentials', async () => {
    const { sim, client, appId } = await setup()
    await sendText(client, 'oc_a', 'ok')
    sim.expireTokens()
    // The SDK keeps using its cached token: the bot must refresh on 99991663 itself.
    const expired = await httpError(sendText(client, 'oc_a', 'again'))
    expect([expired.status, expired.data.code]).toEqual([400, 99991663])
    const noAuth = await fetch(`${sim.url}/open-apis/im/v1/messages?receive_id_type=chat_id`, { method: 'POST', body: '{}' })
    expect([noAuth.status, ((await noAuth.json()) as any).code]).toEqual([400, 99991661])
    const notFound = await fetch(`${sim.url}/nope`)
    expect([notFound.status, ((await notFound.json()) as any).code]).toEqual([404, 404])
    const wrong = new lark.Client({ appId, appSecret: 'wrong', domain: sim.url, loggerLevel: lark.LoggerLevel.error, logger: quiet, cache: new lark.DefaultCache() })
    await expect(sendText(wrong, 'oc_a', 'x')).rejects.toThrow(/10014/)
  })
})

describe('events to a webhook', () => {
  const encryptKey = 'sim-encrypt-key'
  const verificationToken = 'sim-verification-token'

  async function listen(handler: (req: IncomingMessage, raw: string) => unknown | Promise<unknown>): Promise<string> {
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', async () => {
        const out = await handler(req, Buffer.concat(chunks).toString('utf8'))
        res.end(out === undefined ? '' : JSON.stringify(out))
      })
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise((r) => server.close(r)))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/event`
  }

  it('matches the doc AES test vector and the SDK AESCipher', () => {
    const vector = 'P37w+VZImNgPEO1RBhJ6RtKl7n6zymIbEG1pReEzghk='
    expect(decryptLarkPayload('test key', vector)).toBe('hello world')
    expect(new lark.AESCipher('test key').decrypt(vector)).toBe('hello world')
    const mine = encryptLarkPayload('test key', '你好 world')
    expect(new lark.AESCipher('test key').decrypt(mine)).toBe('你好 world')
    expect(() => decryptLarkPayload('other key', vector)).toThrow()
  })

  it('encrypts and signs over the raw bytes', async () => {
    const { sim } = await setup({ encryptKey, verificationToken })
    let seen: { headers: IncomingMessage['headers']; raw: string } | undefined
    const url = await listen((req, raw) => { seen = { headers: req.headers, raw }; return {} })
    const ev = sim.messageEvent({ text: 'hi', mentionBot: true })
    const r = await sim.postEvent(url, ev)
    expect(r).toMatchObject({ status: 200, body: {} })
    const h = seen!.headers
    expect(h['x-lark-signature']).toBe(larkSignature(String(h['x-lark-request-timestamp']), String(h['x-lark-request-nonce']), encryptKey, seen!.raw))
    expect(JSON.parse(decryptLarkPayload(encryptKey, JSON.parse(seen!.raw).encrypt))).toEqual(ev)

    await sim.postEvent(url, ev, { badSignature: true })
    const bad = seen!.headers
    expect(bad['x-lark-signature']).not.toBe(larkSignature(String(bad['x-lark-request-timestamp']), String(bad['x-lark-request-nonce']), encryptKey, seen!.raw))
    await sim.postEvent(url, ev, { rawBody: '{"encrypt": "x"}' })
    expect(seen!.raw).toBe('{"encrypt": "x"}')
    expect(seen!.headers['x-lark-signature']).toBe(larkSignature(String(seen!.headers['x-lark-request-timestamp']), String(seen!.headers['x-lark-request-nonce']), encryptKey, '{"encrypt": "x"}'))
    await sim.postEvent(url, sim.challengeBody('c1'))
    expect(seen!.headers['x-lark-signature']).toBeUndefined()
    await expect(sim.postEvent('http://example.com/webhook', ev)).rejects.toThrow(/non-loopback/)
  })

  it('is accepted by the SDK EventDispatcher (signature, decryption, challenge)', async () => {
    const { sim } = await setup({ encryptKey, verificationToken })
    const got: any[] = []
    const dispatcher = new lark.EventDispatcher({ encryptKey, verificationToken, loggerLevel: lark.LoggerLevel.error, logger: quiet }).register({
      'im.message.receive_v1': async (d: any) => { got.push(d); return { ok: true } },
      'im.chat.member.bot.added_v1': async (d: any) => { got.push(d) },
      // The SDK's typings lack card.action.trigger, hence the cast.
      'card.action.trigger': async (d: any) => { got.push(d); return { toast: { type: 'success', content: '已提交' } } },
    } as any)
    const adapt = lark.adaptDefault('/webhook/event', dispatcher, { autoChallenge: true })
    const server = createServer((req, res) => { void adapt(req, res) })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    cleanups.push(() => new Promise((r) => server.close(r)))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/event`

    const ev = sim.messageEvent({ text: '进度', chatId: 'oc_g', openId: 'ou_u1', mentionBot: true })
    expect((await sim.postEvent(url, ev)).body).toEqual({ ok: true })
    expect(got[0]).toMatchObject({ event_type: 'im.message.receive_v1', token: verificationToken, sender: { sender_id: { open_id: 'ou_u1' } }, message: { chat_id: 'oc_g', content: text('@_user_1 进度'), mentions: [{ id: { open_id: 'ou_bot' } }] } })
    // A bad signature is silently skipped by the SDK: 200 with an empty body.
    expect(await sim.postEvent(url, ev, { badSignature: true })).toMatchObject({ status: 200, body: null })
    expect(got).toHaveLength(1)
    await sim.postEvent(url, sim.botAddedEvent({ chatId: 'oc_new', name: '红岩洞村' }))
    expect(got[1]).toMatchObject({ chat_id: 'oc_new', name: '红岩洞村' })
    const card = await sim.postEvent(url, sim.cardActionEvent({ openId: 'ou_u1', chatId: 'oc_g', messageId: 'om_card', value: { a: 1 }, formValue: { n: '3' } }))
    expect(card.body).toEqual({ toast: { type: 'success', content: '已提交' } })
    expect(got[2]).toMatchObject({ operator: { open_id: 'ou_u1' }, action: { value: { a: 1 }, form_value: { n: '3' } }, context: { open_message_id: 'om_card', open_chat_id: 'oc_g' } })
    expect((await sim.postEvent(url, sim.challengeBody('ch-1'))).body).toEqual({ challenge: 'ch-1' })
  })
})

describe('long connection', () => {
  async function startWs(sim: LarkSimulator, appId: string, register: Record<string, (d: any) => any>, pingTimeout?: number) {
    const dispatcher = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.error, logger: quiet }).register(register as any)
    const ws = new lark.WSClient({
      appId, appSecret: SECRET, domain: sim.url, loggerLevel: lark.LoggerLevel.error, logger: quiet, autoReconnect: true,
      ...(pingTimeout ? { wsConfig: { pingTimeout } } : {}),
    })
    cleanups.push(() => ws.close({ force: true }))
    await ws.start({ eventDispatcher: dispatcher })
    await sim.waitFor(() => sim.wsConnections() === 1, 5000, 'WSClient connected')
    return ws
  }
  const endpointCalls = (sim: LarkSimulator) => sim.requests.filter((r) => r.path === '/callback/ws/endpoint').length

  it('pushes events, gets acks (with the handler result) and survives a drop', async () => {
    const { sim, appId } = await setup()
    const got: any[] = []
    await startWs(sim, appId, {
      'im.message.receive_v1': async (d) => { got.push(d) },
      'card.action.trigger': async () => ({ toast: { type: 'info', content: 'ok' } }),
    })
    const ev = sim.messageEvent({ text: 'hi', chatId: 'oc_ws' }) as any
    expect(await sim.wsPush(ev)).toEqual({ code: 200 })
    expect(got[0]).toMatchObject({ event_id: ev.header.event_id, message: { chat_id: 'oc_ws', content: text('hi') } })
    expect(await sim.wsPush(sim.cardActionEvent({ openId: 'ou_1', chatId: 'oc_ws', messageId: 'om_1', value: { k: 'v' } })))
      .toEqual({ code: 200, data: { toast: { type: 'info', content: 'ok' } } })

    sim.wsDrop()
    expect(sim.wsConnections()).toBe(0)
    await sim.waitFor(() => sim.wsConnections() === 1, 5000, 'WSClient reconnected')
    expect(endpointCalls(sim)).toBe(2)
    await sim.wsPush(sim.messageEvent({ text: 'after drop' }))
    expect(got).toHaveLength(2)
  })

  it('acks 500 when the handler throws', async () => {
    const { sim, appId } = await setup()
    await startWs(sim, appId, { 'im.message.receive_v1': async () => { throw new Error('boom') } })
    expect((await sim.wsPush(sim.messageEvent({}))).code).toBe(500)
  })

  it('rejects wsPush when nobody is connected', async () => {
    const { sim } = await setup()
    await expect(sim.wsPush(sim.messageEvent({}), 100)).rejects.toThrow(/no WSClient connected/)
  })

  it('keeps retrying while the endpoint refuses, then reconnects', async () => {
    const { sim, appId } = await setup({ ws: { reconnectIntervalSec: 0.1 } })
    await startWs(sim, appId, { 'im.message.receive_v1': async () => {} })
    sim.wsRefuse(600)
    sim.wsDrop()
    await new Promise((r) => setTimeout(r, 300))
    expect(sim.wsConnections()).toBe(0)
    await sim.waitFor(() => sim.wsConnections() === 1, 5000, 'reconnected after the outage')
    expect(endpointCalls(sim)).toBeGreaterThan(2)
  })

  it('answers pings with a ClientConfig pong; a stalled server is noticed only with pingTimeout', async () => {
    // pingTimeout must be SHORTER than the ping interval: every ping re-arms the SDK's watchdog.
    const { sim, appId } = await setup({ ws: { pingIntervalSec: 0.3 } })
    await startWs(sim, appId, { 'im.message.receive_v1': async () => {} }, 0.2)
    await new Promise((r) => setTimeout(r, 800)) // several ping/pong rounds, no reconnect
    expect(endpointCalls(sim)).toBe(1)
    sim.wsStall()
    expect(sim.wsConnections()).toBe(0)
    await sim.waitFor(() => sim.wsConnections() === 1, 5000, 'reconnected after the stall')
    expect(endpointCalls(sim)).toBe(2)
  })

  it('without pingTimeout a stalled (half-open) connection goes unnoticed', async () => {
    const { sim, appId } = await setup({ ws: { pingIntervalSec: 0.1 } })
    await startWs(sim, appId, { 'im.message.receive_v1': async () => {} })
    sim.wsStall()
    await new Promise((r) => setTimeout(r, 500))
    expect(endpointCalls(sim)).toBe(1)
    await expect(sim.wsPush(sim.messageEvent({}), 200)).rejects.toThrow(/no WSClient connected/)
  })
})
