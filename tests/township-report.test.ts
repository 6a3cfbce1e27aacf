// `/乡 上报`: a township reports its own tasks and its 乡"三有" items, with the parsing, echo and refusals of
// `/村 上报`; `/乡 进度`, the monthly review and the score read them. And the rule that decides a standard
// item when a task is named after it, in both orders.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { openDatabase } from '../db/open'
import { createDeps } from '../src/deps'
import { loadConfig } from '../src/config'
import { createLogger } from '../src/log'
import { DEFAULT_SETTINGS } from '../src/settings'
import { reviewFigures } from '../src/review/figures'
import { itemStatus } from '../src/domain/item-status'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
{
  const db = new Database(dbPath)
  // 周山村 gets a clinic renovation that starts in July: until then its 卫生室 follows its own reports.
  db.prepare(`INSERT INTO tasks (code, list, category, title, village_code, township_code, unit, target, measure, start_date, due_date)
              VALUES ('T007', '行业投入', '公共服务', '卫生室改造', 'V002', NULL, '县卫健局', 1, '处', '2018-07-01', '2018-09-30'),
                     ('T008', '乡镇主体', '公共服务', '便民服务中心建设', NULL, '511922204', '团结乡', 2, '个', '2018-03-01', '2018-08-31')`).run()
  db.close()
}
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat } = createChat(sim, bot)
const as = (openId: string) => ({ openId, chatType: 'group' as const, chatId: 'oc_zone1' })

const count = (sql: string) => {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).pluck().get() as number
  } finally {
    db.close()
  }
}
async function refused(text: string, openId: string): Promise<string> {
  const before = count(`SELECT COUNT(*) FROM records`)
  const answer = await chat(text, as(openId))
  expect(count(`SELECT COUNT(*) FROM records`), `${text} stored something: ${answer}`).toBe(before)
  return answer
}

