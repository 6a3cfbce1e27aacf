import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readable, startBot, startSim } from './helpers/bot'
import { createChat } from './helpers/chat'
import { tempDbPath, tempDir } from './helpers/temp'
import { fx } from './fixtures/real-files'
import { cardSchema } from '../src/lark/cards/schema'
import type { SimMessage } from './sim'
import { openDatabase } from '../db/open'

// Import by chat through the simulator: the real SDK downloads from the resources endpoint, the real
// import (in its worker thread) checks and writes a real SQLite file; the fixtures are files real tools wrote.
const sim = await startSim()
const dir = tempDir()
const dbPath = tempDbPath(dir)
let now = new Date('2018-06-15T04:00:00Z')
const bot = await startBot(sim, { dbPath, clock: () => now, env: { ADMIN_OPEN_IDS: 'ou_admin,ou_admin2' } })
const { send } = createChat(sim, bot)
const webhook = `${bot.url}/webhook/event`
const direct = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}`, mentionBot: false })
const workbook = readFileSync(fx('openpyxl-registry.xlsx'))
const filesDir = join(dir, 'files')
const crashDir = tempDir()

function count(table: string): number {
  const db = new Database(dbPath, { readonly: true })
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
  } finally {
    db.close()
  }
}

const repliesTo = (messageId: string) => sim.messages.filter((m) => m.reply_to === messageId)
async function waitReplies(messageId: string, n: number, timeoutMs = 30_000): Promise<SimMessage[]> {
  await sim.waitFor(() => repliesTo(messageId).length >= n, timeoutMs, `${n} replies to ${messageId}`)
  return repliesTo(messageId)
}
const cardOf = (ms: SimMessage[]) => ms.find((m) => m.msg_type === 'interactive')
const buttonValue = (card: SimMessage) => (card.content.body.elements as any[]).find((e) => e.tag === 'button')?.behaviors[0].value

async function press(openId: string, card: SimMessage) {
  const res = await sim.postEvent(webhook, sim.cardActionEvent({ openId, chatId: card.chat_id ?? `oc_p2p_${openId}`, messageId: card.message_id, value: buttonValue(card) }))
  expect(res.status).toBe(200)
  return res.body?.toast as { type: string; content: string }
}

/** An admin sends the workbook and gets: the progress line, the report, and the card with 确认导入. */
async function sendWorkbook(name = '花名册.xlsx', data = workbook, from = 'ou_admin') {
  const { messageId } = await send('', { ...direct(from), file: { name, data } })
  await waitReplies(messageId, 3)
  await sim.waitFor(() => cardOf(repliesTo(messageId)) !== undefined, 30_000, 'the card')
  return { messageId, replies: repliesTo(messageId), card: cardOf(repliesTo(messageId))! }
}

describe('import by chat', () => {
  it('answers the dry run with the report and a 确认导入 button, writing nothing; confirms once', async () => {
    const { replies, card, messageId } = await sendWorkbook()
    expect(readable(replies[0]!)).toContain('已收到「花名册.xlsx」，正在下载并校验')
    const report = replies.filter((m) => m.msg_type === 'text').map(readable).join('\n')
    expect(report).toContain('试运行，没有写入任何数据')
    expect(report).toMatch(/村\s+新增 \d+，更新 0，未变 0/)
    expect(report).toContain('改动明细')
    expect(cardSchema.safeParse(card.content).success).toBe(true)
    expect(readable(card)).toContain('[确认导入]')
    expect(count('villages')).toBe(0)   // nothing written before 确认

    // Another admin cannot confirm it; the sender can, once.
    expect((await press('ou_admin2', card)).content).toContain('只有发送这个文件的管理员')
    expect(count('villages')).toBe(0)
    expect(await press('ou_admin', card)).toEqual({ type: 'success', content: '开始导入，完成后把结果发给你。' })
    await sim.waitFor(() => repliesTo(messageId).some((m) => readable(m).startsWith('导入完成')), 30_000, 'the import result')
    const done = readable(repliesTo(messageId).find((m) => readable(m).startsWith('导入完成'))!)
    expect(done).toMatch(/村\s+新增 \d+/)
    const villages = count('villages')
    expect(villages).toBeGreaterThan(0)
    expect(done).toContain(`村　  新增 ${villages}`)

    const again = await press('ou_admin', card)
    expect(again.content).toContain('已经确认过了，不会重复导入')
    await new Promise((r) => setTimeout(r, 300))
    expect(repliesTo(messageId).filter((m) => readable(m).startsWith('导入完成'))).toHaveLength(1)
    // Nothing kept once imported; the file was fetched once (the confirm did not download it again).
    expect(readdirSync(join(filesDir, 'imports'))).toEqual([])
    expect(sim.requests.filter((r) => r.path.includes(`/messages/${messageId}/resources/`))).toHaveLength(1)
  }, 60_000)

  it('refuses 确认导入 after 30 minutes, and deletes the kept file', async () => {
    const { card } = await sendWorkbook('花名册2.xlsx')
    expect(readdirSync(join(filesDir, 'imports'))).toHaveLength(1)
    now = new Date(now.getTime() + 30 * 60_000)
    expect((await press('ou_admin', card)).content).toContain('确认已过期')
    await sim.postEvent(webhook, sim.messageEvent({ ...direct('ou_admin'), text: '/帮助' }))   // wakes the worker
    await sim.waitFor(() => readdirSync(join(filesDir, 'imports')).length === 0, 10_000, 'the expired file deleted')
  }, 60_000)

  it('gives a file with problems every problem and no button, keeping nothing', async () => {
    const { messageId } = await send('', { ...direct('ou_admin'), file: { name: '长编码.xlsx', data: readFileSync(fx('openpyxl-long-code.xlsx')) } })
    const replies = await waitReplies(messageId, 2)
    const text = replies.map(readable).join('\n')
    expect(text).toContain('户 第 2 行 A 列「户编号」：Excel 把它存成了数字')
    expect(text).toContain('没有导入任何数据，也没有保存这个文件')
    await new Promise((r) => setTimeout(r, 300))
    expect(cardOf(repliesTo(messageId))).toBeUndefined()
    expect(readdirSync(join(filesDir, 'imports'))).toEqual([])
  }, 60_000)

  it.each([
    ['by its Content-Length, before reading it', false, '文件有 21.0 MB，超过 20.0 MB'],
    ['while downloading, when Lark sends no length', true, '文件超过 20.0 MB'],
  ])('refuses a 21 MB file %s, keeping nothing', async (_, chunked, why) => {
    const big = Buffer.alloc(21_000_000, 0x41)
    const { messageId } = await send('', { ...direct('ou_admin'), file: { name: '户.csv', data: big, chunked } })
    const replies = await waitReplies(messageId, 2)
    expect(readable(replies[1]!)).toContain(`太大，没有导入：花名册文件最大 20.0 MB（${why}）`)
    expect(readdirSync(join(filesDir, 'incoming'))).toEqual([])
    expect(readdirSync(join(filesDir, 'imports'))).toEqual([])
    expect(count('households')).toBeGreaterThan(0)   // what the first import wrote is untouched
  }, 60_000)

  it('tells anyone else that only admins import, and keeps nothing; a group chat gets "send it directly"', async () => {
    const before = sim.requests.length
    const { messageId } = await send('', { ...direct('ou_stranger'), file: { name: '花名册.xlsx', data: workbook } })
    expect(readable((await waitReplies(messageId, 1))[0]!)).toContain('只有管理员可以发文件给我导入花名册')
    const group = await send('', { openId: 'ou_admin', chatType: 'group', chatId: 'oc_zone1', mentionBot: false, file: { name: '花名册.xlsx', data: workbook } })
    expect(readable((await waitReplies(group.messageId, 1))[0]!)).toContain('请在和我的私聊中发送花名册文件')
    expect(sim.requests.slice(before).some((r) => r.path.includes('/resources/'))).toBe(false)
    expect(readdirSync(join(filesDir, 'imports'))).toEqual([])
  })

  it('answers images, stickers, audio and other files with what it takes, never silence', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ image: { data: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) } }, '收到图片，但没有保存'],
      [{ messageType: 'sticker', content: { file_key: 'file_v3_sticker' } }, '我收不了表情包'],
      [{ messageType: 'audio', content: { file_key: 'file_v3_audio', duration: 2000 } }, '我收不了语音'],
      [{ messageType: 'media', content: { file_key: 'file_v3_v', image_key: 'img_v3_c', file_name: '测试视频.mp4', duration: 2000 } }, '我收不了视频'],
      [{ file: { name: '总结.pdf', data: Buffer.from('%PDF-1.4') } }, '不是花名册文件'],
    ]
    for (const [p, expected] of cases) {
      const { messageId } = await send('', { ...direct('ou_admin'), ...p })
      const answer = readable((await waitReplies(messageId, 1))[0]!)
      expect(answer).toContain(expected)
    }
  })

  it('treats hostile file names as text and as a name inside its own folder only', async () => {
    const names = ['../../村.csv', '..\\..\\etc\\passwd.csv', '\u202e户.csv', '户\n换行.csv', `${'长'.repeat(300)}.csv`, '<script>.xlsx']
    for (const name of names) {
      const { messageId } = await send('', { ...direct('ou_admin'), file: { name, data: Buffer.from('村代码,村名\nV9,新村\n') } })
      const shown = (await waitReplies(messageId, 2)).map(readable).join('\n')
      for (const bad of ['\u202e', '../', '..\\', '户\n换行', '<script>'.repeat(2)]) expect(shown).not.toContain(bad)
      expect(shown).not.toContain('长'.repeat(61))
    }
    expect(existsSync(join(dir, '村.csv'))).toBe(false)
    expect(existsSync(join(filesDir, '村.csv'))).toBe(false)
    expect(readdirSync(join(filesDir, 'imports'))).toEqual([])
  }, 60_000)

  it('takes a workbook over the long connection as over the webhook', async () => {
    const wsSim = await startSim()
    const wsBot = await startBot(wsSim, { mode: 'ws', clock: () => now, env: { ADMIN_OPEN_IDS: 'ou_admin' } })
    await wsSim.waitFor(() => wsSim.wsConnections() > 0, 10_000, 'the long connection')
    const ws = createChat(wsSim, wsBot, {}, 'ws')
    const { messageId, status } = await ws.send('', { ...direct('ou_admin'), file: { name: '花名册.xlsx', data: workbook } })
    expect(status).toBe(200)
    await wsSim.waitFor(() => wsSim.messages.some((m) => m.reply_to === messageId && m.msg_type === 'interactive'), 30_000, 'the card over ws')
    expect(wsSim.messages.filter((m) => m.reply_to === messageId).map(readable).join('\n')).toContain('试运行，没有写入任何数据')
  }, 60_000)

  it('finishes after a restart what was received and not yet fetched; leaves alone what another process holds', async () => {
    const path = tempDbPath(crashDir)
    openDatabase(path).close()
    // What a crash left: a download and a kept workbook no row needs any more.
    mkdirSync(join(crashDir, 'files', 'imports', '777'), { recursive: true })
    mkdirSync(join(crashDir, 'files', 'incoming'), { recursive: true })
    writeFileSync(join(crashDir, 'files', 'imports', '777', '户.csv'), 'x')
    writeFileSync(join(crashDir, 'files', 'incoming', '777-0'), 'x')
    const db = new Database(path)
    const row = db.prepare(`INSERT INTO chat_files (kind, message_id, file_key, chat_id, open_id, file_name, state, created_at, lease_until)
                            VALUES ('import', ?, ?, 'oc_p2p_ou_admin', 'ou_admin', '花名册.xlsx', 'received', 0, ?)`)
    row.run('om_before_crash', 'file_v3_crash', null)
    row.run('om_held_elsewhere', 'file_v3_held', Date.now() + 3_600_000)
    db.close()
    sim.addResource('om_before_crash', 'file_v3_crash', { type: 'file', data: workbook })
    sim.addResource('om_held_elsewhere', 'file_v3_held', { type: 'file', data: workbook })
    await startBot(sim, { dbPath: path, clock: () => now, env: { ADMIN_OPEN_IDS: 'ou_admin' } })
    await sim.waitFor(() => cardOf(repliesTo('om_before_crash')) !== undefined, 30_000, 'the card for the file received before the crash')
    expect(repliesTo('om_before_crash').map(readable).join('\n')).toContain('试运行，没有写入任何数据')
    expect(repliesTo('om_held_elsewhere')).toEqual([])
    expect(sim.requests.some((r) => r.path.includes('/om_held_elsewhere/'))).toBe(false)
    expect(readdirSync(join(crashDir, 'files', 'imports'))).toEqual(['1'])   // the checked workbook, waiting for 确认导入
    expect(readdirSync(join(crashDir, 'files', 'incoming'))).toEqual([])
  }, 60_000)
})
