import { existsSync, mkdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type Browser, type Page } from 'playwright-core'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { tokenIn } from './helpers/map'
import { publishRanking } from '../src/scoring/publish'
import { parsePeriod } from '../src/domain/dates'

/** The browser this test drives: Debian's chromium unless CHROMIUM_PATH says otherwise; absent → skipped. */
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
// The machine has no internet: the browser must not try to reach anything but this test's own server.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-sync', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']
const ARTIFACTS = 'test-artifacts'
const hasChromium = existsSync(CHROMIUM)
if (!hasChromium) {
  console.warn(`web-browser.test.ts skipped: ${CHROMIUM} is absent. Install Debian's chromium and fonts-noto-cjk (.ci/run does), or set CHROMIUM_PATH.`)
}

// The CSS colours of the four states (src/web/static/map.css).
const COLOURS = { red: 'rgb(198, 40, 40)', behind: 'rgb(249, 168, 37)', ontrack: 'rgb(21, 101, 192)', meets: 'rgb(46, 125, 50)' }

/** The bot on a fixture with every tile colour and published rankings (the browser starts in beforeAll). */
async function serveFixture() {
  const sim = await startSim()
  const dbPath = tempDbPath(tempDir())
  seedFixture(dbPath)
  seedYellowTask(dbPath)
  const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
  const { chat } = createChat(sim, bot)
  // 周山村 slightly behind (yellow), 红岩洞村@南江镇 meeting every item (green).
  await chat('/村 上报 V002 产业路修建 45%', dm(PEOPLE.admin))
  for (const item of ['集体经济', '硬化路', '卫生室', '文化室', '通信网络']) await chat(`/村 上报 V004 ${item} 完成`, dm(PEOPLE.admin))
  // Three published months, by the ranking job's own code, for the trend chart.
  for (const m of ['2018-03', '2018-04', '2018-05']) publishRanking(bot.bot.deps, parsePeriod(m)!, '2018-06-15', FIXTURE_NOW)
  mkdirSync(ARTIFACTS, { recursive: true })
  return { bot, chat }
}

const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })
const served = hasChromium ? await serveFixture() : null

describe.skipIf(!served)(`the battle map in headless Chromium${served ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  // Read inside the tests only: when the suite is skipped, this body still runs (to collect) with nothing served.
  const bot = () => served!.bot
  const chat = (words: string, p: Parameters<NonNullable<typeof served>['chat']>[1]) => served!.chat(words, p)
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
  })
  afterAll(() => browser?.close())
  const problems: string[] = []

  /** A page in its own context; `expect401` for the page that is meant to be refused. */
  async function newPage(viewport = { width: 1366, height: 900 }, expect401 = false): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' })
    await context.route('**/*', (route) =>
      new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : (problems.push(`blocked ${route.request().url()}`), route.abort()))
    const page = await context.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' && !(expect401 && m.text().includes('401'))) problems.push(`console: ${m.text()}`)
    })
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
    return page
  }

  const linkFor = async (words: string, who: string = PEOPLE.leader) => `${bot().url}/map?token=${tokenIn(await chat(words, dm(who)))}`
  const colourOf = (page: Page, code: string) =>
    page.locator(`.tiles [data-village="${code}"]`).evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor as string)

  it('opens a link, sees the zones, drills into a village, with the right colours', async () => {
    const page = await newPage()
    const response = await page.goto(await linkFor('/作战图'))
    expect(response!.status()).toBe(200)
    await page.waitForFunction(`!location.search.includes('token')`)   // (strings: the tests compile without DOM types)
    expect(page.url()).toBe(`${bot().url}/map`)   // the token has left the address bar
    await expect.poll(() => page.locator('section.zone h2').allTextContents()).toEqual(['第一战区', '第二战区'])
    await page.screenshot({ path: `${ARTIFACTS}/battle-map-county.png`, fullPage: true })

    await page.getByRole('link', { name: '第一战区' }).click()
    await page.waitForURL(`${bot().url}/map/zone/1`)
    expect(await colourOf(page, 'V001')).toBe(COLOURS.red)
    expect(await colourOf(page, 'V002')).toBe(COLOURS.behind)
    expect(await colourOf(page, 'V004')).toBe(COLOURS.meets)
    await page.screenshot({ path: `${ARTIFACTS}/battle-map-zone.png`, fullPage: true })

    await page.locator('.tiles [data-village="V001"]').click()
    await page.waitForURL(`${bot().url}/map/village/V001`)
    expect(await page.locator('h1').textContent()).toBe('团结乡红岩洞村')
    expect(await page.locator('tr.task').count()).toBe(2)
    expect(await page.locator('tr.task progress').count()).toBe(2)
    expect(await page.locator('.light.l-red').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${ARTIFACTS}/battle-map-village.png`, fullPage: true })

    // The ranking's trend chart is drawn by the library served from node_modules, under the CSP.
    await checkChart(page)
    await page.context().close()
  })

  async function checkChart(page: Page) {
    await page.goto(`${bot().url}/map`)
    await page.waitForFunction(`document.body.classList.contains('has-chart')`)
    expect(await page.locator('#trend-chart').evaluate((c) => (c as unknown as { width: number }).width)).toBeGreaterThan(100)
    await page.locator('#ranking').screenshot({ path: `${ARTIFACTS}/battle-map-ranking.png` })
  }

  it('fits a phone screen', async () => {
    const page = await newPage({ width: 390, height: 844 })
    await page.goto(await linkFor('/作战图', PEOPLE.commander1))
    expect(await page.locator('h1').textContent()).toBe('第一战区作战图')
    const overflow = await page.evaluate<number>(`document.documentElement.scrollWidth - window.innerWidth`)
    expect(overflow).toBeLessThanOrEqual(0)
    await page.screenshot({ path: `${ARTIFACTS}/battle-map-phone.png`, fullPage: true })
    await page.context().close()
  })

  it('marks a wall screen for refresh, and shows a stranger the 401 page', async () => {
    const page = await newPage({ width: 1920, height: 1080 })
    await page.goto(await linkFor('/作战图 大屏 全县'))
    expect(await page.locator('body').getAttribute('data-refresh')).toBe('300')
    await page.screenshot({ path: `${ARTIFACTS}/battle-map-wall.png` })
    await page.context().close()

    const other = await newPage(undefined, true)
    const r = await other.goto(`${bot().url}/map/zone/1`)
    expect(r!.status()).toBe(401)
    expect(await other.locator('h1').textContent()).toBe('请重新获取链接')
    await other.context().close()
  })

  it('saw no script error, CSP violation or request leaving the machine', () => {
    expect(problems).toEqual([])
  })
})

/** A task for a yellow tile (周山村, started 2018-05-01, due 2018-07-31). */
function seedYellowTask(dbPath: string) {
  const db = new Database(dbPath)
  db.exec(`INSERT INTO tasks (code, list, category, title, village_code, unit, target, measure, start_date, due_date)
           VALUES ('T005', '行业投入', '产业发展', '产业路修建', 'V002', '县交通局', NULL, NULL, '2018-05-01', '2018-07-31')`)
  db.close()
}
