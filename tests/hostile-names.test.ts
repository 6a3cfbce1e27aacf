import { readdirSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { openDemo } from '../src/demo-session'
import { createRouter } from '../src/router'
import { commands } from '../commands/index'
import { toLarkMessage } from '../src/reply'
import { runJob } from '../scheduler/run-job'
import { JOBS } from '../scheduler/jobs'
import { tempDir } from './helpers/temp'
import { markdownOf } from './helpers/hostile-county'

/**
 * Names come from imports and people. A village, township, zone, household head, task or owner named with
 * card markdown must show as that text in every card — never a live link, bold, or an @-mention of the
 * whole chat — in replies and in scheduled messages alike.
 */
const H = '**注入**[点我](http://evil.example)<at id=all></at>'
// A township's name is typed back in /排名 (at most 30 characters), so its hostile name is shorter.
const TH = '**乡**[点](http://e.cn)'
const LIVE = ['**注入**', '**乡**', '[点我](', '[点](', '<at id=all>', '](http']

/** Every card builder, and the command (or job) that makes it; a new builder fails the test until listed. */
const EXERCISED: Record<string, string> = {
  villageCard: '/村 进度',
  householdCard: '/户 核查 <户>',
  sixiaoHouseholdCard: '/户 四小 <户>',
  sixiaoLedgerCard: '/村 四小',
  taskListCard: '/任务',
  areaCard: '/战区 进度',
  townshipCard: '/乡 进度',
  zoneRankingCard: '/排名 <月>',
  countyRankingCard: 'ranking job',
  townshipScoreCard: '/排名 <季度> <乡镇>',
  scorePartCard: '/排名 <月> <乡镇> 任务',
  digestCard: 'overdue job',
  directReminderCard: 'overdue job',
  reportFormCard: '/村 上报',
  villagePickCard: '/村 上报 (an admin)',
  reviewCard: 'monthly-review job',
  spotDrawCard: '/抽查 <村>',
  spotResultCard: '/抽查 结果 <编号>',
  spotSummaryCard: '/抽查 结果',
  spotRecordsCard: '/抽查 记录',
}

const cardsDir = new URL('../src/lark/cards/', import.meta.url)
const modules = await Promise.all(readdirSync(cardsDir).filter((f) => f.endsWith('.ts')).map((f) => import(new URL(f, cardsDir).href) as Promise<Record<string, unknown>>))
const builders = Object.values(modules).flatMap((m) => Object.entries(m).filter(([name, f]) => typeof f === 'function' && /Card$/.test(name)).map(([name]) => name))


const s = await openDemo({ dbPath: `${tempDir()}/hostile.db`, env: {}, port: 0 })
afterAll(() => s.close())
const db = s.db
const me = db.prepare(`SELECT village_code AS village, township_code AS township FROM members WHERE open_id = 'ou_demo_secretary'`).get() as { village: string; township: string }
const zoneId = db.prepare(`SELECT zone_id FROM townships WHERE code = ?`).pluck().get(me.township) as number
db.transaction(() => {
  db.prepare(`UPDATE villages SET name = ? WHERE code = ?`).run(`${H}村`, me.village)
  db.prepare(`UPDATE townships SET name = ? WHERE code = ?`).run(TH, me.township)
  db.prepare(`UPDATE zones SET name = ? WHERE id = ?`).run(`${H}战区`, zoneId)
  db.prepare(`UPDATE households SET head_name = ? WHERE village_code = ?`).run(`${H}户主`, me.village)
  db.prepare(`UPDATE tasks SET title = ? || title WHERE village_code = ? OR township_code = ?`).run(H, me.village, me.township)
  db.prepare(`UPDATE members SET name = ? WHERE village_code = ? AND open_id <> 'ou_demo_secretary'`).run(`${H}队员`, me.village)
})()
const household = db.prepare(`SELECT code FROM households WHERE village_code = ? ORDER BY code LIMIT 1`).pluck().get(me.village) as string

const cards: { source: string; card: unknown }[] = []
function collect(source: string, contents: { msgType: string; content: string }[]) {
  for (const c of contents) if (c.msgType === 'interactive') cards.push({ source, card: JSON.parse(c.content) })
}
// The production router, as the bot runs it, in the zone's group chat.
const router = createRouter(commands, s.deps)
let n = 0
async function say(text: string, who = 'ou_demo_secretary', now = new Date()) {
  const result = router.route({
    text, me: s.deps.identity.identify(who), chat: { id: 'oc_hostile', type: 'group', binding: { zoneId } },
    messageId: `om_hostile_${++n}`, now,
  })
  expect(result.outcome, `${text}: ${result.replies.map((r) => r.text).join('\n')}`).toBe('ok')
  collect(text, result.replies.map(toLarkMessage).map((m) => ({ msgType: m.msgType, content: m.content })))
}
async function job(name: string, period: string, now: Date) {
  const j = JOBS.find((x) => x.name === name)!
  const outcome = await runJob(s.deps, j, { period, now, dryRun: name !== 'ranking', trigger: 'admin' })
  collect(`${name} job`, outcome.messages)
}

describe('hostile names in every card', () => {
  it('every card builder is exercised here', () => {
    expect(builders.sort()).toEqual(Object.keys(EXERCISED).sort())
  })

  it('show as text: no live link, bold or @all from a name, in replies and scheduled messages', async () => {
    const today = new Date()
    await say('/村 进度')
    await say(`/户 核查 ${household}`)
    await say(`/户 四小 ${household}`)
    await say('/村 四小')
    await say('/村 上报')
    await say('/村 上报', 'ou_demo_admin')
    await say('/任务')
    await say('/逾期 全部')
    await say('/乡 进度')
    await say('/战区 进度')
    await job('ranking', '2026-07', new Date('2026-08-01T01:00:00Z'))
    await job('ranking', '2026-08', new Date('2026-09-01T01:00:00Z'))
    await job('ranking', '2026-Q2', new Date('2026-07-01T01:00:00Z'))   // a quarter none of whose months was frozen with the old names
    await say('/排名 2026-07')
    await say(`/排名 2026-Q2 ${TH}`)
    await say(`/排名 2026-07 ${TH} 任务`)
    await say(`/排名 2026-07 ${TH} 村`)
    await job('overdue', JOBS.find((j) => j.name === 'overdue')!.defaultPeriod(today.toISOString().slice(0, 10)), today)
    await job('monthly-review', '2026-11', new Date('2026-11-25T01:00:00Z'))
    // A spot check of the village, a disagreement left open 8 days: the draw, its results, the digest.
    await say(`/抽查 ${me.village} 户数=全部`, 'ou_demo_admin')
    await say(`/复核 ${household} 住房=否 收入=1`, 'ou_demo_admin')
    await say('/抽查 记录', 'ou_demo_admin')
    await say('/抽查 结果 1', 'ou_demo_admin')
    await say('/抽查 结果', 'ou_demo_admin')
    const week = new Date(today.getTime() + 8 * 86_400_000)
    await job('overdue', week.toISOString().slice(0, 10), week)
    expect(cards.some(({ card }) => markdownOf(card).join('\n').includes('抽查复核的不一致超过 7 天未跟进'))).toBe(true)
    expect(cards.filter(({ card }) => (card as any).header.title.content.startsWith('您负责的任务')).length).toBeGreaterThan(0)
    expect(cards.filter(({ card }) => (card as any).header.title.content === '上报 · 选择村')).toHaveLength(1)
    expect(cards.length).toBeGreaterThan(15)
    const leaks = cards.flatMap(({ source, card }) => markdownOf(card).filter((md) => LIVE.some((l) => md.includes(l))).map((md) => `${source}: ${md.slice(0, 160)}`))
    expect(leaks).toEqual([])
    // and the names are there, shown: the escape keeps them readable once rendered
    const shown = cards.map(({ card }) => markdownOf(card).join('\n')).join('\n')
    expect(shown).toContain('&#42;&#42;注入&#42;&#42;&#91;点我&#93;&#40;http&#58;//evil.example&#41;&#60;at id=all&#62;&#60;/at&#62;')
  })
})
