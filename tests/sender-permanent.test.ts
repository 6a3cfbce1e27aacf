import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { runCli } from '../src/admin/cli'
import { fileMessageContent } from '../src/export/file-message'
import { FIXTURE_NOW, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { publishRanking } from '../src/scoring/publish'
import { parsePeriod } from '../src/domain/dates'

// Sends that retrying cannot fix, as the simulator answers them once a chat or message has changed under the bot.
const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { mode: 'webhook', dbPath, clock: () => FIXTURE_NOW })
const { send } = createChat(sim, bot)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const IM = /^\/open-apis\/im\/v1\/(messages|files)/
const imRequests = (since: number) => sim.requests.filter((r) => IM.test(r.path) && r.at >= since)
const row = (where: string, arg: string) => {
  const db = new Database(bot.dbPath, { readonly: true })
  try {
    return db.prepare(`SELECT status, attempts, error_code AS code, reply_to AS replyTo, last_error AS lastError FROM outbox WHERE ${where}`).get(arg) as
      { status: string; attempts: number; code: number | null; replyTo: string | null; lastError: string | null }
  } finally {
    db.close()
  }
}
const waitForRow = async (where: string, arg: string, status: string) => {
  await sim.waitFor(() => row(where, arg)?.status === status, 5000, `outbox row ${arg} ${status}`)
  return row(where, arg)
}

describe('permanent send errors', () => {
  it.each([
    ['bot-removed', 230002],
    ['no-permission', 230027],
    ['disbanded', 232009],
    ['muted', 230035],
  ] as const)('a chat that is %s: failed after one attempt, with code %i, logged with it', async (state, code) => {
    const chatId = `oc_${state}`
    sim.setChat(chatId, state)
    const since = Date.now()
    const { messageId } = await send('/帮助', { chatId })
    const failed = await waitForRow('reply_to = ?', messageId, 'failed')
    expect(failed).toMatchObject({ attempts: 1, code })
    await sleep(1500)   // the first retry of a transient error would have come within a second
    expect(imRequests(since)).toHaveLength(1)
    expect(bot.logs.some((l) => l.includes('"message failed"') && l.includes(`"code":${code}`))).toBe(true)
  })

  it('a reply to a recalled message goes once to the chat as a plain message', async () => {
    const since = Date.now()
    // The person recalls the message before the bot's reply leaves (marked first, so no race with the
    // sender): the reply is refused with 230011.
    sim.recall('om_recalled')
    await send('/帮助', { chatId: 'oc_recall', messageId: 'om_recalled' })
    const plain = await sim.waitFor(() => sim.messages.some((m) => m.chat_id === 'oc_recall'), 5000, 'the plain message').then(() =>
      sim.messages.filter((m) => m.chat_id === 'oc_recall'))
    expect(plain).toHaveLength(1)
    expect(plain[0]).toMatchObject({ kind: 'create', receive_id: 'oc_recall', msg_type: 'text' })
    expect(plain[0]!.content.text).toContain('命令一览')
    const requests = imRequests(since)
    expect(requests.map((r) => [r.path.endsWith('/reply') ? 'reply' : 'create', r.status])).toEqual([['reply', 400], ['create', 200]])
    await sleep(500)
    expect(sim.messages.filter((m) => m.chat_id === 'oc_recall')).toHaveLength(1)
  })

  it('keeps retrying the documented transient codes, and 5xx, until the message is delivered', async () => {
    sim.fault({ path: /\/reply$/, status: 400, body: { code: 230049, msg: 'The message is being sent.' } })
    sim.fault({ path: /\/reply$/, status: 502 })
    const { messageId } = await send('/帮助', { chatId: 'oc_transient' })
    const sent = await sim.waitFor(() => row('reply_to = ?', messageId)?.status === 'sent', 10_000, 'delivered').then(() => row('reply_to = ?', messageId))
    expect(sent.attempts).toBe(3)
  }, 15_000)

  it('keeps the code of an upload answered HTTP 200 with a refusal, and fails the file at once', async () => {
    publishRanking(bot.bot.deps, parsePeriod('2018-05')!, '2018-06-15', FIXTURE_NOW)
    const content = fileMessageContent({ file_name: '考核排名-2018-05.xlsx', ranking: { period: '2018-05', zoneId: null } })
    bot.bot.deps.outbox.enqueue({ receiveId: 'oc_upload', msgType: 'file', content, source: 'test:upload' }, Date.now())
    sim.fault({ path: '/open-apis/im/v1/files', status: 200, body: { code: 234042, msg: 'Hybrid deployment tenant storage error' } })
    const failed = await waitForRow('source = ?', 'test:upload', 'failed')
    expect(failed).toMatchObject({ attempts: 1, code: 234042 })
    expect(failed.lastError).toContain('234042')
  })

  it('admin stats counts the failed messages by code and says what each means', async () => {
    const out: string[] = []
    const env = { DATABASE_PATH: bot.dbPath, LOG_LEVEL: 'silent' }
    expect(await runCli(['stats'], { env, out: (l) => out.push(l), err: () => {} })).toBe(0)
    const text = out.join('\n')
    expect(text).toMatch(/发送失败 5/)
    expect(text).toContain('失败 1 条：230002 机器人不在该群：把机器人加回群里')
    expect(text).toContain('失败 1 条：232009 群已解散')
    const json: string[] = []
    expect(await runCli(['stats', '--json'], { env, out: (l) => json.push(l), err: () => {} })).toBe(0)
    expect(JSON.parse(json[0]!)).toMatchObject({ outbox_failed: 5, outbox_failed_230002: 1, outbox_failed_230027: 1, outbox_failed_232009: 1, outbox_failed_230035: 1, outbox_failed_234042: 1 })
  })
})
