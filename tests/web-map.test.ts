import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { expectUnauthorized, get, openLink, tokenIn } from './helpers/map'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
let now = FIXTURE_NOW
const bot = await startBot(sim, { dbPath, clock: () => now, env: { PUBLIC_URL: 'https://map.example.test/' } })
const { chat } = createChat(sim, bot)
const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })
const link = async (openId: string, words = '') => tokenIn(await chat(`/作战图${words ? ` ${words}` : ''}`, dm(openId)))
const minutes = (n: number) => new Date(FIXTURE_NOW.getTime() + n * 60_000)

describe('GET /map?token=…', () => {
  it('opens a session and renders the map in the same response, with no redirect', async () => {
    const reply = await chat('/作战图', dm(PEOPLE.leader))
    expect(reply).toContain('https://map.example.test/map?token=')
    const r = await openLink(bot, tokenIn(reply))
    expect(r.status).toBe(200)
    expect(r.headers.get('location')).toBeNull()
    expect(r.html).toContain('全县作战图')
    for (const zone of ['第一战区', '第二战区']) expect(r.html).toContain(zone)
    expect(r.html).toContain('/map/static/map.js')
    expect(r.setCookie).toMatch(/^zq_map=[^;]+;/)
    expect(r.setCookie).toMatch(/HttpOnly/i)
    expect(r.setCookie).toMatch(/SameSite=Strict/i)
    expect(r.setCookie).toMatch(/Path=\/map/)
    expect(r.setCookie).toMatch(/Secure/)   // PUBLIC_URL is https
    expect(r.setCookie).toMatch(/Max-Age=28800/)
  })

  it('sends a Content-Security-Policy without inline scripts, and no caching or referrer', async () => {
    const r = await openLink(bot, await link(PEOPLE.admin))
    const csp = r.headers.get('content-security-policy')!
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toMatch(/https?:/)
    expect(r.headers.get('cache-control')).toBe('no-store')
    expect(r.headers.get('referrer-policy')).toBe('no-referrer')
    // Only external scripts and JSON data blocks; no style attributes, no event handler attributes.
    for (const tag of r.html.match(/<script[^>]*>/g) ?? []) expect(tag).toMatch(/src="\/map\/static\/|type="application\/json"/)
    expect(r.html).not.toMatch(/\sstyle=/)
    expect(r.html).not.toMatch(/\son[a-z]+=/)
  })

  it('refuses a token twice: single use', async () => {
    const token = await link(PEOPLE.commander1)
    expect((await openLink(bot, token)).status).toBe(200)
    expectUnauthorized(await openLink(bot, token))
  })

  it('refuses an expired token (10 minutes)', async () => {
    const token = await link(PEOPLE.commander1)
    now = minutes(10)
    expectUnauthorized(await openLink(bot, token))
    now = FIXTURE_NOW
    expect((await openLink(bot, await link(PEOPLE.commander1))).status).toBe(200)
  })

  it('refuses forged, malformed and missing tokens, with no data', async () => {
    const token = await link(PEOPLE.admin)
    const [nonce, sig] = token.split('.')
    const flipped = `${nonce}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`
    expectUnauthorized(await openLink(bot, flipped))
    expectUnauthorized(await openLink(bot, `${'A'.repeat(32)}.${sig}`))
    expectUnauthorized(await openLink(bot, 'not-a-token'))
    expectUnauthorized(await get(bot, '/map?token='))
    expectUnauthorized(await get(bot, `/map?token=${token}&token=${token}`))
    expectUnauthorized(await get(bot, '/map'))
    expect((await openLink(bot, token)).status).toBe(200)   // the genuine one was untouched by all that
  })

  it('refuses a link whose owner no longer has that remit', async () => {
    const token = await link(PEOPLE.commander2)
    const s = await openLink(bot, await link(PEOPLE.commander2))
    const db = new Database(dbPath)
    db.prepare(`UPDATE members SET zone_id = 1 WHERE open_id = ?`).run(PEOPLE.commander2)
    try {
      expectUnauthorized(await openLink(bot, token))
      expectUnauthorized(await get(bot, '/map', s.cookie))
    } finally {
      db.prepare(`UPDATE members SET zone_id = 2 WHERE open_id = ?`).run(PEOPLE.commander2)
      db.close()
    }
  })
})

describe('sessions', () => {
  it('lets the cookie open every page of the remit, for 8 hours', async () => {
    const { cookie } = await openLink(bot, await link(PEOPLE.commander1))
    expect((await get(bot, '/map/zone/1', cookie)).status).toBe(200)
    expect((await get(bot, '/map/township/511922204', cookie)).status).toBe(200)
    expect((await get(bot, '/map/village/V001', cookie)).status).toBe(200)
    now = minutes(8 * 60 - 1)
    expect((await get(bot, '/map', cookie)).status).toBe(200)
    now = minutes(8 * 60 + 1)
    expectUnauthorized(await get(bot, '/map', cookie))
    now = FIXTURE_NOW
  })

  it('refuses pages without a session, or with a forged cookie', async () => {
    for (const path of ['/map', '/map/zone/1', '/map/township/511922204', '/map/village/V001']) {
      expectUnauthorized(await get(bot, path))
      expectUnauthorized(await get(bot, path, `zq_map=${'A'.repeat(32)}.${'B'.repeat(43)}`))
    }
    // A link token is not a session cookie, even a fresh one.
    expectUnauthorized(await get(bot, '/map', `zq_map=${await link(PEOPLE.admin)}`))
  })

  it('keeps a commander to their zone', async () => {
    const home = await openLink(bot, await link(PEOPLE.commander1))
    expect(home.html).toContain('第一战区作战图')
    expect(home.html).not.toContain('惠民村')
    expect(home.html).not.toContain('第二战区')
    for (const path of ['/map/zone/2', '/map/township/511922207', '/map/village/V003']) {
      const r = await get(bot, path, home.cookie)
      expect(r.status, path).toBe(403)
      expect(r.html).not.toContain('惠民村')
      expect(r.html).not.toContain('红四乡')
    }
    expect((await get(bot, '/map/village/NOPE', home.cookie)).status).toBe(404)
    expect((await get(bot, '/map/zone/abc', home.cookie)).status).toBe(404)
  })

  it('shows a team member their own zone', async () => {
    const r = await openLink(bot, await link(PEOPLE.team3))
    expect(r.html).toContain('第二战区作战图')
    expect(r.html).toContain('惠民村')
    expect(r.html).not.toContain('周山村')
  })
})

describe('wall screens', () => {
  it('gives a reusable, auto-refreshing link that /作战图 撤销 ends, sessions included', async () => {
    const reply = await chat('/作战图 大屏 第一战区', dm(PEOPLE.leader))
    expect(reply).toContain('大屏作战图（第一战区，只读）')
    expect(reply).toContain('2018-07-15 前有效')
    const token = tokenIn(reply)
    const first = await openLink(bot, token)
    expect(first.html).toContain('data-refresh="300"')
    expect(first.setCookie).toMatch(/Max-Age=2592000/)
    now = minutes(60 * 24 * 20)   // still valid on day 20, and its session too
    expect((await openLink(bot, token)).status).toBe(200)
    expect((await get(bot, '/map', first.cookie)).status).toBe(200)
    expect(await chat('/作战图 撤销', dm(PEOPLE.leader))).toMatch(/已作废您的 \d+ 个作战图链接/)
    expectUnauthorized(await openLink(bot, token))
    expectUnauthorized(await get(bot, '/map', first.cookie))
    now = FIXTURE_NOW
  })
})

describe('static files', () => {
  it('serves the script, the stylesheet and the chart library from node_modules, nothing else', async () => {
    const chart = await get(bot, '/map/static/chart.umd.min.js')
    expect(chart.status).toBe(200)
    expect(chart.headers.get('content-type')).toContain('javascript')
    expect(chart.html.length).toBeGreaterThan(50_000)
    expect((await get(bot, '/map/static/map.js')).html).toContain('replaceState')
    expect((await get(bot, '/map/static/map.css')).headers.get('content-type')).toContain('text/css')
    for (const bad of ['/map/static/..%2Fapp.ts', '/map/static/app.ts', '/map/static/constructor', '/map/nothing']) {
      expect((await get(bot, bad)).status, bad).toBe(404)
    }
  })
})
