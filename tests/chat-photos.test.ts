import Database from 'better-sqlite3'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readable, startBot, startSim } from './helpers/bot'
import { createPhotoChat, dm, group, JPEG, PNG } from './helpers/photos'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { get, openLink, tokenIn } from './helpers/map'
import { tempDbPath, tempDir } from './helpers/temp'

// Photo evidence through the simulator: a reply with a picture to the bot's answer to one's report is
// downloaded by the real SDK, stored by its hash beside the real SQLite file and linked to that record.
const sim = await startSim()
const dir = tempDir()
const dbPath = tempDbPath(dir)
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo, report, replyWithImage } = createPhotoChat(sim, bot)

function evidence(): { record_id: number; sha256: string; type: string }[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(`SELECT record_id, sha256, type FROM evidence ORDER BY id`).all() as { record_id: number; sha256: string; type: string }[]
  } finally {
    db.close()
  }
}

describe('photo evidence', () => {
  it('links a picture replied to the answer to one\'s report to that record; /村 进度 shows 📷; the map links it within remit', async () => {
    const first = await report('/村 上报 团结乡红岩洞村 通村道路硬化 12/15')
    const second = await report('/村 上报 团结乡红岩洞村 卫生室建设 50%')
    expect(await replyWithImage(first.answerId, PEOPLE.team1, PNG)).toBe(`📷 已保存为记录 #${first.id} 的现场照片（这条记录共 1 张）。`)
    const sha = createHash('sha256').update(PNG).digest('hex')
    expect(evidence()).toEqual([{ record_id: first.id, sha256: sha, type: 'image/png' }])
    expect(readFileSync(join(dir, 'files', 'evidence', sha.slice(0, 2), `${sha}.png`)).equals(PNG)).toBe(true)

    const progress = await chat('/村 进度 团结乡红岩洞村', group(PEOPLE.team1))
    expect(progress).toContain(`#${first.id} 2018-06-15 通村道路硬化 12/15 公里 📷`)
    expect(progress).not.toMatch(new RegExp(`#${second.id} [^\\n]*📷`))

    // The map: a commander of the zone sees the link and the photo; another zone's commander and a wall screen do not.
    const mine = (await openLink(bot, tokenIn(await chat('/作战图', dm(PEOPLE.commander1))))).cookie
    const page = await get(bot, '/map/village/V001', mine)
    const href = /href="(\/map\/evidence\/\d+)"/.exec(page.html)?.[1]
    expect(href).toBeDefined()
    const photo = await fetch(`${bot.url}${href}`, { headers: { cookie: mine! } })
    expect(photo.status).toBe(200)
    expect(photo.headers.get('content-type')).toBe('image/png')
    expect(photo.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await photo.arrayBuffer()).equals(PNG)).toBe(true)
    const other = (await openLink(bot, tokenIn(await chat('/作战图', dm(PEOPLE.commander2))))).cookie
    expect((await get(bot, href!, other)).status).toBe(403)
    expect((await get(bot, href!)).status).toBe(401)
    const wall = (await openLink(bot, tokenIn(await chat('/作战图 大屏 第一战区', dm(PEOPLE.commander1))))).cookie
    const wallPage = await get(bot, '/map/village/V001', wall)
    expect(wallPage.html).toContain('📷 1')
    expect(wallPage.html).not.toContain('/map/evidence/')
    expect((await get(bot, href!, wall)).status).toBe(403)
  }, 60_000)

  it('takes the pictures of a rich-text reply (@战区助手 and a photo, as in a group), stored once per content', async () => {
    const r = await report('/村 上报 团结乡红岩洞村 集体经济 3.2万元')
    const { messageId } = await send('', {
      ...group(PEOPLE.team1), mentionBot: true, parentId: r.answerId, messageId: 'om_post_photos',
      post: { title: '', content: [[{ tag: 'text', text: '现场' }], [{ tag: 'img', image_key: 'img_v3_a' }], [{ tag: 'img', image_key: 'img_v3_b' }]] },
    })
    sim.addResource(messageId, 'img_v3_a', { type: 'image', data: JPEG })
    sim.addResource(messageId, 'img_v3_b', { type: 'image', data: PNG })
    expect(readable(await replyTo(messageId))).toBe(`📷 已保存为记录 #${r.id} 的现场照片（这条记录共 2 张）。`)
    expect(evidence().filter((e) => e.record_id === r.id).map((e) => e.type)).toEqual(['image/jpeg', 'image/png'])
    expect(existsSync(join(dir, 'files', 'evidence'))).toBe(true)
  }, 30_000)

  it('explains, and keeps nothing, for a picture replied to something else, to another\'s record, or that is no picture', async () => {
    const before = evidence().length
    const help = await send('/帮助', group(PEOPLE.team1))
    const helpAnswer = await replyTo(help.messageId)
    expect(await replyWithImage(helpAnswer.message_id, PEOPLE.team1, PNG)).toContain('你回复的消息不是我对一条上报或核查的回答，照片没有保存')
    const r = await report('/村 上报 团结乡红岩洞村 通村道路硬化 13/15')
    expect(await replyWithImage(r.answerId, PEOPLE.cadre, PNG)).toContain('照片只能补充到你自己的记录上')
    expect(await replyWithImage(r.answerId, PEOPLE.team1, Buffer.from('<html><script>alert(1)</script></html>'))).toContain('不是 JPG、PNG、GIF 或 WebP 照片')
    expect(await replyWithImage(r.answerId, PEOPLE.team1, Buffer.alloc(10_000_001, 0xff))).toContain('照片超过 10.0 MB')
    expect(evidence()).toHaveLength(before)
  }, 30_000)
})
