import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'

// Lark pings every 120 s and we give up on a silent connection 30 s after a ping; the same ratio, faster.
const sim = await startSim({ ws: { pingIntervalSec: 2, reconnectIntervalSec: 0.2 } })
const bot = await startBot(sim, { mode: 'ws', pingTimeoutSec: 1 })
await sim.waitFor(() => sim.wsConnections() > 0, 10_000, 'the long connection')
const { send, replyTo, chat } = createChat(sim, bot, {}, 'ws')
const repliesTo = (messageId: string) => sim.messages.filter((m) => m.reply_to === messageId)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('long-connection transport', () => {
  it('answers /帮助 pushed over the WebSocket and acks the frame', async () => {
    const { messageId, status } = await send('/帮助')
    expect(status).toBe(200)
    expect((await replyTo(messageId)).content.text).toContain('命令一览')
  })

  it('takes full-width input in a direct chat without a mention', async () => {
    expect(await chat('／帮助　我', { chatType: 'p2p', chatId: 'oc_p2p', mentionBot: false })).toContain('/我')
  })

  it('has effect once when Lark pushes the same event again', async () => {
    const event = sim.messageEvent({ text: '/帮助', messageId: 'om_ws_dup', eventId: 'ev_ws_dup' })
    await sim.wsPush(event)
    await sim.wsPush(event)
    await sim.wsPush(sim.messageEvent({ text: '/帮助', messageId: 'om_ws_dup', eventId: 'ev_ws_dup_2' }))
    await replyTo('om_ws_dup')
    await sleep(300)
    expect(repliesTo('om_ws_dup')).toHaveLength(1)
  })

  it('ignores a message from another bot', async () => {
    const { messageId } = await send('/帮助', { senderType: 'app' })
    await sleep(300)
    expect(repliesTo(messageId)).toHaveLength(0)
  })

  it('answers a card callback over the long connection with a toast', async () => {
    const ack = await sim.wsPush(sim.cardActionEvent({ openId: 'ou_x', chatId: 'oc_zone1', messageId: 'om_card', value: { action: 'nothing' } }))
    expect(ack.code).toBe(200)
    expect(ack.data?.toast?.type).toBeDefined()
  })

  it('reconnects by itself after the connection drops, and /healthz says how it is', async () => {
    sim.wsDrop()
    await sim.waitFor(() => sim.wsConnections() > 0, 10_000, 'a reconnect')
    const { messageId } = await send('/帮助')
    await replyTo(messageId)
    const health = await (await fetch(`${bot.url}/healthz`)).json()
    expect(health).toMatchObject({ status: 'ok', mode: 'ws', longConnection: 'connected' })
  })

  it('notices a half-open connection through the ping timeout and reconnects', async () => {
    const before = sim.requests.filter((r) => r.path === '/callback/ws/endpoint').length
    sim.wsStall()
    await sim.waitFor(() => sim.requests.filter((r) => r.path === '/callback/ws/endpoint').length > before, 10_000, 'a new handshake')
    const { messageId } = await send('/帮助')
    await replyTo(messageId)
  }, 15_000)
})

describe('long connection the SDK gives up on', () => {
  it('starts one new client after "system busy", and only one: every event is answered once, stop() leaves no connection', async () => {
    const busySim = await startSim({ ws: { pingIntervalSec: 2, reconnectIntervalSec: 0.1 } })
    const busyBot = await startBot(busySim, { mode: 'ws', pingTimeoutSec: 1 })
    await busySim.waitFor(() => busySim.wsConnections() === 1, 10_000, 'the long connection')
    const endpointCalls = () => busySim.requests.filter((r) => r.path === '/callback/ws/endpoint').length
    const before = endpointCalls()
    // The SDK reconnects, meets "system busy", gives up and calls onError; the bot starts over 5 s later.
    busySim.wsBusy(1000)
    await busySim.waitFor(() => busyBot.logs.some((l) => l.includes('long connection gave up')), 5000, 'the give-up')
    await busySim.waitFor(() => busySim.wsConnections() === 1 && endpointCalls() > before + 1, 10_000, 'the restart')
    await sleep(1000)
    expect(busySim.wsConnections()).toBe(1)
    const { send: sendBusy, replyTo: replyBusy } = createChat(busySim, busyBot, {}, 'ws')
    const { messageId } = await sendBusy('/帮助')
    await replyBusy(messageId)
    await sleep(300)
    expect(busySim.messages.filter((m) => m.reply_to === messageId)).toHaveLength(1)
    await busyBot.stop()
    await sleep(300)
    expect(busySim.wsConnections()).toBe(0)
  }, 20_000)
})
