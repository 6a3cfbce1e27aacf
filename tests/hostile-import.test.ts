import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startBot, startSim } from './helpers/bot'
import { createChat } from './helpers/chat'
import { runAdmin } from './helpers/admin'
import { tempDbPath, tempDir } from './helpers/temp'
import { writeCsvSet } from './fixtures/registry'
import { CODES, decodeEntities, HOSTILE_NOW, hostileSheets, markdownOf, markupFromNames, NAMES, OPEN_IDS } from './helpers/hostile-county'
import { cardSchema } from '../src/lark/cards/schema'
import { overdueJob } from '../scheduler/overdue'
import type { SimMessage } from './sim'

// The whole path of a hostile name: a registry file, `admin import` as an operator runs it, the bot, Lark.
const dir = tempDir()
const dbPath = tempDbPath(dir)
const imported = await runAdmin(['import', ...writeCsvSet(join(dir, 'registry'), hostileSheets())], { DATABASE_PATH: dbPath })
if (imported.code !== 0) throw new Error(`admin import refused the hostile registry:\n${imported.stdout}\n${imported.stderr}`)

const sim = await startSim()
const bot = await startBot(sim, { dbPath, clock: () => HOSTILE_NOW })
const { send, replyTo } = createChat(sim, bot, { chatType: 'group', chatId: 'oc_hostile' })

function expectNamesAsText(m: SimMessage, names: string[]) {
  expect(m.msg_type).toBe('interactive')
  expect(cardSchema.safeParse(m.content).success).toBe(true)
  const markdown = markdownOf(m.content)
  expect(markupFromNames(markdown)).toEqual([])
  for (const name of names) expect(markdown.some((x) => decodeEntities(x).includes(name)), name).toBe(true)
}

describe('an imported hostile name, from the registry file to the card in the chat', () => {
  it('/村 进度 shows the village, its tasks and the command for the rest as text', async () => {
    const { messageId } = await send(`/村 进度 ${CODES.village}`, { openId: OPEN_IDS.admin })
    // 13 open tasks: 12 listed, and the footer that named /任务 with the village's name now escapes it.
    expectNamesAsText(await replyTo(messageId), [NAMES.title(1), `发送 /任务 ${NAMES.village} 查看全部`])
  })

  it('a text reply that echoes the names links nowhere and mentions no one', async () => {
    const { messageId } = await send(`/村 上报 ${CODES.village} ${CODES.task(13)} 50%`, { openId: OPEN_IDS.secretary })
    const reply = await replyTo(messageId)
    expect(reply.msg_type).toBe('text')
    const said = String(reply.content.text)
    expect(said).toContain('已记录 #')
    expect(said).toContain('[事项13]（http://evil.example)')
    expect(said).not.toMatch(/\]\(|<at/)
  })

  it('the daily digest shows them as text, mentions the owner, and names the commander who has no open_id', async () => {
    bot.bot.deps.bindings.bind('oc_hostile', 1, 'test', HOSTILE_NOW.getTime())
    expect(await bot.bot.scheduler.tick(overdueJob, HOSTILE_NOW, 'schedule')).toEqual(['2018-06-15'])
    await sim.waitFor(() => sim.messages.some((m) => m.chat_id === 'oc_hostile' && m.kind === 'create'), 10_000, 'the digest')
    const digest = sim.messages.find((m) => m.chat_id === 'oc_hostile' && m.kind === 'create')!
    expectNamesAsText(digest, [NAMES.title(1), NAMES.township, NAMES.village, NAMES.unit.replace('138-1234-5678', '138****5678')])
    const markdown = markdownOf(digest.content).join('\n')
    expect(decodeEntities(markdown)).not.toContain('138-1234-5678')                // the guard of replies guards the digest too
    expect(markdown).toContain(`<at id=${OPEN_IDS.secretary}></at>`)   // a real mention: the owner is notified
    expect(markdown).toContain('请 指挥长 督办')                          // named, since there is no one to mention
    expect(markdown).not.toContain('＜at')                                 // nothing left to defuse: names were escaped first
  })
})
