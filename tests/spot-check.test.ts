import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { seedSpotFixture, TUANJIE_EXITED } from './helpers/spot-fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { cardSchema } from '../src/lark/cards/schema'
import { plainText } from '../src/lark/cards/kit'
import { drawSample } from '../src/domain/sample'
import { createRng } from '../src/domain/prng'

const sim = await startSim()
const dir = tempDir()
const dbPath = tempDbPath(dir)
const { configPath } = seedSpotFixture(dbPath, dir)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW, env: { CONFIG_PATH: configPath }, random: createRng(42).next })
const { chat, send, replyTo } = createChat(sim, bot)
const db = bot.bot.db
const as = (openId: string, chatType: 'group' | 'p2p' = 'group') => ({ openId, chatType, chatId: chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_zone1' })
const count = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().get(...params) as number
const lastDraw = () => count(`SELECT MAX(id) FROM spot_draws`)

/** The draw's card as posted, and the 复核 forms' callback values on it. */
async function drawCard(text: string, who: string, chatType: 'group' | 'p2p' = 'group') {
  const { messageId } = await send(text, as(who, chatType))
  const reply = await replyTo(messageId)
  const values = JSON.stringify(reply.content).match(/"value":\{"action":"reverify","ref":"[^"]+"\}/g) ?? []
  return { reply, text: readable(reply), refs: values.map((v) => JSON.parse(`{${v}}`).value as { action: string; ref: string }) }
}

async function submit(openId: string, value: unknown, form: Record<string, unknown>, chatId = 'oc_zone1') {
  const res = await sim.postEvent(`${bot.url}/webhook/event`, sim.cardActionEvent({ openId, chatId, messageId: 'om_draw_card', value, formValue: form }))
  expect(res.status).toBe(200)
  return res.body as { toast: { type: string; content: string }; card?: { data: unknown } }
}

describe('/抽查 <范围>: a recorded random draw', () => {
  it('draws 5 per village of 当年脱贫 and 已脱贫 households, stores it with its seed, and the seed reproduces the list', async () => {
    const { reply, text, refs } = await drawCard('/抽查 团结乡', PEOPLE.inspector)
    expect(cardSchema.safeParse(reply.content).success).toBe(true)
    const id = lastDraw()
    const draw = db.prepare(`SELECT * FROM spot_draws WHERE id = ?`).get(id) as Record<string, unknown>
    // Two villages with exited households (V001, V002) → 5 × 2 = 10 of the 16.
    expect(draw).toMatchObject({ scope_kind: 'township', township_code: '511922204', statuses: '当年脱贫,已脱贫', population: 16, size: 10, drawer_open_id: PEOPLE.inspector })
    const list = db.prepare(`SELECT household_code FROM spot_draw_households WHERE draw_id = ? ORDER BY position`).pluck().all(id) as string[]
    expect(list).toEqual(drawSample(TUANJIE_EXITED, 10, draw.seed as number))
    expect(text).toContain(`抽查 #${id}`)
    expect(text).toContain(`从 16 户中随机抽取 10 户（随机种子 ${draw.seed}）`)
    // A page of households, each with its own 复核 form; callback values are opaque references.
    expect(refs).toHaveLength(6)
    for (const r of refs) expect(r.ref).toMatch(/^s1\.\d+\.[A-Za-z0-9_-]+$/)
    expect(text).toContain(`下一页：/抽查 名单 ${id} 第 2 页`)
    expect(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'spot.draw' AND target = ?`, `draw:${id}`)).toBe(1)
  })

  it('masks heads’ names in a group chat and shows them in a direct chat; shows what the team said before the draw', async () => {
    await chat('/户 核查 H001 收入=3800 住房=是 饮水=是 用电=是 广电=是 教育=是 医疗=是', as(PEOPLE.team1))
    const group = await drawCard('/抽查 团结乡红岩洞村 对象=当年脱贫 户数=全部', PEOPLE.inspector)
    expect(group.text).toContain('何**')
    expect(group.text).not.toContain('何桂英')
    expect(group.text).toContain('工作队 2018-06-15 核查：达标')
    expect(group.text).toContain('抽查前工作队未核查')
    const direct = await drawCard(`/抽查 名单 ${lastDraw()}`, PEOPLE.inspector, 'p2p')
    expect(direct.text).toContain('何桂英')
  })

  it('a second draw is a new, numbered draw; /抽查 记录 lists every one', async () => {
    const before = lastDraw()
    await chat('/抽查 团结乡', as(PEOPLE.commander1))
    expect(lastDraw()).toBe(before + 1)
    const list = await chat('/抽查 记录', as(PEOPLE.admin, 'p2p'))
    for (let id = 1; id <= before + 1; id++) expect(list).toContain(`#${id}　2018-06-15 12:00`)
    expect(list).toContain('张指挥　团结乡（当年脱贫、已脱贫）抽 10/16 户，已复核 0 户')
  })

  it('the database refuses to change or delete a draw, or to add to its list', () => {
    const id = lastDraw()
    const refused = [
      `UPDATE spot_draws SET seed = 1 WHERE id = ${id}`,
      `DELETE FROM spot_draws WHERE id = ${id}`,
      `UPDATE spot_draw_households SET household_code = 'H002' WHERE draw_id = ${id}`,
      `DELETE FROM spot_draw_households WHERE draw_id = ${id}`,
      `INSERT INTO spot_draw_households (draw_id, position, household_code, village_code, township_code) VALUES (${id}, 11, 'H002', 'V001', '511922204')`,
    ]
    for (const sql of refused) expect(() => db.prepare(sql).run(), sql).toThrow(/permanent/)
    expect(count(`SELECT COUNT(*) FROM spot_draw_households WHERE draw_id = ?`, id)).toBe(10)
  })

  it('refuses another zone, the wrong role, the county, and sizes or targets it cannot draw — storing nothing', async () => {
    const before = lastDraw()
    const cases: [string, string, string][] = [
      ['/抽查 团结乡', PEOPLE.commander2, '「团结乡」不在您的抽查范围内'],
      ['/抽查 团结乡', PEOPLE.team1, '您的角色（队长）不能用这个命令'],
      ['/抽查 团结乡', PEOPLE.cadre, '您的角色（乡镇干部）不能用这个命令'],
      ['/抽查 团结乡', PEOPLE.stranger, '/认证'],
      ['/抽查 全县', PEOPLE.inspector, '不能写全县'],
      ['/抽查', PEOPLE.inspector, '用法：/抽查 <战区 或 乡镇 或 村>'],
      ['/抽查 团结乡 户数=0', PEOPLE.inspector, '请写 1 到 50 之间的整数'],
      ['/抽查 团结乡 户数=51', PEOPLE.inspector, '一次最多抽 50 户'],
      ['/抽查 团结乡 户数=很多', PEOPLE.inspector, '户数=「很多」不行'],
      ['/抽查 团结乡 户数=2.5', PEOPLE.inspector, '户数=「2.5」不行'],
      ['/抽查 团结乡 户数=20', PEOPLE.inspector, '只有 16 户，不够抽 20 户：请写 户数=16 或更少'],
      ['/抽查 团结乡 对象=贫困户', PEOPLE.inspector, '对象=「贫困户」看不懂'],
      ['/抽查 团结乡 人数=5', PEOPLE.inspector, '不认识的项目：人数'],
      ['/抽查 团结乡 南江镇', PEOPLE.inspector, '参数太多了'],
      ['/抽查 惠民村 对象=已脱贫', PEOPLE.inspector, '没有已脱贫户可抽'],
      ['/抽查 不存在乡', PEOPLE.inspector, '没有找到「不存在乡」'],
    ]
    for (const [input, who, expected] of cases) expect(await chat(input, as(who)), input).toContain(expected)
    expect(lastDraw()).toBe(before)
    // A full-width 户数 and a size in words are read as typed.
    expect(await chat('/抽查 团结乡 户数＝十', as(PEOPLE.inspector))).toContain('随机抽取 10 户')
  })
})

describe('/复核: who may re-verify', () => {
  it('never the household’s own team; the drawer, 督查 and admins; another village’s member once assigned', async () => {
    await chat('/抽查 团结乡红岩洞村 户数=全部', as(PEOPLE.commander1))
    const id = lastDraw()
    const records = () => count(`SELECT COUNT(*) FROM records WHERE kind = 'reverify'`)
    const before = records()
    expect(await chat(`/复核 H101 住房=是`, as(PEOPLE.team1))).toContain('您是红岩洞村工作队的成员，不能复核本村的户')
    expect(await chat(`/复核 H101 住房=是`, as(PEOPLE.team3))).toContain(`您不能复核抽查 #${id} 的户`)
    expect(await chat(`/复核 H101 住房=是`, as(PEOPLE.commander2))).toContain('您不能复核')
    expect(await chat(`/复核 H101 住房=是`, as(PEOPLE.cadre))).toContain('您不能复核')
    expect(await chat(`/复核 H002 住房=是`, as(PEOPLE.inspector))).toContain('户 H002 没有被抽中')
    expect(await chat(`/复核 H101 住房=也许`, as(PEOPLE.inspector))).toContain('住房=「也许」看不懂')
    expect(await chat(`/复核 H101`, as(PEOPLE.inspector))).toContain('请写复核的结果')
    expect(await chat(`/复核 H101 住房=是 抽查=999`, as(PEOPLE.inspector))).toContain('不在抽查 #999 的名单中')
    expect(records()).toBe(before)
    // Assigning the village's own team is refused: every household of this draw is theirs.
    expect(await chat(`/抽查 指派 ${id} 何伟`, as(PEOPLE.commander1))).toContain('都在红岩洞村，何伟是该村工作队的，不能复核本村的户')
    expect(await chat(`/抽查 指派 ${id} 督查丙`, as(PEOPLE.commander1))).toContain('指派只用于其他村的工作队员')
    expect(await chat(`/抽查 指派 ${id} 钱队员`, as(PEOPLE.commander2))).toContain(`抽查 #${id}（团结乡红岩洞村）不在您的范围内`)
    expect(await chat(`/抽查 指派 ${id} 钱队员`, as(PEOPLE.commander1))).toContain(`已指派 钱队员（惠民村队员）复核抽查 #${id}`)
    expect(await chat(`/抽查 指派 ${id} 钱队员`, as(PEOPLE.commander1))).toContain('无需重复指派')
    // Now each of them may: the assigned member, the drawer, an inspector, an admin.
    for (const [who, code] of [[PEOPLE.team3, 'H101'], [PEOPLE.commander1, 'H102'], [PEOPLE.inspector, 'H103'], [PEOPLE.admin, 'H104']] as const) {
      expect(await chat(`/复核 ${code} 住房=是`, as(who)), who).toMatch(new RegExp(`^已记录 #\\d+：复核 红岩洞村 ${code}（黄\\*\\*）· 抽查 #${id}`))
    }
    expect(records()).toBe(before + 4)
    // The same 复核 sent twice within minutes is stored once.
    expect(await chat('/复核 H104 住房=是', as(PEOPLE.admin))).toContain('相同，未重复记录')
    expect(records()).toBe(before + 4)
  })
})

describe('the 复核 form on the draw’s card, in a group chat', () => {
  it('stores a submitted form and refreshes the card, names still masked', async () => {
    const { refs } = await drawCard('/抽查 团结乡红岩洞村 对象=当年脱贫 户数=全部', PEOPLE.inspector)
    const id = lastDraw()
    const position = count(`SELECT position FROM spot_draw_households WHERE draw_id = ? AND household_code = 'H001'`, id)
    const ref = refs[position - 1]!
    const body = await submit(PEOPLE.inspector, ref, { income: '3000', item_0: '否', item_1: '是', date: '2018-06-14 +0800', note: '屋顶漏雨' })
    expect(body.toast).toMatchObject({ type: 'warning', content: expect.stringMatching(/^已记录 #\d+：与工作队不一致：收入、住房$/) })
    expect(cardSchema.safeParse(body.card!.data).success).toBe(true)
    const card = plainText(body.card!.data)
    expect(card).toContain('何**')
    expect(card).not.toContain('何桂英')
    expect(card).toMatch(/已复核 #\d+：❌ 不一致 2 项（收入、住房）/)
    const stored = db.prepare(`SELECT x.income, x.housing, x.water, x.power, rc.visited_on AS visitedOn, rc.note FROM reverifications x
      JOIN records rc ON rc.id = x.record_id WHERE x.draw_id = ? AND x.household_code = 'H001'`).get(id)
    expect(stored).toEqual({ income: 3000, housing: 0, water: 1, power: null, visitedOn: '2018-06-14', note: '屋顶漏雨' })
  })

  it('refuses forged or stale references, bad values and the household’s own team, with an error toast', async () => {
    const id = lastDraw()
    const before = count(`SELECT COUNT(*) FROM reverifications`)
    const { refs } = await drawCard(`/抽查 名单 ${id}`, PEOPLE.inspector)
    const cases: [string, unknown, Record<string, unknown>, string][] = [
      [PEOPLE.team1, refs[0], { item_0: '是' }, '不能复核本村的户'],
      [PEOPLE.inspector, { action: 'reverify', ref: 's1.9999.SDAwMQ' }, { item_0: '是' }, '不在抽查名单中'],
      [PEOPLE.inspector, { action: 'reverify', household: 'H001' }, { item_0: '是' }, '不在抽查名单中'],
      [PEOPLE.inspector, refs[0], { item_0: 'DROP TABLE' }, '住房 的值无效'],
      [PEOPLE.inspector, refs[0], { income: ['4000'] }, '「收入」的值无效'],
      [PEOPLE.inspector, refs[0], {}, '至少填写一项'],
      [PEOPLE.stranger, refs[0], { item_0: '是' }, '请先认证'],
    ]
    for (const [who, value, form, expected] of cases) {
      const body = await submit(who, value, form)
      expect(body.toast.type, expected).toBe('error')
      expect(body.toast.content).toContain(expected)
    }
    expect(count(`SELECT COUNT(*) FROM reverifications`)).toBe(before)
  })
})
