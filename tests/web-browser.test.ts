import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { tokenIn } from './helpers/map'
import { PEOPLE } from './helpers/fixture'
import type { Served } from './helpers/map-browser'

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

// The bot and the browser driver load only when there is a browser: without one, this file costs nothing.
const served: Served | null = hasChromium ? await (await import('./helpers/map-browser')).serveFixture(ARTIFACTS) : null
const chromium = hasChromium ? (await import('playwright-core')).chromium : null

describe.skipIf(!served)(`the battle map in headless Chromium${served ? '' : ` (skipped: ${CHROMIUM} is absent)`}`, () => {
  // Read inside the tests only: when the suite is skipped, this body still runs (to collect) with nothing served.
  const bot = () => served!.bot
  const chat = (words: string, p: Parameters<Served['chat']>[1]) => served!.chat(words, p)
  let browser: Browser
  beforeAll(async () => {
    browser = await chromium!.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true })
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

  const dm = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })
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
