import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import { plainText } from '../src/lark/cards/kit'
import { overdueJob } from '../scheduler/overdue'
import { rankingJob } from '../scheduler/ranking'
import { runJob } from '../scheduler/run-job'

/*
 * Lists longer than a card, on the fixture county plus: 130 overdue tasks in 红四乡 (第二战区) — 65 of the
 * township, 65 of 惠民村 — 15 more due within three days, 14 open tasks in 团结乡's 红岩洞村 (a name two
 * villages share), 25 more 预脱贫村 in 红四乡 and 45 more households in 惠民村. Every list must be readable to its end by following what
 * each card says to send.
 */
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const seed = new Database(dbPath)
const task = seed.prepare(`INSERT INTO tasks (code, list, category, title, village_code, township_code, owner_phone, start_date, due_date)
                           VALUES (?, ?, '基础设施', ?, ?, ?, '13812340003', '2018-03-01', ?)`)
const day = (n: number) => new Date(Date.UTC(2018, 3, 1 + n)).toISOString().slice(0, 10)   // from 1 April
for (let i = 1; i <= 130; i++) {
  const own = i % 2 === 0
  task.run(`L${String(i).padStart(3, '0')}`, own ? '乡镇主体' : '部门帮扶', `护坡加固工程第${i}段`, own ? null : 'V003', own ? '511922207' : null, day(i % 70))
}
for (let i = 1; i <= 15; i++) task.run(`S${String(i).padStart(2, '0')}`, '部门帮扶', `水池维修 ${i}`, 'V003', null, `2018-06-${15 + (i % 4)}`)
for (let i = 1; i <= 14; i++) task.run(`R${String(i).padStart(2, '0')}`, '村社责任', `入户路 ${i}`, 'V001', null, '2018-09-30')
const village = seed.prepare(`INSERT INTO villages (code, name, township_code, category, households, agri_population, poor_population) VALUES (?, ?, '511922207', '预脱贫村', 100, 400, 4)`)
for (let i = 1; i <= 25; i++) village.run(`VX${String(i).padStart(2, '0')}`, `新${i}村`)
const household = seed.prepare(`INSERT INTO households (code, village_code, head_name, size, status) VALUES (?, 'V003', '户主', 3, '未脱贫')`)
for (let i = 1; i <= 45; i++) household.run(`HL${String(i).padStart(2, '0')}`)
seed.close()

const sim = await startSim()
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot, { chatId: 'oc_zone2', openId: PEOPLE.commander2 })
const deps = bot.bot.deps
const db = bot.bot.db
deps.bindings.bind('oc_zone2', 2, 'test', 0)
const overdueCodes = () => new Set(db.prepare(`SELECT code FROM tasks WHERE code LIKE 'L%' OR code = 'T003'`).pluck().all() as string[])
const codesIn = (text: string) => text.match(/\b(?:L\d{3}|T00\d|S\d{2}|R\d{2})\b/g) ?? []
const lastCard = (chatId: string) => [...sim.messages].reverse().find((m) => m.chat_id === chatId && m.msg_type === 'interactive')!

/** Sends `first`, then whatever each answer names as its next page, and returns every answer. */
async function readToTheEnd(first: string, next: RegExp): Promise<string[]> {
  const answers: string[] = []
  let command: string | undefined = first
  while (command && answers.length < 20) {
    const text = await chat(command)
    expect(cardSchema.safeParse(lastCard('oc_zone2').content).success, command).toBe(true)   // every page under 30 KB
    answers.push(text)
    command = next.exec(text)?.[1]
  }
  return answers
}

