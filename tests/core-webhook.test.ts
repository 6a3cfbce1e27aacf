import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim, VERIFICATION_TOKEN } from './helpers/bot'

const sim = await startSim()
const bot = await startBot(sim, { mode: 'webhook' })
const { send, replyTo, chat } = createChat(sim, bot, {}, 'webhook')
const webhook = `${bot.url}/webhook/event`
const repliesTo = (messageId: string) => sim.messages.filter((m) => m.reply_to === messageId)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const inboxCount = () => {
  const db = new Database(bot.dbPath, { readonly: true })
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM inbox').get() as { n: number }).n
  } finally {
    db.close()
  }
}

describe('webhook transport', () => {
  it('answers /帮助 with the command list, as a reply to the message', async () => {
    const { messageId, status } = await send('/帮助')
    expect(status).toBe(200)
    const reply = await replyTo(messageId)
    expect(reply.kind).toBe('reply')
    expect(reply.uuid).toMatch(/^outbox-\d+-[0-9a-f]{16}$/)
    expect(reply.content.text).toContain('命令一览')
    // A stranger in a group: where and how to link their account.
    expect(reply.content.text).toContain('先私聊我发送「/认证 姓名 手机后四位」')
  })

  it('takes full-width input and a direct chat without a mention', async () => {
    expect(await chat('／帮助　认证', { chatType: 'p2p', chatId: 'oc_p2p', mentionBot: false })).toContain('/认证 何伟 5678')
  })

  it('suggests the closest command for a typo', async () => {
    const answer = await chat('/帮主')
    expect(answer).toContain('没有找到命令')
    expect(answer).toContain('/帮助')
  })

  it('shortens an unknown command by characters, never inside an emoji', async () => {
    const answer = await chat(`/${'查'.repeat(19)}👍👍 还有更多`)
    expect(answer).toContain(`没有找到命令「${'查'.repeat(19)}👍…」`)
    expect(answer).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/)   // no half of a surrogate pair
  })

  it('ignores a group message sent by another bot', async () => {
    const { messageId, status } = await send('/帮助', { senderType: 'app' })
    expect(status).toBe(200)
    await sleep(300)
    expect(repliesTo(messageId)).toHaveLength(0)
  })

  it('answers an encrypted, unsigned url_verification only with our key and token', async () => {
    const ok = await sim.postEvent(webhook, sim.challengeBody('c-123'))
    expect(ok).toMatchObject({ status: 200, body: { challenge: 'c-123' } })
    const wrongToken = await sim.postEvent(webhook, sim.challengeBody('c-123', 'not-our-token'))
    expect(wrongToken.status).toBe(401)
    const plainUnsigned = await sim.postEvent(webhook, sim.challengeBody('c-123', VERIFICATION_TOKEN), { encrypt: false, sign: false })
    expect(plainUnsigned.status).toBe(401)
  })

  it('refuses forged and missing signatures and a wrong token with 401, with no effect', async () => {
    const before = inboxCount()
    const forged = await sim.postEvent(webhook, sim.messageEvent({ text: '/帮助', messageId: 'om_forged' }), { badSignature: true })
    const unsigned = await sim.postEvent(webhook, sim.messageEvent({ text: '/帮助', messageId: 'om_unsigned' }), { sign: false })
    const body = sim.messageEvent({ text: '/帮助', messageId: 'om_badtoken' }) as any
    body.header.token = 'someone-else'
    const badToken = await sim.postEvent(webhook, body)
    expect([forged.status, unsigned.status, badToken.status]).toEqual([401, 401, 401])
    await sleep(300)
    expect(inboxCount()).toBe(before)
    expect(['om_forged', 'om_unsigned', 'om_badtoken'].flatMap(repliesTo)).toHaveLength(0)
  })

  it('answers malformed JSON with 400 and a body over 1 MB with 413', async () => {
    expect((await sim.postEvent(webhook, {}, { rawBody: '{"encrypt": ', encrypt: false })).status).toBe(400)
    const huge = JSON.stringify({ pad: 'x'.repeat(1_100_000) })
    expect((await sim.postEvent(webhook, {}, { rawBody: huge, encrypt: false })).status).toBe(413)
  })

  it('has effect once for the same event three times and for a redelivery under a new event_id', async () => {
    const event = sim.messageEvent({ text: '/帮助', messageId: 'om_dup', eventId: 'ev_dup' })
    for (let i = 0; i < 3; i++) expect((await sim.postEvent(webhook, event)).status).toBe(200)
    const redelivered = sim.messageEvent({ text: '/帮助', messageId: 'om_dup', eventId: 'ev_dup_2' })
    expect((await sim.postEvent(webhook, redelivered)).status).toBe(200)
    await replyTo('om_dup')
    await sleep(300)
    expect(repliesTo('om_dup')).toHaveLength(1)
  })

  it('greets a chat it is added to and explains how to bind it', async () => {
    const res = await sim.postEvent(webhook, sim.botAddedEvent({ chatId: 'oc_new_chat' }))
    expect(res.status).toBe(200)
    await sim.waitFor(() => sim.messages.some((m) => m.chat_id === 'oc_new_chat'))
    const greeting = sim.messages.find((m) => m.chat_id === 'oc_new_chat')!
    expect(greeting.content.text).toContain('/绑定')
  })

  it('serves /healthz', async () => {
    const res = await fetch(`${bot.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', sender: 'ok', mode: 'webhook' })
  })
})
