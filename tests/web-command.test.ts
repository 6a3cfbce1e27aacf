import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { openLink, tokenIn } from './helpers/map'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const seed = new Database(dbPath)
seed.prepare(`INSERT INTO members (name, phone, role, open_id) VALUES ('无区干部', '13900000123', '乡镇干部', 'ou_nozone')`).run()
seed.close()
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot)
const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })
const group = (openId: string) => ({ openId, chatType: 'group' as const, chatId: 'oc_zone1' })
const tokens: string[] = []
const linkOf = (reply: string) => {
  const t = tokenIn(reply)
  tokens.push(t)
  return t
}

describe('/作战图', () => {
  it('answers in a direct chat only; in a group it asks for a private message and sends no link', async () => {
    for (const words of ['/作战图', '/作战图 大屏', '/作战图 撤销']) {
      const reply = await chat(words, group(PEOPLE.commander1))
      expect(reply, words).toContain('请私聊我')
      expect(reply, words).not.toContain('/map?token=')
    }
  })

  it('gives each role the map of their remit', async () => {
    const expectations: [string, string][] = [
      [PEOPLE.admin, '全县'], [PEOPLE.leader, '全县'], [PEOPLE.inspector, '全县'],
      [PEOPLE.commander1, '第一战区'], [PEOPLE.commander2, '第二战区'], [PEOPLE.cadre, '第一战区'],
      [PEOPLE.team1, '第一战区'], [PEOPLE.team3, '第二战区'],
    ]
    for (const [who, place] of expectations) {
      const reply = await chat('/作战图', dm(who))
      expect(reply, who).toContain(`您的作战图（${place}）`)
      expect(reply, who).toContain('10 分钟内有效，只能打开一次')
      const page = await openLink(bot, linkOf(reply))
      expect(page.status, who).toBe(200)
      expect(page.html, who).toContain(place === '全县' ? '全县作战图' : `${place}作战图`)
    }
  })

  it('tells a stranger to link their account first, with no link', async () => {
    const reply = await chat('/作战图', dm(PEOPLE.stranger))
    expect(reply).toContain('还没有关联花名册')
    expect(reply).not.toContain('token=')
  })

  it('tells someone on the roster without a zone why there is no link', async () => {
    const reply = await chat('/作战图', dm('ou_nozone'))
    expect(reply).toContain('花名册里没有您所属的战区')
    expect(reply).not.toContain('token=')
  })

  it('refuses wall-screen links to work teams and cadres, and places outside a remit', async () => {
    expect(await chat('/作战图 大屏', dm(PEOPLE.team1))).toContain('大屏链接只有指挥长（本战区）；督查、县领导、管理员可以生成')
    expect(await chat('/作战图 大屏', dm(PEOPLE.cadre))).toContain('大屏链接只有')
    expect(await chat('/作战图 大屏 第二战区', dm(PEOPLE.commander1))).toContain('不在您的查看范围内')
    expect(await chat('/作战图 大屏 全县', dm(PEOPLE.commander1))).toContain('不在您的查看范围内')
    expect(await chat('/作战图 大屏 团结乡', dm(PEOPLE.admin))).toContain('不是战区')
    expect(await chat('/作战图 大屏 第九战区', dm(PEOPLE.admin))).toContain('没有找到')
    expect(await chat('/作战图 大屏', dm(PEOPLE.commander1))).toContain('大屏作战图（第一战区，只读）')
    expect(await chat('/作战图 大屏 全县', dm(PEOPLE.leader))).toContain('大屏作战图（全县，只读）')
  })

  it('explains a wrong word with the usage line', async () => {
    const reply = await chat('/作战图 地图', dm(PEOPLE.admin))
    expect(reply).toContain('「地图」看不懂')
    expect(reply).toContain('用法：/作战图')
    expect(await chat('/作战图 第一战区', dm(PEOPLE.admin))).toContain('不需要写地名')
    expect(await chat('/作战图 撤销 全部', dm(PEOPLE.admin))).toContain('不需要写别的')
  })

  it('撤销 revokes only the sender\'s own links', async () => {
    const mine = linkOf(await chat('/作战图', dm(PEOPLE.inspector)))
    const theirs = linkOf(await chat('/作战图', dm(PEOPLE.commander2)))
    expect(await chat('/作战图 撤销', dm(PEOPLE.inspector))).toMatch(/已作废您的 \d+ 个作战图链接/)
    expect((await openLink(bot, mine)).status).toBe(401)
    expect((await openLink(bot, theirs)).status).toBe(200)
    expect(await chat('/作战图 撤销', dm(PEOPLE.inspector))).toContain('无需撤销')
  })

  it('is listed by /帮助', async () => {
    expect(await chat('/帮助', dm(PEOPLE.admin))).toContain('/作战图')
  })
})

describe('tokens at rest', () => {
  it('keeps only hashes in the database, and no token in the logs or the audit trail', async () => {
    expect(tokens.length).toBeGreaterThan(8)
    const db = new Database(dbPath, { readonly: true })
    try {
      const stored = JSON.stringify([
        db.prepare(`SELECT * FROM web_links`).all(), db.prepare(`SELECT * FROM web_sessions`).all(),
        db.prepare(`SELECT * FROM audit_log`).all(), db.prepare(`SELECT * FROM settings`).all(),
      ])
      expect(db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'map.link'`).pluck().get()).toBeGreaterThan(8)
      for (const t of tokens) {
        expect(stored).not.toContain(t)
        expect(stored).not.toContain(t.split('.')[0])
      }
      // The signing key was generated on first start (WEB_SECRET is unset here) and kept.
      expect(db.prepare(`SELECT length(value) FROM settings WHERE key = 'web_secret'`).pluck().get()).toBeGreaterThanOrEqual(40)
    } finally {
      db.close()
    }
    const logs = bot.logs.join('')
    expect(logs).toContain('battle map session opened')
    for (const t of tokens) expect(logs).not.toContain(t.split('.')[0])
  })
})
