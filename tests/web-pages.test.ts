import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { get, openLink, textOf, tokenIn } from './helpers/map'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
// A village whose name, imported from a spreadsheet, tries to be markup.
const HOSTILE = `<script>alert(1)</script><img src=x onerror=alert(2)>"'&村`
const seed = new Database(dbPath)
seed.prepare(`INSERT INTO villages (code, name, township_code, category, households, agri_population, poor_population) VALUES ('V666', ?, '511922204', '贫困村', 10, 40, 9)`).run(HOSTILE)
seed.prepare(`INSERT INTO tasks (code, list, category, title, village_code, unit, due_date) VALUES ('T666', '村社责任', '公共服务', ?, 'V666', '<b>局</b>', '2018-12-31')`).run(`修路</td><script>x()</script>`)
seed.close()

const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot)
const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })
const sessionOf = async (openId: string) => (await openLink(bot, tokenIn(await chat('/作战图', dm(openId))))).cookie

// Records with notes that hold personal data: the map must show none of it.
await chat('/村 上报 团结乡红岩洞村 通村道路硬化 6/15 何桂英家门口已通 13912340001', dm(PEOPLE.team1))
await chat('/户 核查 H001 收入=4000 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是 备注=李明代签', dm(PEOPLE.team1))
await chat('/村 上报 团结乡红岩洞村 集体经济 3.2万元', dm(PEOPLE.team1))

const admin = await sessionOf(PEOPLE.admin)

/** Every page an admin can reach from the county page, by following the map's own links. */
async function crawl(cookie: string | null): Promise<Map<string, string>> {
  const pages = new Map<string, string>()
  const queue = ['/map']
  while (queue.length > 0) {
    const path = queue.shift()!
    if (pages.has(path)) continue
    const r = await get(bot, path, cookie)
    expect(r.status, path).toBe(200)
    pages.set(path, r.html)
    for (const m of r.html.matchAll(/href="(\/map\/(?:zone|township|village)\/[^"]+)"/g)) queue.push(m[1]!.replace(/&amp;/g, '&'))
  }
  return pages
}

describe('escaping', () => {
  it('shows a hostile village name and task title as text, never as markup', async () => {
    const pages = await crawl(admin)
    const hostile = [...pages.entries()].filter(([, html]) => html.includes('&lt;script&gt;alert(1)'))
    expect(hostile.map(([p]) => p)).toEqual(expect.arrayContaining(['/map', '/map/zone/1', '/map/township/511922204', '/map/village/V666']))
    for (const [path, html] of pages) {
      expect(html, path).not.toContain('<script>alert')
      expect(html, path).not.toContain('<img src=x')
      expect(html, path).not.toContain('<script>x()')
      expect(html, path).not.toContain('<b>局</b>')
    }
    const village = pages.get('/map/village/V666')!
    expect(textOf(village)).toContain(HOSTILE)
    expect(textOf(village)).toContain('修路</td><script>x()</script>')
  })
})

describe('privacy', () => {
  it('shows no names, ID numbers or phones on any page', async () => {
    const pages = await crawl(admin)
    expect(pages.size).toBeGreaterThanOrEqual(1 + 2 + 3 + 5)
    const people = ['何桂英', '李明', '王五', '周大', '何伟', '刘洋', '张指挥', '赵指挥', '管理员甲', '县领导乙', '督查丙', '乡干丁', '钱队员']
    for (const [path, html] of pages) {
      for (const name of people) expect(html, `${path}: ${name}`).not.toContain(name)
      expect(html, path).not.toMatch(/1[3-9]\d{9}/)        // phones
      expect(html, path).not.toMatch(/\d{6}(19|20)\d{9}[\dX]/)   // ID numbers
      expect(html, path).not.toMatch(/ou_[a-z0-9]+/)   // open_ids
    }
    expect(pages.get('/map/village/V001')).toContain('户核查')
  })
})

