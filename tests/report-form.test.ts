import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import type { SimMessage } from './sim'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
const { chat, send, replyTo } = createChat(sim, bot)
const webhook = `${bot.url}/webhook/event`
const group = (openId: string) => ({ openId, chatType: 'group' as const, chatId: 'oc_zone1' })
const direct = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}` })

const reports = () => {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(`SELECT rc.id, rc.visited_on AS visitedOn, rc.note, rc.village_code AS village, r.task_code AS task, r.item, r.input, r.ratio
                       FROM records rc JOIN reports r ON r.record_id = rc.id ORDER BY rc.id`).all() as
      { id: number; visitedOn: string; note: string | null; village: string; task: string | null; item: string | null; input: string; ratio: number | null }[]
  } finally {
    db.close()
  }
}

/** Every element of a card, depth first. */
const elements = (card: any): any[] => {
  const out: any[] = []
  const walk = (el: any) => { out.push(el); for (const k of ['elements', 'columns']) (el[k] ?? []).forEach(walk) }
  card.body.elements.forEach(walk)
  return out
}
const select = (card: any, name: string) => elements(card).find((e) => e.tag === 'select_static' && e.name === name)
const optionRef = (card: any, label: RegExp) => select(card, 'target').options.find((o: any) => label.test(o.text.content)).value as string
const submitValue = (card: any) => elements(card).find((e) => e.tag === 'button' && e.form_action_type === 'submit').behaviors[0].value

async function formFor(text: string, where: { openId: string; chatType: 'group' | 'p2p'; chatId: string }): Promise<SimMessage> {
  const { messageId } = await send(text, where)
  const reply = await replyTo(messageId)
  expect(reply.msg_type).toBe('interactive')
  const parsed = cardSchema.safeParse(reply.content)
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)
  return reply
}

async function submit(openId: string, chatId: string, value: unknown, form: Record<string, unknown>) {
  const res = await sim.postEvent(webhook, sim.cardActionEvent({ openId, chatId, messageId: 'om_report_card', value, formValue: form }))
  expect(res.status).toBe(200)
  return res.body as { toast: { type: string; content: string }; card?: { data: any } }
}

describe('the report form (/村 上报 with no 事项)', () => {
  it('offers the village\'s open tasks and 一低五有 with their progress and unit, today\'s date, and only opaque values', async () => {
    const { content: card } = await formFor('/村 上报', group(PEOPLE.team1))
    expect(card.header.title.content).toBe('团结乡红岩洞村 · 上报')
    const labels = select(card, 'target').options.map((o: any) => o.text.content)
    expect(labels).toEqual([
      '卫生室建设（已完成 0%，逾期 15 天）', '通村道路硬化（已完成 0/15 公里）',
      '集体经济（一低五有：尚无上报）', '硬化路（一低五有：尚无上报）', '卫生室（一低五有：未达标）', '文化室（一低五有：尚无上报）', '通信网络（一低五有：尚无上报）',
    ])
    expect(elements(card).find((e) => e.tag === 'date_picker').initial_date).toBe('2018-06-15')
    // Nothing a group chat masks, and no code or name, is read back from the card.
    const values = JSON.stringify([select(card, 'target').options.map((o: any) => o.value), submitValue(card)])
    expect(values).not.toMatch(/红岩洞|T00\d|V00\d|卫生室|通村/)
    expect(readable(await formFor('/村 上报 团结乡红岩洞村', group(PEOPLE.team1)))).toBe(readable({ msg_type: 'interactive', content: card } as SimMessage))
  })

  it('stores a submit in a group chat exactly as the typed command would, and refreshes the card', async () => {
    const { content: card } = await formFor('/村 上报', group(PEOPLE.team1))
    const before = reports().length
    const answer = await submit(PEOPLE.team1, 'oc_zone1', submitValue(card), { target: optionRef(card, /^通村道路硬化/), progress: '３／15', date: '2018-06-14 +0800', note: '路基完成' })
    expect(answer.toast).toEqual({ type: 'success', content: expect.stringMatching(/^已记录 #\d+：T001 通村道路硬化 3\/15 公里（20%）$/) })
    const stored = reports().slice(before)
    expect(stored).toEqual([expect.objectContaining({ village: 'V001', task: 'T001', item: null, input: '3/15 公里', ratio: 0.2, visitedOn: '2018-06-14', note: '路基完成' })])
    const refreshed = answer.card!.data
    expect(cardSchema.safeParse(refreshed).success).toBe(true)
    expect(select(refreshed, 'target').options.map((o: any) => o.text.content)).toContain('通村道路硬化（已完成 3/15 公里）')
    expect(select(refreshed, 'target').initial_option).toBe(optionRef(card, /^通村道路硬化/))
    // The same report typed within ten minutes is the same record: one parsing, one write.
    expect(await chat('/村 上报 团结乡红岩洞村 T001 3/15 路基完成 日期=2018-06-14', group(PEOPLE.team1))).toContain(`与 #${stored[0]!.id} 相同，未重复记录`)
    expect(reports().length).toBe(before + 1)
  })

  it('reports a 一低五有 item from a direct chat', async () => {
    const { content: card } = await formFor('/村 上报', direct(PEOPLE.team1))
    const answer = await submit(PEOPLE.team1, `oc_p2p_${PEOPLE.team1}`, submitValue(card), { target: optionRef(card, /^集体经济/), progress: '3.2万元', date: '2018-06-15 +0800' })
    expect(answer.toast.type).toBe('success')
    expect(answer.toast.content).toMatch(/集体经济（一低五有）/)
    expect(reports().at(-1)).toEqual(expect.objectContaining({ item: '集体经济', task: null, input: '3.2 万元', note: null }))
    expect(select(answer.card!.data, 'target').options.map((o: any) => o.text.content)).toContain('集体经济（一低五有：已达标）')
  })

  it('refuses a bad value with an error toast and stores nothing', async () => {
    const { content: card } = await formFor('/村 上报', group(PEOPLE.team1))
    const value = submitValue(card)
    const road = optionRef(card, /^通村道路硬化/)
    const before = reports().length
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ target: road, progress: '12 15', date: '2018-06-15 +0800' }, /两个数/],
      [{ target: road, progress: '三成多', date: '2018-06-15 +0800' }, /./],
      [{ target: road, progress: '12户', date: '2018-06-15 +0800' }, /户/],
      [{ target: road, progress: '', date: '2018-06-15 +0800' }, /请填写进度/],
      [{ progress: '5/15', date: '2018-06-15 +0800' }, /请先选择要上报的事项/],
      [{ target: road, progress: '5/15', date: '2099-01-01 +0800' }, /不能晚于今天/],
      [{ target: road, progress: '5/15', date: '2018-06-15 +0800', note: '长'.repeat(201) }, /备注太长/],
      [{ target: road, progress: ['5/15'], date: '2018-06-15 +0800' }, /「进度」的值无效/],
      [{ target: 't1.VDAwMw', progress: '50%', date: '2018-06-15 +0800' }, /不是这个村的/],   // T003 is 惠民村's
      [{ target: 'T001', progress: '5/15', date: '2018-06-15 +0800' }, /请先选择要上报的事项/],
    ]
    for (const [form, expected] of cases) {
      const answer = await submit(PEOPLE.team1, 'oc_zone1', value, form)
      expect(answer.toast.type, JSON.stringify(form)).toBe('error')
      expect(answer.toast.content, JSON.stringify(form)).toMatch(expected)
      expect(answer.card).toBeUndefined()
    }
    expect(reports().length).toBe(before)
  })

  it('refuses those who may not report for the village, storing nothing', async () => {
    const { content: card } = await formFor('/村 上报', group(PEOPLE.team1))
    const form = { target: optionRef(card, /^通村道路硬化/), progress: '9/15', date: '2018-06-15 +0800' }
    const before = reports().length
    expect((await submit(PEOPLE.team3, 'oc_zone1', submitValue(card), form)).toast.content).toContain('您不能为「红岩洞村」上报')
    expect((await submit(PEOPLE.commander1, 'oc_zone1', submitValue(card), form)).toast.content).toContain('您不能为「红岩洞村」上报')
    expect((await submit(PEOPLE.stranger, 'oc_zone1', submitValue(card), form)).toast.content).toContain('/认证')
    expect((await submit(PEOPLE.team1, 'oc_zone1', { action: 'village-report', ref: 'v1.bm9wZQ' }, form)).toast.type).toBe('error')
    expect(reports().length).toBe(before)
    expect(await chat('/村 上报', group(PEOPLE.cadre))).toContain('只有工作队（本村）；督查、管理员可以用')
    expect(await chat('/村 上报', group(PEOPLE.commander1))).toContain('只有工作队（本村）；督查、管理员可以用')
  })

  it('lets an admin or inspector pick the village first', async () => {
    const { content: pick } = await formFor('/村 上报', direct(PEOPLE.inspector))
    expect(pick.header.title.content).toBe('上报 · 选择村')
    const villages = select(pick, 'village').options
    expect(villages.map((o: any) => o.text.content)).toEqual(['团结乡红岩洞村', '团结乡周山村', '南江镇红岩洞村', '红四乡惠民村'].sort((a, b) => villages.findIndex((o: any) => o.text.content === a) - villages.findIndex((o: any) => o.text.content === b)))
    expect(villages).toHaveLength(4)
    const huimin = villages.find((o: any) => o.text.content === '红四乡惠民村').value
    expect(huimin).not.toMatch(/惠民|V003/)
    const next = await submit(PEOPLE.inspector, `oc_p2p_${PEOPLE.inspector}`, submitValue(pick), { village: huimin })
    const form = next.card!.data
    expect(form.header.title.content).toBe('红四乡惠民村 · 上报')
    const answer = await submit(PEOPLE.inspector, `oc_p2p_${PEOPLE.inspector}`, submitValue(form), { target: optionRef(form, /^黄羊养殖合作社/), progress: '40/100', date: '2018-06-15 +0800' })
    expect(answer.toast.content).toMatch(/T003 黄羊养殖合作社 40\/100 只（40%）/)
    expect(reports().at(-1)).toEqual(expect.objectContaining({ village: 'V003', task: 'T003' }))
    // Choosing is no way round the remit: a team member's pick of another village is refused.
    expect((await submit(PEOPLE.team1, 'oc_zone1', submitValue(pick), { village: huimin })).toast.content).toContain('您不能为「惠民村」上报')
    expect((await submit(PEOPLE.inspector, 'oc_zone1', submitValue(pick), {})).toast.content).toContain('请先选择村')
    expect(readable(await formFor('/村 上报 惠民村', group(PEOPLE.admin)))).toContain('红四乡惠民村 · 上报')
  })
})