describe('overdue lists read to the end', () => {
  it('the digest lists what fits and names the command for the rest, and that command lists every task', async () => {
    const outcome = await runJob(deps, overdueJob, { period: '2018-06-15', now: FIXTURE_NOW, trigger: 'admin' })
    const card = JSON.parse(outcome.messages.find((m) => m.receiveId === 'oc_zone2')!.content)
    expect(cardSchema.safeParse(card).success).toBe(true)
    const text = plainText(card)
    expect(text).toContain('逾期 131 项')
    expect(text).toContain('还有 111 项逾期任务没有列出，发送 /逾期 第二战区 全部 查看全部（逾期最久的在前）')
    expect(text).toContain('即将到期（3 天内，15 项）')
    expect(text).toContain('还有 5 项即将到期，发送 /逾期 第二战区 将到期 查看全部')

    const pages = await readToTheEnd('/逾期 第二战区 全部', /下一页：(\/逾期 .+? 第 \d+ 页)/)
    expect(pages).toHaveLength(3)                                  // 60 a page
    expect(pages[0]).toContain('第二战区 · 逾期任务 131 项')
    expect(pages[0]).toContain('第 1/3 页（第 1–60 项，共 131 项）。下一页：/逾期 第二战区 全部 第 2 页')
    expect(pages[2]).toContain('第 3/3 页（第 121–131 项，共 131 项），已到最后一页')
    const listed = pages.flatMap(codesIn)
    expect(listed).toHaveLength(131)
    expect(new Set(listed)).toEqual(overdueCodes())
    // One line a task, with its village (or township), title, lateness and owner.
    expect(pages[0]).toMatch(/🔴 L\d{3} 红四乡惠民村 · 护坡加固工程第\d+段　逾期 \d+ 天　钱\*\*/)

    const soon = await chat('/逾期 第二战区 将到期')
    expect(soon).toContain('第二战区 · 3 天内到期 15 项')
    expect(new Set(codesIn(soon))).toEqual(new Set(Array.from({ length: 15 }, (_, i) => `S${String(i + 1).padStart(2, '0')}`)))
  })

  it('/逾期 pages in full lines, and every page says what to send for the next', async () => {
    const pages = await readToTheEnd('/逾期', /下一页：(\/逾期 .+? 第 \d+ 页)/)
    expect(pages).toHaveLength(7)                                  // 20 a page
    expect(pages[0]).toContain('一项一行列完：/逾期 第二战区 全部')
    expect(pages[0]).toMatch(/▓|░/)                                // full lines: progress bars
    expect(new Set(pages.flatMap(codesIn))).toEqual(overdueCodes())
    // In the township, its own tasks and its villages'; the page number however it is typed.
    const township = await chat('/逾期 红四乡 第2页')
    expect(township).toContain('红四乡 · 逾期任务 131 项')
    expect(await chat('/逾期 红四乡 第二页')).toBe(township)
    expect(await chat('/逾期 红四乡 第 2 页')).toBe(township)
  })

  it('refuses a page past the end, a page word it cannot read, and two places', async () => {
    expect(await chat('/逾期 红四乡 第 9 页')).toBe('只有 7 页（共 131 项），没有第 9 页。')
    expect(await chat('/逾期 第0页')).toContain('「第0页」不是有效的页码')
    expect(await chat('/逾期 第x页')).toContain('「第x页」看不懂：页码请写成「第 2 页」')
    const two = await chat('/逾期 红四乡 惠民村')
    expect(two).toContain('看不懂「红四乡 惠民村」')
    expect(two).toContain('用法：/逾期 [战区 或 乡镇 或 村] [全部 或 将到期] [第 N 页]')
    expect(await chat('/逾期 全部 将到期')).toContain('「全部」和「将到期」请只写一个')
    expect(await chat('/逾期 团结乡 全部')).toContain('不在您的查看范围内')   // the next page never widens a remit
  })
})

describe('task lists read to the end', () => {
  it('/村 进度 names a /任务 that finds the village, and /任务 pages', async () => {
    const card = await chat('/村 进度 团结乡红岩洞村', { openId: PEOPLE.team1, chatId: 'oc_zone1' })
    const command = /还有 \d+ 项未完成，发送 (\/任务 \S+) 查看全部/.exec(card)![1]!
    expect(command).toBe('/任务 团结乡红岩洞村')   // 红岩洞村 alone names two villages
    const all = await chat(command, { openId: PEOPLE.team1, chatId: 'oc_zone1' })
    expect(all).toContain('团结乡红岩洞村 · 未完成任务 16 项')
    expect(codesIn(all)).toHaveLength(16)
    const mine = await readToTheEnd('/任务 惠民村', /下一页：(\/任务 .+? 第 \d+ 页)/)
    expect(mine).toHaveLength(5)                                   // 65 + 15 + T003 = 81 open, 20 a page
    expect(new Set(mine.flatMap(codesIn)).size).toBe(81)
  })
})

describe('the "四小" ledger reads to the end', () => {
  it('pages the households without a project, and names the next page', async () => {
    const pages = await readToTheEnd('/村 四小 惠民村', /下一页：(\/村 四小 .+? 第 \d+ 页)/)
    expect(pages).toHaveLength(2)                                  // 46 households, 40 a page
    expect(pages[0]).toContain('尚无项目的户（46 户）')
    expect(pages[0]).toContain('第 1/2 页。下一页：/村 四小 惠民村 第 2 页')
    const codes = pages.flatMap((p) => p.match(/\bH(?:L\d{2}|003)\b/g) ?? [])
    expect(new Set(codes).size).toBe(46)
    expect(await chat('/村 四小 惠民村 第 3 页')).toBe('只有 2 页，没有第 3 页。')
  })
})

describe('the ranking detail reads to the end', () => {
  it('lists every village or names the command that does; the same for the tasks', async () => {
    await runJob(deps, rankingJob, { period: '2018-05', now: new Date('2018-06-01T01:00:00Z'), trigger: 'admin' })
    const detail = await chat('/排名 2018-05 红四乡')
    // The 25 预脱贫村 count for 村达标 (惠民村 is a 贫困村 without exited households: not measured); 20 fit.
    expect(detail).toContain('还有 5 个村，发送 /排名 2018-05 红四乡 村 查看全部')
    expect(detail).toMatch(/还有 \d+ 项，发送 \/排名 2018-05 红四乡 任务 查看全部/)
    const villages = await chat('/排名 2018-05 红四乡 村')
    expect(villages).toContain('各村：25 个村')
    for (let i = 1; i <= 25; i++) expect(villages).toContain(`新${i}村（预脱贫村）`)
    const tasks = await readToTheEnd('/排名 2018-05 红四乡 任务', /下一页：(\/排名 .+? 第 \d+ 页)/)
    const started = db.prepare(`SELECT COUNT(*) FROM tasks t LEFT JOIN villages v ON v.code = t.village_code
                                     WHERE COALESCE(t.township_code, v.township_code) = '511922207' AND t.start_date <= '2018-05-31'`).pluck().get() as number
    expect(new Set(tasks.flatMap(codesIn)).size).toBe(started)
    expect(tasks.at(-1)).toContain('已到最后一页')
    expect(await chat('/排名 2018-05 任务')).toContain('请写上乡镇名称')
    expect(await chat('/排名 2018-05 红四乡 第 2 页')).toContain('分页看的是任务或各村')
  })
})