describe('same numbers as the chat commands', () => {
  // The figures of docs/figures.md, each in the one form every view writes it.
  const figures = (text: string) => ({
    households: /(?<!立卡)户达标[^\d]*(\d+)\/(\d+) 户（([^）]+)）/.exec(text)?.slice(1),
    registered: /建档立卡户达标[：:\s]*(\d+)\/(\d+) 户（([^）]+)）/.exec(text)?.slice(1),
    tasks: /任务完成率[：:\s]*(\d+)\/(\d+) 项（[^）]+）\s*逾期\s*(\d+) 项/.exec(text)?.slice(1),
    incidence: /贫困发生率[^\d]*([\d.]+%)（(\d+)\/(\d+)，(按[^）]+)）/.exec(text)?.slice(1),
    total: /总户数\s*(登记 \d+ 户，已录入 \d+ 户|\d+ 户)/.exec(text)?.slice(1),
  })

  it('shows each village exactly as /村 进度 does', async () => {
    for (const code of ['V001', 'V002', 'V003', 'V004', 'V666']) {
      const card = figures(await chat(`/村 进度 ${code}`, dm(PEOPLE.admin)))
      const page = figures(textOf((await get(bot, `/map/village/${code}`, admin)).html))
      for (const [name, value] of Object.entries(card)) expect(value, `${code} ${name}`).toBeDefined()
      expect(page, code).toEqual(card)
    }
  })

  it('puts the village page\'s share and overdue count on its tile', async () => {
    const zone = (await get(bot, '/map/zone/1', admin)).html
    for (const code of ['V001', 'V002', 'V004']) {
      const card = await chat(`/村 进度 ${code}`, dm(PEOPLE.admin))
      const share = /(?<!立卡)户达标 \d+\/\d+ 户（([^）]+)）/.exec(card)![1]
      const overdue = /逾期\s*(\d+) 项/.exec(card)![1]
      const tile = new RegExp(`data-village="${code}"[^>]*>[\\s\\S]*?</a>`).exec(zone)![0]
      expect(textOf(tile), code).toContain(`户达标 ${share}`)
      expect(textOf(tile), code).toContain(`逾期 ${overdue}`)
    }
  })

  it('shows the zone and county totals of /战区 进度', async () => {
    // Numbers only: the card's wording may change, its figures may not differ from the map's.
    const totals = (text: string) => ({
      villages: /村达标[：:\s]*(\d+)\/(\d+) 个（([^）]+)）/.exec(text)?.slice(1),
      households: /(?<!立卡)户达标[：:\s]*(\d+)\/(\d+) 户（([^）]+)）/.exec(text)?.slice(1),
      registered: /建档立卡户达标[：:\s]*(\d+)\/(\d+) 户（([^）]+)）/.exec(text)?.slice(1),
      tasks: /任务完成率[：:\s]*(\d+)\/(\d+) 项（[^）]+），\s*逾期\s*(\d+) 项/.exec(text)?.slice(1),
    })
    for (const [place, path] of [['第一战区', '/map/zone/1'], ['全县', '/map']] as const) {
      const card = totals(await chat(`/战区 进度 ${place}`, dm(PEOPLE.admin)))
      expect(Object.values(card).every(Boolean), place).toBe(true)
      expect(totals(textOf((await get(bot, path, admin)).html)), place).toEqual(card)
    }
  })
})

describe('freshness', () => {
  it('shows a new record at once, and a change made by another process (no stale figures)', async () => {
    const tile = async () => textOf(new RegExp(`data-village="V001"[^>]*>[\\s\\S]*?</a>`).exec((await get(bot, '/map/zone/1', admin)).html)![0])
    const before = await tile()
    // H001 (当年脱贫) was checked above and meets; a new check below the income line moves 户达标 from 100% to 0%.
    await chat('/户 核查 H001 收入=1000 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是', dm(PEOPLE.team1))
    const after = await tile()
    expect(after).not.toBe(before)
    const share = /(?<!立卡)户达标 \d+\/\d+ 户（([^）]+)）/.exec(await chat('/村 进度 V001', dm(PEOPLE.admin)))![1]
    expect(after).toContain(`户达标 ${share}`)

    const other = new Database(dbPath)
    other.prepare(`UPDATE villages SET name = '周山新村' WHERE code = 'V002'`).run()
    other.close()
    expect((await get(bot, '/map/zone/1', admin)).html).toContain('周山新村')
  })
})

describe('tiles and ranking', () => {
  it('colours tiles by state', async () => {
    const zone1 = (await get(bot, '/map/zone/1', admin)).html
    const zone2 = (await get(bot, '/map/zone/2', admin)).html
    const stateOf = (html: string, code: string) => new RegExp(`data-state="(\\w+)" data-village="${code}"`).exec(html)?.[1]
    expect(stateOf(zone1, 'V001')).toBe('red')      // T002 is 15 days overdue with no progress
    expect(stateOf(zone2, 'V003')).toBe('red')      // T003 overdue, nothing reported
    expect(stateOf(zone1, 'V002')).toBe('ontrack')  // no tasks, standard not met
    expect(stateOf(zone1, 'V666')).toBe('ontrack')
  })

  it('says when no ranking has been published', async () => {
    expect((await get(bot, '/map', admin)).html).toContain('暂无已发布的排名')
  })
})
