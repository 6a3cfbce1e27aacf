import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { p2pChatId, type SimMessage } from './sim'
import type { CardActionResult } from '../src/card-actions'
import { maskPhone } from '../src/privacy/mask'
import { overdueJob } from '../scheduler/overdue'

// A card the bot sent by open_id sits in the person's direct chat, whose id Lark gives only in its answer
// to the send. A person who never wrote to the bot clicks on such a card: the bot must know the chat is
// direct from that answer, or it masks what the person may see (docs/lark.md).
const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
// A contact's mobile number in a task's title, as county task lists have them: whole in a direct chat only.
const MOBILE = '13912340002'
const seeded = new Database(dbPath)
seeded.prepare(`UPDATE tasks SET title = ? WHERE code = 'T002'`).run(`卫生室建设（村医 ${MOBILE}）`)
seeded.close()
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
bot.bot.deps.bindings.bind('oc_zone1', 1, 'test', 0)
const { send, replyTo } = createChat(sim, bot)
const { outbox } = bot.bot.deps

const db = new Database(dbPath, { readonly: true })
const directChats = () => db.prepare(`SELECT chat_id FROM direct_chats ORDER BY chat_id`).pluck().all() as string[]
/** Until Lark's answer to every send is recorded: the sim has a message before the bot has Lark's answer. */
const settled = () => sim.waitFor(() => outbox.counts().pending === 0, 15_000, 'every send answered')

async function pressMenu(openId: string, eventKey: string): Promise<SimMessage> {
  const before = sim.messages.length
  await bot.bot.core.receive(sim.menuEvent({ openId, eventKey }))
  await sim.waitFor(() => sim.messages.slice(before).some((m) => m.receive_id === openId), 15_000, `the answer to ${openId}'s menu press`)
  await settled()
  return sim.messages.slice(before).find((m) => m.receive_id === openId)!
}

const formElements = (card: any): any[] => card.body.elements.find((e: any) => e.tag === 'form').elements
const targets = (card: any): { text: { content: string }; value: string }[] => formElements(card).find((e) => e.name === 'target').options
const submitValue = (card: any) => formElements(card).find((e) => e.form_action_type === 'submit').behaviors[0].value

/** Reports `progress` on T002 by the form, as the person's click on 提交上报 in `chatId`: Lark's callback, handed to the core. */
async function submitT002(openId: string, chatId: string, m: SimMessage, progress: string): Promise<CardActionResult> {
  const target = targets(m.content).find((o) => o.text.content.startsWith('卫生室建设'))!.value
  const event = sim.cardActionEvent({ openId, chatId, messageId: m.message_id, value: submitValue(m.content), formValue: { target, progress, date: '2018-06-15 +0800' } })
  return (await bot.bot.core.receive(event)) as CardActionResult
}
const shown = (r: CardActionResult) => JSON.stringify([r.toast, targets(r.card!.data).map((o) => o.text.content)])

describe('the direct chat Lark names in its answer to a send by open_id', () => {
  it('makes a click on a menu card, from someone who never wrote to the bot, a direct chat\'s click', async () => {
    expect(directChats()).toEqual([])
    const card = await pressMenu(PEOPLE.team1, 'report')
    expect(card).toMatchObject({ kind: 'create', receive_id_type: 'open_id', chat_id: p2pChatId(PEOPLE.team1), msg_type: 'interactive' })
    const answer = await submitT002(PEOPLE.team1, card.chat_id!, card, '50%')
    expect(answer.toast).toMatchObject({ type: 'success', content: expect.stringContaining('T002') })
    expect(shown(answer)).toContain(MOBILE)
    expect(shown(answer)).not.toContain(maskPhone(MOBILE))
    expect(directChats()).toEqual([p2pChatId(PEOPLE.team1)])
  })

  it('still masks the same click in a group chat, and remembers no group from replies or chat_id sends', async () => {
    const { messageId } = await send('/村 上报', { openId: PEOPLE.team1, chatId: 'oc_zone1' })
    const card = await replyTo(messageId)
    expect(card.chat_id).toBe('oc_zone1')
    const answer = await submitT002(PEOPLE.team1, 'oc_zone1', card, '60%')
    expect(answer.toast).toMatchObject({ type: 'success' })
    expect(shown(answer)).toContain(maskPhone(MOBILE))
    expect(shown(answer)).not.toContain(MOBILE)
    await settled()
    expect(directChats()).toEqual([p2pChatId(PEOPLE.team1)])
  })

  it('learns the direct chats of the overdue run\'s personal reminders (and none from its group digest)', async () => {
    const before = sim.messages.length
    await bot.bot.scheduler.tick(overdueJob, new Date('2018-06-15T09:00:00+08:00'), 'schedule')
    await settled()
    const sent = sim.messages.slice(before)
    expect(sent.filter((m) => m.receive_id_type === 'open_id').map((m) => m.receive_id).sort()).toEqual([PEOPLE.cadre, PEOPLE.team1, PEOPLE.team3])
    expect(sent.some((m) => m.chat_id === 'oc_zone1')).toBe(true)   // the zone's digest, sent by chat_id
    expect(directChats()).toEqual([PEOPLE.cadre, PEOPLE.team1, PEOPLE.team3].map(p2pChatId).sort())
  })

  it('remembers nothing from a send Lark refused, nor a chat id that is not one', async () => {
    const known = directChats()
    sim.fault({ method: 'POST', path: '/open-apis/im/v1/messages', status: 400, body: { code: 230013, msg: 'Bot has NO availability to this user.' } })
    const failedBefore = outbox.counts().failed
    await bot.bot.core.receive(sim.menuEvent({ openId: PEOPLE.inspector, eventKey: 'help' }))
    await sim.waitFor(() => outbox.counts().failed === failedBefore + 1, 15_000, 'the refused send recorded')
    expect(directChats()).toEqual(known)

    // An answer whose chat_id is not a chat's (oc_…) is still a sent message, but names no chat.
    sim.fault({ method: 'POST', path: '/open-apis/im/v1/messages', status: 200, body: { code: 0, msg: 'success', data: { message_id: 'om_odd', chat_id: PEOPLE.commander1 } } })
    const sentBefore = outbox.counts().sent
    await bot.bot.core.receive(sim.menuEvent({ openId: PEOPLE.commander1, eventKey: 'help' }))
    await sim.waitFor(() => outbox.counts().sent === sentBefore + 1, 15_000, 'the odd answer recorded')
    expect(directChats()).toEqual(known)
  })
})
