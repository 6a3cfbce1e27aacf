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
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo } = createChat(sim, bot)
const webhook = `${bot.url}/webhook/event`
const as = (openId: string, chatType: 'group' | 'p2p' = 'group') => ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_zone1' })
const checksOf = (household: string) => {
  const db = new Database(dbPath, { readonly: true })
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM checks WHERE household_code = ?`).get(household) as { n: number }).n
  } finally {
    db.close()
  }
}

async function submitForm(openId: string, chatId: string, household: string, form: Record<string, unknown>) {
  const res = await sim.postEvent(webhook, sim.cardActionEvent({
    openId, chatId, messageId: 'om_card_msg', value: { action: 'household-check', household }, formValue: form,
  }))
  expect(res.status).toBe(200)
  return res.body
}

describe('/户 核查 <户> (query)', () => {
  it('masks the name and ID number in a group chat and shows the checklist and a form', async () => {
    const { messageId } = await send('/户 核查 何桂英@团结乡红岩洞村', as(PEOPLE.team1))
    const reply = await replyTo(messageId)
    const parsed = cardSchema.safeParse(reply.content)
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
    const shown = readable(reply)
    expect(shown).toContain('何**')
    expect(shown).not.toContain('何桂英')
    expect(shown).toContain('511922********0023')
    expect(shown).not.toContain('511922196505120023')
    expect(JSON.stringify(reply.content)).toContain('"form_action_type":"submit"')
    expect(readable(reply)).toContain('尚无核查记录')
  })

  it('shows the full name in a direct chat, the ID number still masked', async () => {
    const answer = await chat('/户 核查 H001', as(PEOPLE.team1, 'p2p'))
    expect(answer).toContain('何桂英')
    expect(answer).not.toContain('196505120023')
  })

  it('lists same-named heads by 户编号 only, and refuses other villages', async () => {
    const ambiguous = await chat('/户 核查 何桂英', as(PEOPLE.admin))
    expect(ambiguous).toContain('H001（红岩洞村）')
    expect(ambiguous).toContain('H003（惠民村）')
    expect(ambiguous).not.toContain('何桂英（')
    expect(await chat('/户 核查 H003', as(PEOPLE.team1))).toContain('不在您的查看范围内')
    expect(await chat('/户 核查 H999', as(PEOPLE.admin))).toContain('没有找到户')
  })
})

describe('/户 核查 <户> 项=值 (record)', () => {
  it('records a full check and says the household now meets 一超六有', async () => {
    const answer = await chat('/户 核查 H001 收入=3800 住房=是 饮水=√ 用电=有 广电=达标 教育=是 医疗=是', as(PEOPLE.team1))
    expect(answer).toMatch(/^已记录 #\d+：红岩洞村 H001（何\*\*）户核查\n本次核查：收入 3,800 元\/人·年；住房 是；饮水 是；用电 是；广电 是；教育 是；医疗 是\n走访日期：2018-06-15\n备注：（无）\n/)
    expect(answer).toContain('已达到"一超六有"')
  })

  it('says what is missing: an income equal to the line is not above it', async () => {
    const answer = await chat('/户 核查 H002 收入=2995 住房=否', as(PEOPLE.team1))
    expect(answer).toContain('尚未达到"一超六有"')
    // Failed items, with why, apart from items nobody has checked yet.
    expect(answer).toContain('不达标：收入 2,995 元 ≤ 标准 2,995 元；住房')
    expect(answer).toContain('未核查：饮水、用电、广电、教育、医疗')
    expect(answer).not.toMatch(/未核查：[^\n]*住房/)
  })

  it('rejects bad values, unknown keys and strangers, storing nothing', async () => {
    const before = checksOf('H002')
    const cases: [string, string, string][] = [
      ['/户 核查 H002 住房=也许', PEOPLE.team1, '住房=「也许」看不懂'],
      ['/户 核查 H002 收入=很多', PEOPLE.team1, '收入「很多」看不懂'],
      ['/户 核查 H002 体重=80', PEOPLE.team1, '不认识的项目：体重'],
      ['/户 核查 H002 住房=是 住房=否', PEOPLE.team1, '写了两次'],
      ['/户 核查 H002 日期=2018-07-01 住房=是', PEOPLE.team1, '不能晚于今天'],
      ['/户 核查 H002 住房=是', PEOPLE.commander1, '您不能为「红岩洞村」上报'],
      ['/户 核查 H002 住房=是', PEOPLE.stranger, '/认证'],
    ]
    for (const [input, who, expected] of cases) expect(await chat(input, as(who)), input).toContain(expected)
    expect(checksOf('H002')).toBe(before)
  })
})

describe('the check form on the household card', () => {
  it('stores a submitted form and answers with a toast and the refreshed card, masked for a group', async () => {
    const before = checksOf('H002')
    const body = await submitForm(PEOPLE.team1, 'oc_zone1', 'H002', { income: '5000', item_0: '是', item_1: '是', date: '2018-06-15 +0800' })
    expect(body.toast).toMatchObject({ type: 'success', content: expect.stringMatching(/^已记录 #\d+/) })
    expect(cardSchema.safeParse(body.card.data).success).toBe(true)
    const card = plainText(body.card.data)
    expect(card).toContain('李*')
    expect(card).not.toContain('李明')
    expect(card).toContain('5000 元/人·年（标准 2995）')
    expect(checksOf('H002')).toBe(before + 1)
  })

  it('refuses bad values and forged households with an error toast, storing nothing', async () => {
    const before = checksOf('H003')
    expect((await submitForm(PEOPLE.team1, 'oc_zone1', 'H002', { item_0: 'DROP TABLE' })).toast.type).toBe('error')
    expect((await submitForm(PEOPLE.team1, 'oc_zone1', 'H002', { income: '-5' })).toast.type).toBe('error')
    expect((await submitForm(PEOPLE.team1, 'oc_zone1', 'H002', {})).toast.content).toContain('至少填写一项')
    // Values that are not text (a forged or broken callback) get a clear refusal, never "处理出了问题".
    for (const form of [{ item_0: { a: 1 } }, { income: ['4000'] }, { item_0: '是', date: { y: 2018 } }, { income: null, item_1: 7 }]) {
      const body = await submitForm(PEOPLE.team1, 'oc_zone1', 'H002', form)
      expect(body.toast.type, JSON.stringify(form)).toBe('error')
      expect(body.toast.content, JSON.stringify(form)).not.toContain('出了问题')
    }
    // a value edited to point at another village's household
    expect((await submitForm(PEOPLE.team1, 'oc_zone1', 'H003', { item_0: '是' })).toast.content).toContain('您不能为「惠民村」上报')
    expect((await submitForm(PEOPLE.stranger, 'oc_zone1', 'H003', { item_0: '是' })).toast.type).toBe('error')
    expect(checksOf('H003')).toBe(before)
  })
})
