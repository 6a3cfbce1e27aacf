import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import { plainText } from '../src/lark/cards/kit'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
{
  // A 返贫 household in 红岩洞村 (团结乡), besides the fixture's five.
  const db = new Database(dbPath)
  db.exec(`INSERT INTO households (code, village_code, head_name, size, status) VALUES ('H006', 'V001', '孙返贫', 3, '返贫')`)
  db.close()
}
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo } = createChat(sim, bot)
const webhook = `${bot.url}/webhook/event`
const as = (openId: string, chatType: 'group' | 'p2p' = 'group') => ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_zone1' })
const idOf = (reply: string) => Number(/已记录 #(\d+)/.exec(reply)?.[1])

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).all(...params) as T[]
  } finally {
    db.close()
  }
}
const projectCount = () => query<{ n: number }>(`SELECT COUNT(*) AS n FROM sixiao_projects`)[0]!.n

async function submitForm(openId: string, chatId: string, household: string, form: Record<string, unknown>) {
  const res = await sim.postEvent(webhook, sim.cardActionEvent({
    openId, chatId, messageId: 'om_sixiao_card', value: { action: 'sixiao-add', household }, formValue: form,
  }))
  expect(res.status).toBe(200)
  return res.body
}

describe('/户 四小 — the rate follows the status', () => {
  it('当年脱贫: 1000 元/人, with the record number and the rule, the name masked in a group', async () => {
    const answer = await chat('/户 四小 何桂英@团结乡红岩洞村 养殖 南江黄羊 5只', as(PEOPLE.team1))
    expect(answer).toMatch(/^已记录 #\d+：红岩洞村 H001（何\*\*）"四小"项目 养殖·南江黄羊 5只（项目日期 2018-06-15）/)
    expect(answer).toContain('奖补：当年脱贫户 1000元/人 × 4人 = 4000 元')
    expect(answer).not.toContain('何桂英')
  })

  it('未脱贫: 600 元/人; the full name only in a direct chat', async () => {
    const answer = await chat('/户 四小 H002 种植 核桃 3亩 日期=2018-06-01', as(PEOPLE.team1, 'p2p'))
    expect(answer).toContain('H002（李明）')
    expect(answer).toContain('（项目日期 2018-06-01）')
    expect(answer).toContain('未脱贫户 600元/人 × 3人 = 1800 元')
  })

  it('返贫 counts as not yet exited: 600 元/人', async () => {
    expect(await chat('/户 四小 H006 加工 茶叶', as(PEOPLE.team1))).toContain('返贫户（按未脱贫户） 600元/人 × 3人 = 1800 元')
  })

  it('已脱贫: 400 元/人 (an inspector records for any village)', async () => {
    expect(await chat('/户 四小 H004 种植 金银花 2亩', as(PEOPLE.inspector))).toContain('已脱贫户 400元/人 × 5人 = 2000 元')
  })

  it('非贫困户: 0 元 for an ordinary project (with a hint), 1000 元/户 for a "四小" park (园区=是)', async () => {
    const plain = await chat('/户 四小 H005 经营 小卖部', as(PEOPLE.team1))
    expect(plain).toContain('0 元（非贫困户仅在建成"四小"产业园时给予奖补')
    expect(plain).toContain('园区=是')
    const park = await chat('/户 四小 H005 经营 茶叶加工园 园区=是', as(PEOPLE.admin))
    expect(park).toContain('（产业园）')
    expect(park).toContain('非贫困户 1000元/户（建成"四小"产业园） = 1000 元')
  })
})

describe('one subsidised project per household per year', () => {
  it('records a second project at 0 元 with the reason; withdrawing the paid one makes the next one paid', async () => {
    const first = await chat('/户 四小 H002 种植 茶叶 1亩', as(PEOPLE.team1))
    // H002's core project of 06-01 (above) was the first: this one is not paid
    expect(first).toMatch(/0 元（本年度已享受过奖补（#\d+）；规则：未脱贫户 600元\/人 × 3人）/)
    const paidId = Number(/本年度已享受过奖补（#(\d+)）/.exec(first)?.[1])
    const secondId = idOf(first)
    const withdrawn = await chat(`/撤销 ${paidId}`, as(PEOPLE.team1))
    expect(withdrawn).toContain(`已撤销 #${paidId}（四小项目`)
    expect(withdrawn).toContain(`本年度奖补改由 #${secondId}（种植·茶叶）享受：1800 元`)
    const ledger = await chat('/村 四小 团结乡红岩洞村', as(PEOPLE.team1, 'p2p'))
    expect(ledger).toMatch(new RegExp(`#${secondId} .*李明　1800 元`))
    expect(ledger).not.toContain(`#${paidId} `)
  })
})

describe('the form', () => {
  it('answers /户 四小 <户> with a card: the projects so far, the rule, a form with the four industries', async () => {
    const { messageId } = await send('/户 四小 H001', as(PEOPLE.team1))
    const reply = await replyTo(messageId)
    const parsed = cardSchema.safeParse(reply.content)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
    const json = JSON.stringify(reply.content)
    for (const s of ['南江黄羊', '核桃', '茶叶', '金银花', '"form_action_type":"submit"', '"action":"sixiao-add"']) expect(json).toContain(s)
    const shown = readable(reply)
    expect(shown).toContain('何**')
    expect(shown).not.toContain('何桂英')
    expect(shown).toContain('当年脱贫户 1000元/人 × 4人 = 4000 元')
    expect(shown).toContain('按当前状态：当年脱贫户 1000元/人 × 4人 = 4000 元')
  })

  it('shows readers the card without the form, and offers the park choice only to non-poor households', async () => {
    const { messageId } = await send('/户 四小 H001', as(PEOPLE.commander1))
    const reply = await replyTo(messageId)
    expect(JSON.stringify(reply.content)).not.toContain('form_action_type')
    const nonPoor = await replyTo((await send('/户 四小 H005', as(PEOPLE.team1))).messageId)
    expect(JSON.stringify(nonPoor.content)).toContain('"name":"park"')
  })

  it('stores a submit (kind taken from the suggestion), answers with a toast and the refreshed, masked card', async () => {
    const before = projectCount()
    const body = await submitForm(PEOPLE.team1, 'oc_zone1', 'H006', { suggestion: '南江黄羊', scale: '3只', date: '2018-06-10 +0800' })
    expect(body.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/^已记录 #\d+，奖补 0 元（本年度已享受过奖补/) })
    expect(cardSchema.safeParse(body.card.data).success).toBe(true)
    const card = plainText(body.card.data)
    expect(card).toContain('养殖·南江黄羊 3只')
    expect(card).toContain('孙**')
    expect(card).not.toContain('孙返贫')
    expect(projectCount()).toBe(before + 1)
    // in a direct chat the refreshed card shows the full name
    const direct = await submitForm(PEOPLE.team1, `oc_p2p_${PEOPLE.team1}`, 'H002', { kind: '经营', content: '茶叶小卖部', date: '2018-06-14 +0800' })
    expect(plainText(direct.card.data)).toContain('李明')
    const park = await submitForm(PEOPLE.team1, 'oc_zone1', 'H005', { kind: '加工', content: '核桃加工园', park: '是' })
    expect(park.toast.content).toMatch(/^已记录 #\d+，奖补 0 元（本年度已享受过奖补/)   // the park of the commands above was first
  })

  it('refuses bad submits and forged households with an error toast, storing nothing', async () => {
    const before = projectCount()
    const bad: [string, string, Record<string, unknown>, string][] = [
      [PEOPLE.team1, 'H002', {}, '请选择项目类别'],
      [PEOPLE.team1, 'H002', { kind: '放牧', content: '羊' }, '项目类别「放牧」不对'],
      [PEOPLE.team1, 'H002', { kind: '种植' }, '请填写项目内容'],
      [PEOPLE.team1, 'H002', { kind: '种植', content: 'x'.repeat(10_000) }, '太长了'],
      [PEOPLE.team1, 'H002', { kind: '种植', content: '<at user_id="all"></at>' }, '不支持的符号'],
      [PEOPLE.team1, 'H002', { kind: '种植', content: '核桃', date: '2018-07-01 +0800' }, '还没到'],
      [PEOPLE.team1, 'H002', { kind: '种植', content: { evil: true } }, '「内容」的值无效'],
      [PEOPLE.team1, 'H003', { kind: '种植', content: '核桃' }, '您不能为「惠民村」上报'],
      [PEOPLE.commander1, 'H002', { kind: '种植', content: '核桃' }, '您不能为「红岩洞村」上报'],
      [PEOPLE.stranger, 'H002', { kind: '种植', content: '核桃' }, '请先认证'],
    ]
    for (const [who, household, form, expected] of bad) {
      const body = await submitForm(who, 'oc_zone1', household, form)
      expect(body.toast.type, JSON.stringify(form).slice(0, 60)).toBe('error')
      expect(body.toast.content).toContain(expected)
    }
    expect(projectCount()).toBe(before)
  })
})

describe('bad input and refusals store nothing', () => {
  it('explains what was wrong', async () => {
    const before = projectCount()
    const cases: [string, string, string][] = [
      ['/户 四小', PEOPLE.team1, '用法：/户 四小 <户> <种植|养殖|加工|经营> <内容> [规模]'],
      ['/户 四小 H002 放牧 黄羊', PEOPLE.team1, '项目类别「放牧」不对，应为 种植/养殖/加工/经营 之一'],
      ['/户 四小 H002 养殖', PEOPLE.team1, '请写项目内容'],
      ['/户 四小 H002 日期=2018-06-01', PEOPLE.team1, '请写项目类别'],
      ['/户 四小 H002 养殖 黄羊 日期=2018-07-01', PEOPLE.team1, '还没到'],
      ['/户 四小 H002 养殖 黄羊 日期=2018-02-30', PEOPLE.team1, '不存在'],
      ['/户 四小 H002 养殖 黄羊 体重=80', PEOPLE.team1, '不认识的项目：体重'],
      ['/户 四小 H002 养殖 黄羊 园区=也许', PEOPLE.team1, '园区=「也许」看不懂'],
      [`/户 四小 H002 养殖 ${'羊'.repeat(10_000)}`, PEOPLE.team1, '太长了'],
      ['/户 四小 H002 养殖 <at user_id="all"></at>', PEOPLE.team1, '不认识的项目：user_id'],
      ['/户 四小 H002 养殖 <b>黄羊</b>', PEOPLE.team1, '不支持的符号'],
      ['/户 四小 H002 养殖 黄羊 [点我](http://x.y)', PEOPLE.team1, '不支持的符号'],
      ["/户 四小 H002 养殖 x';DROP TABLE records;--", PEOPLE.team1, '不支持的符号'],
      ['/户 四小 H002 养殖 **粗体**', PEOPLE.team1, '不支持的符号'],
      ['/户 四小 H999 养殖 黄羊', PEOPLE.admin, '没有找到户'],
      ['/户 四小 何桂英 养殖 黄羊', PEOPLE.admin, '有 2 户户主同名'],
      ['/户 四小 H003 养殖 黄羊', PEOPLE.team1, '您不能为「惠民村」上报'],
      ['/户 四小 H002 养殖 黄羊', PEOPLE.commander1, '您不能为「红岩洞村」上报'],
      ['/户 四小 H002 养殖 黄羊', PEOPLE.cadre, '您不能为「红岩洞村」上报'],
      ['/户 四小 H002 养殖 黄羊', PEOPLE.stranger, '/认证'],
      ['/户 四小 H003', PEOPLE.team1, '不在您的查看范围内'],
    ]
    for (const [input, who, expected] of cases) expect(await chat(input, as(who)), input.slice(0, 40)).toContain(expected)
    expect(projectCount()).toBe(before)
    expect(query(`SELECT 1 FROM sqlite_master WHERE name = 'records'`)).toHaveLength(1)
  })

  it('accepts full-width input from a Chinese IME', async () => {
    const answer = await chat('／户　四小　Ｈ００２　养殖　南江黄羊　５只　日期＝２０１８－０６－１２', as(PEOPLE.team1))
    expect(answer).toContain('养殖·南江黄羊 5只（项目日期 2018-06-12）')
  })
})

describe('/村 四小', () => {
  it('shows the ledger: households with and without a project by status, projects by kind, the total', async () => {
    const { messageId } = await send('/村 四小 团结乡红岩洞村', as(PEOPLE.cadre))
    const reply = await replyTo(messageId)
    expect(cardSchema.safeParse(reply.content).success).toBe(true)
    const shown = readable(reply)
    // H001 4000 + H002 1800 (the second project, after the withdrawal) + H006 1800 + H005 park 1000
    expect(shown).toContain('团结乡红岩洞村 · "四小"项目 2018 年')
    expect(shown).toMatch(/有项目的户\D{0,2}4\/4（100%）/)
    expect(shown).toMatch(/奖补合计\D{0,2}8600 元/)
    expect(shown).toContain('当年脱贫：1 户，有项目 1 户，无项目 0 户，奖补 4000 元')
    expect(shown).toContain('非贫困户：1 户，有项目 1 户，无项目 0 户，奖补 1000 元')
    expect(shown).toContain('何**')
    expect(shown).not.toContain('何桂英')
  })

  it('defaults to the sender\'s village and takes 年度=; refuses other remits and bad years', async () => {
    expect(await chat('/村 四小', as(PEOPLE.team1))).toContain('团结乡红岩洞村 · "四小"项目 2018 年')
    const past = await chat('/村 四小 团结乡红岩洞村 年度=2017', as(PEOPLE.team1))
    expect(past).toMatch(/有项目的户\D{0,2}0\/4（0%）/)
    expect(past).toContain('尚无项目的户（4 户）')
    expect(await chat('/村 四小 团结乡红岩洞村 年度=2019', as(PEOPLE.team1))).toContain('应为 2014 到 2018 之间的年份')
    expect(await chat('/村 四小 团结乡红岩洞村', as(PEOPLE.team3))).toContain('不在您的查看范围内')
    expect(await chat('/村 四小 团结乡红岩洞村', as(PEOPLE.commander2))).toContain('不在您的查看范围内')
    expect(await chat('/村 四小 周山村', as(PEOPLE.leader))).toMatch(/奖补合计\D{0,2}2000 元/)
  })

  it('logs no names, ID numbers or phones', () => {
    const logs = bot.logs.join('\n')
    for (const secret of ['何桂英', '李明', '孙返贫', '511922196505120023', '13912340001']) expect(logs).not.toContain(secret)
  })
})