describe('/乡 上报', () => {
  it('records a 三有 item, and /乡 进度 shows it with its source', async () => {
    const answer = await chat('/乡 上报 团结乡 中心校 完成 日期=昨天 已通过县级验收', as(PEOPLE.cadre))
    expect(answer).toMatch(/^已记录 #\d+：团结乡 · 中心校（乡"三有"）\n进度：已完成（100%）\n走访日期：2018-06-14\n备注：已通过县级验收\n发送 \/乡 进度 团结乡 查看乡"三有"。$/)
    expect(count(`SELECT COUNT(*) FROM records rc JOIN reports r ON r.record_id = rc.id WHERE r.item = '中心校' AND rc.village_code IS NULL AND rc.township_code = '511922204'`)).toBe(1)
    expect(await chat('/乡 进度 团结乡', as(PEOPLE.cadre))).toContain('✅ 中心校　2018-06-14 上报「已完成」')
  })

  it('sends an item named by a started task to that task, in its unit', async () => {
    const answer = await chat('/乡 上报 团结乡 便民服务中心 1个', as(PEOPLE.cadre))
    expect(answer).toContain('团结乡 · T008 便民服务中心建设\n进度：1 个 / 目标 2 个（50%）')
    expect(await chat('/乡 进度 团结乡', as(PEOPLE.cadre))).toContain('❌ 便民服务中心　任务 T008 未完成')
    await chat('/乡 上报 团结乡 T008 2个', as(PEOPLE.cadre))
    expect(await chat('/乡 进度 团结乡', as(PEOPLE.cadre))).toContain('✅ 便民服务中心　任务 T008 已完成')
  })

  it('moves a township task, which the score counts', async () => {
    expect(await chat('/乡 上报 团结乡 T004 50% 设备已到', as(PEOPLE.inspector))).toContain('T004 乡卫生院规范化\n进度：50%')
    expect(await chat('/逾期 团结乡', as(PEOPLE.admin))).toContain('乡卫生院规范化　▓▓▓▓▓░░░░░ 50%')
  })

  it('feeds the monthly review\'s 乡"三有" figure', async () => {
    await chat('/乡 上报 团结乡 卫生院 完成', as(PEOPLE.cadre))   // → T004, which names 卫生院
    const db = openDatabase(dbPath)
    const deps = createDeps(db, loadConfig({ DATABASE_PATH: dbPath }, { lark: false }), DEFAULT_SETTINGS, createLogger('silent'))
    try {
      // 团结乡: 中心校 reported done, 卫生院 by T004 done, 便民服务中心 by T008 done → meets; 南江镇 has nothing.
      expect(reviewFigures(deps, { kind: 'zone', zoneId: 1 }, '2018-06', '2018-06-15').now.standards.townships).toEqual({ target: 2, met: 1 })
    } finally {
      db.close()
    }
  })

  it('refuses, storing nothing: another role, another place, a village, a bad figure', async () => {
    expect(await refused('/乡 上报 团结乡 中心校 完成', PEOPLE.team1)).toContain('只有乡镇干部（本乡镇）；督查、管理员可以用')
    expect(await refused('/乡 上报 团结乡 中心校 完成', PEOPLE.commander1)).toContain('只有乡镇干部（本乡镇）；督查、管理员可以用')
    expect(await refused('/乡 上报 红四乡 中心校 完成', PEOPLE.cadre)).toContain('不在您的查看范围内')
    expect(await refused('/乡 上报 团结乡 中心校 完成', PEOPLE.stranger)).toContain('/认证')
    expect(await refused('/乡 上报 红岩洞村@团结乡 中心校 完成', PEOPLE.admin)).toContain('不是乡镇：村里的进度请用 /村 上报')
    expect(await refused('/乡 上报 团结乡 修桥 50%', PEOPLE.cadre)).toContain('团结乡没有「修桥」这个事项')
    expect(await refused('/乡 上报 团结乡 卫生院 2公里', PEOPLE.cadre)).toContain('该任务没有目标数量')   // → T004, which has none
    expect(await refused('/乡 上报 团结乡 中心校 80', PEOPLE.cadre)).toContain('「中心校」请写 完成、未开工 或百分比')
  })

  it('answers a bare /乡 上报 with what the sender can report, stored nothing', async () => {
    for (const text of ['/乡 上报', '/乡 上报 团结乡']) {
      const guide = await refused(text, PEOPLE.cadre)
      expect(guide).toMatch(/^团结乡 可以上报：\n/)
      expect(guide).toContain('乡"三有"：中心校、卫生院、便民服务中心（写 完成、未开工 或百分比）')
      expect(guide).toContain('用法：/乡 上报 <乡镇> <事项> <进度>')
      expect(guide).toMatch(/例如：\/乡 上报 团结乡 \S+ \S+$/)
    }
    // A village team cannot report for the township: told so, and sent to /村 上报.
    const team = await refused('/乡 上报', PEOPLE.team1)
    expect(team).toContain('只有乡镇干部（本乡镇）；督查、管理员可以用。')
    expect(team).toContain('村里的进度请用 /村 上报')
    expect(await refused('/乡 上报', PEOPLE.inspector)).toContain('请写上乡镇名称。\n用法：/乡 上报')
  })
})

describe('a standard item and the tasks named after it', () => {
  const task = (o: Partial<{ started: boolean; done: boolean }>) => ({ code: 'T9', title: '卫生室改造', started: true, done: false, ...o })
  const report = { done: true, amount: null, input: '已完成', on: '2018-09-10', recordId: 41 }

  it('a task that has not started does not decide: the report does', () => {
    expect(itemStatus('卫生室', [task({ started: false })], report)).toEqual({ met: true, source: '2018-09-10 上报「已完成」', ref: '#41' })
  })
  it('a started task decides, whichever came first, the report or the task', () => {
    expect(itemStatus('卫生室', [task({})], report)).toMatchObject({ met: false, source: '任务 T9 未完成' })
    expect(itemStatus('卫生室', [task({ done: true })], { ...report, done: false, input: '50%' })).toMatchObject({ met: true, source: '任务 T9 已完成' })
  })
  it('集体经济 is met by an income above 0', () => {
    expect(itemStatus('集体经济', [], { ...report, done: false, amount: 32000, input: '3.2 万元' }).met).toBe(true)
    expect(itemStatus('集体经济', [], { ...report, done: false, amount: 0, input: '0 元' }).met).toBe(false)
    expect(itemStatus('集体经济', [], undefined)).toEqual({ met: null, source: '尚无上报', ref: null })
  })

  it('end to end: a clinic reported done stays met while its renovation has not started', async () => {
    const answer = await chat('/村 上报 周山村 卫生室 完成', as(PEOPLE.admin))
    expect(answer).toContain('周山村 · 卫生室（一低五有）')   // not T007: it starts in July
    expect(await chat('/村 进度 周山村', as(PEOPLE.admin))).toContain('✅ 卫生室　2018-06-15 上报「已完成」')
  })
})
