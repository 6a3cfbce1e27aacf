import { describe, expect, it } from 'vitest'
import { commands } from '../commands/index'
import { rankingJob } from '../scheduler/ranking'
import { runJob } from '../scheduler/run-job'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { createHarness, EXTRA_PEOPLE, ID_NUMBERS, PHONES, seedReliabilityFixture, stateOf } from './helpers/reliability'
import { startBot, startSim } from './helpers/bot'
import { tempDbPath, tempDir } from './helpers/temp'

/**
 * docs/interface.md as a table: every command of commands/index.ts × every role of the fixture × own and
 * other village, township and zone — and the two card forms. An allowed case must answer with data (and
 * write, for a write); a refused one must say so, show nothing of the target and write nothing.
 */
const dbPath = tempDbPath(tempDir())
seedReliabilityFixture(dbPath)
const h = createHarness(dbPath)
const { deps } = h
deps.bindings.bind('oc_zone1', 1, 'test', 0)
deps.bindings.bind('oc_zone2', 2, 'test', 0)
deps.bindings.bind('oc_hq', null, 'test', 0)
await runJob(deps, rankingJob, { period: '2018-05', now: new Date('2018-06-01T01:00:00Z'), trigger: 'admin' })
// Spot check #1: every exited household of 团结乡, drawn by the admin after the team checked H001's 住房 (否).
await h.say('/户 核查 H001 住房=否', { openId: PEOPLE.team1 })
await h.say('/抽查 团结乡 户数=全部', { openId: PEOPLE.admin })

type Role = '管理员' | '县领导' | '指挥长' | '督查' | '乡镇干部' | '第一书记' | '队长' | '队员' | null
interface Who { key: string; openId: string; role: Role; zone: number | null; township: string | null; village: string | null; linked?: boolean }
const WHO: Who[] = [
  { key: 'admin', openId: PEOPLE.admin, role: '管理员', zone: null, township: null, village: null },
  { key: 'env-admin', openId: 'ou_env_admin', role: '管理员', zone: null, township: null, village: null, linked: false },
  { key: 'leader', openId: PEOPLE.leader, role: '县领导', zone: null, township: null, village: null },
  { key: 'inspector', openId: PEOPLE.inspector, role: '督查', zone: null, township: null, village: null },
  { key: 'commander1', openId: PEOPLE.commander1, role: '指挥长', zone: 1, township: null, village: null },
  { key: 'commander2', openId: PEOPLE.commander2, role: '指挥长', zone: 2, township: null, village: null },
  { key: 'cadre-团结乡', openId: PEOPLE.cadre, role: '乡镇干部', zone: 1, township: '511922204', village: null },
  { key: 'secretary-V001', openId: EXTRA_PEOPLE.secretary1, role: '第一书记', zone: 1, township: '511922204', village: 'V001' },
  { key: 'captain-V001', openId: PEOPLE.team1, role: '队长', zone: 1, township: '511922204', village: 'V001' },
  { key: 'member-V001', openId: EXTRA_PEOPLE.member1, role: '队员', zone: 1, township: '511922204', village: 'V001' },
  { key: 'member-V003', openId: PEOPLE.team3, role: '队员', zone: 2, township: '511922207', village: 'V003' },
  { key: 'stranger', openId: PEOPLE.stranger, role: null, zone: null, township: null, village: null, linked: false },
]

interface Village { code: string; ref: string; township: string; zone: number; item: string; data: string[] }
const VILLAGES: Village[] = [
  { code: 'V001', ref: '红岩洞村@团结乡', township: '511922204', zone: 1, item: 'T001 50%', data: ['通村道路硬化', '卫生室建设', '预脱贫村'] },
  { code: 'V002', ref: '周山村', township: '511922204', zone: 1, item: '卫生室 完成', data: ['已脱贫村'] },
  { code: 'V004', ref: '南江镇红岩洞村', township: '511922100', zone: 1, item: '硬化路 完成', data: ['非贫困村'] },
  { code: 'V003', ref: '惠民村', township: '511922207', zone: 2, item: 'T003 50%', data: ['黄羊养殖合作社', '贫困村'] },
]
const HOUSEHOLDS = [{ code: 'H001', village: 'V001' }, { code: 'H004', village: 'V002' }, { code: 'H003', village: 'V003' }]
const TOWNSHIPS = [{ name: '团结乡', code: '511922204', zone: 1 }, { name: '南江镇', code: '511922100', zone: 1 }, { name: '红四乡', code: '511922207', zone: 2 }]
const ZONES = [{ name: '第一战区', zone: 1 as number | null }, { name: '第二战区', zone: 2 }, { name: '全县', zone: null }]

const COUNTY: Role[] = ['管理员', '县领导', '督查']
const TEAM: Role[] = ['第一书记', '队长', '队员']
const village = (code: string) => VILLAGES.find((v) => v.code === code)!
// docs/interface.md, in code
const read = (w: Who, v: Village) => COUNTY.includes(w.role) || (w.role === '指挥长' && w.zone === v.zone)
  || (w.role === '乡镇干部' && w.township === v.township) || (TEAM.includes(w.role) && w.village === v.code)
const write = (w: Who, v: Village) => w.role === '管理员' || w.role === '督查' || (TEAM.includes(w.role) && w.village === v.code)
// /乡 进度 is township detail: a cadre and a work team read their own township, a commander their zone's.
const readTownship = (w: Who, t: { code: string; zone: number }) => COUNTY.includes(w.role) || (w.role === '指挥长' && w.zone === t.zone)
  || ((w.role === '乡镇干部' || TEAM.includes(w.role)) && w.township === t.code)
const summary = (w: Who, zone: number | null) => COUNTY.includes(w.role) || (w.role !== null && zone !== null && w.zone === zone)
const rostered = (w: Who) => w.role !== null
const bind = (w: Who, zone: number | null) => w.role === '管理员' || (w.role === '指挥长' && zone !== null && w.zone === zone)
// A chat bound to a zone (or the HQ, null) is managed by admins and by that zone's commander; an unbound one by either.
const manages = (w: Who, bound: number | null | undefined) => bound === undefined ? bind(w, 1) || bind(w, 2) : bind(w, bound)
// The chats that speak for each zone and the HQ, restored before each binding case (a confirmed one takes the zone).
const HOLDERS: [string, number | null][] = [['oc_zone1', 1], ['oc_zone2', 2], ['oc_hq', null]]
const wall = (w: Who) => COUNTY.includes(w.role) || w.role === '指挥长'

interface Case { who: Who; text: string; allowed: boolean; chatId?: string; chatType?: 'group' | 'p2p'; writes?: boolean; data?: string[]; fresh?: () => string }
const cases: Case[] = []
const PERSONAL = ['何桂英', '李明', '王五', '周大', '何伟', ...ID_NUMBERS, ...PHONES]
const MARKERS = ['▓', '░', '户达标', '已记录', '/map?token=', '得分', ...PERSONAL]
let recordSeq = 0

for (const who of WHO) {
  const c = (text: string, allowed: boolean, o: Partial<Case> = {}) => cases.push({ who, text, allowed, ...o })
  c('/帮助', true)
  c('/帮助 村 上报', true)
  c('/我', true)
  // /认证 only in a direct chat, and only before linking; in a group one answer whatever was typed.
  c('/认证 何伟 0000', who.linked === false, { chatType: 'p2p' })
  c('/认证 何伟 0000', false)
  c('/认证 孙书记 0011', false)
  c('/任务 我的', rostered(who))
  c('/排名', rostered(who))
  c('/作战图', rostered(who), { chatType: 'p2p' })
  c('/作战图', false)
  c('/作战图 大屏', rostered(who) && wall(who), { chatType: 'p2p' })
  for (const z of ZONES) {
    c(`/战区 进度 ${z.name}`, summary(who, z.zone))
    c(`/逾期 ${z.name}`, summary(who, z.zone))
    c(`/作战图 大屏 ${z.name}`, wall(who) && summary(who, z.zone), { chatType: 'p2p' })
  }
  // Binding: from every state of the chat to every target, confirmed (a change that takes a chat asks first).
  for (const [state, bound] of [['unbound', undefined], ['zone1', 1], ['zone2', 2], ['hq', null]] as const) {
    const chatId = `oc_bind_${who.key}_${state}`
    const setUp = (text: string) => () => {
      for (const [holder, zone] of HOLDERS) deps.bindings.bind(holder, zone, 'test', 0)
      if (bound === undefined) h.db.prepare(`DELETE FROM chat_bindings WHERE chat_id = ?`).run(chatId)
      else deps.bindings.bind(chatId, bound, 'test', 0)
      return text
    }
    c('/绑定', manages(who, bound), { chatId, fresh: setUp('/绑定') })
    for (const z of ZONES) {
      const text = `/绑定 ${z.name} 确认`
      c(text, bind(who, z.zone) && manages(who, bound), { chatId, writes: true, fresh: setUp(text) })
    }
  }
  c('/绑定', false, { chatType: 'p2p' })
  for (const t of TOWNSHIPS) {
    c(`/乡 进度 ${t.name}`, readTownship(who, t))
    c(`/逾期 ${t.name}`, summary(who, t.zone))
    c(`/排名 2018-05 ${t.name}`, summary(who, t.zone))
    // A township's own work: its cadres, inspectors and admins.
    const writeTownship = who.role === '管理员' || who.role === '督查' || (who.role === '乡镇干部' && who.township === t.code)
    c(`/乡 上报 ${t.name} 中心校 50%`, writeTownship, { writes: true })
  }
  for (const v of VILLAGES) {
    c(`/村 进度 ${v.ref}`, read(who, v), { data: v.data })
    c(`/村 四小 ${v.ref}`, read(who, v), { data: v.data })
    c(`/任务 ${v.ref}`, read(who, v), { data: v.data })
    c(`/逾期 ${v.ref}`, read(who, v), { data: v.data })
    c(`/村 上报 ${v.ref} ${v.item}`, write(who, v), { writes: true, data: v.data })
  }
  for (const hh of HOUSEHOLDS) {
    const v = village(hh.village)
    c(`/户 核查 ${hh.code}`, read(who, v), { data: v.data })
    c(`/户 四小 ${hh.code}`, read(who, v), { data: v.data })
    c(`/户 核查 ${hh.code} 住房=是 收入=5000`, write(who, v), { writes: true, data: v.data })
    c(`/户 四小 ${hh.code} 养殖 南江黄羊 5只`, write(who, v), { writes: true, data: v.data })
  }
  // Task completion: the owner (T001 何伟, T003 钱队员, T004 乡干丁), the village's team, admins — not inspectors.
  const owner: Record<string, string> = { T001: PEOPLE.team1, T003: PEOPLE.team3, T004: PEOPLE.cadre }
  for (const [task, v] of [['T001', 'V001'], ['T003', 'V003'], ['T004', null]] as const) {
    const allowed = who.role === '管理员' || owner[task] === who.openId || (v !== null && TEAM.includes(who.role) && who.village === v)
    c(`/任务 完成 ${task}`, allowed, { data: v ? village(v).data : [] })
    c(`/任务 重开 ${task} 复核发现未完成`, allowed, { data: v ? village(v).data : [] })
  }
  // Reminders: admins, and the commander of the zone the chat is bound to.
  for (const [chatId, zone] of [['oc_zone1', 1], ['oc_zone2', 2]] as const) {
    const allowed = who.role === '管理员' || (who.role === '指挥长' && who.zone === zone)
    c('/提醒 暂停 3', allowed, { chatId, writes: true })
    c('/提醒 恢复', allowed, { chatId, writes: true })
  }
  // In a direct chat, anyone on the roster pauses their own reminders (and only theirs).
  c('/提醒 暂停 3', rostered(who), { chatType: 'p2p', writes: true })
  // Spot checks: admins and inspectors draw anywhere, a commander in the zone; draw #1 (团结乡, the admin's)
  // is read by county roles and zone 1's commander, re-verified by the drawer, inspectors and admins (never
  // V001's own team), assigned by those who may draw there, its disagreements closed by admins only.
  const draws = (zone: number) => who.role === '管理员' || who.role === '督查' || (who.role === '指挥长' && who.zone === zone)
  for (const z of ZONES) if (z.zone !== null) c(`/抽查 ${z.name} 对象=全部`, draws(z.zone), { writes: true })
  c('/抽查 团结乡 户数=全部', draws(1), { writes: true })
  for (const v of VILLAGES.filter((x) => x.code === 'V001' || x.code === 'V002')) c(`/抽查 ${v.ref}`, draws(v.zone), { writes: true })
  const readsSpot = COUNTY.includes(who.role) || who.role === '指挥长'
  c('/抽查 记录', readsSpot)
  c('/抽查 结果', readsSpot)
  c('/抽查 结果 1', COUNTY.includes(who.role) || (who.role === '指挥长' && who.zone === 1))
  c('/抽查 名单 1', COUNTY.includes(who.role) || (who.role === '指挥长' && who.zone === 1))
  c('/复核 H001 住房=是 抽查=1', who.role === '管理员' || who.role === '督查', { writes: true })
  c('/抽查 指派 1 刘洋', draws(1), { writes: true })
  c('/抽查 关闭 1 H001 复核时已整改', who.role === '管理员', { writes: true })
  c('/阶段', rostered(who))
  // Withdrawal: a fresh record by 何伟 (captain of V001), today and eight days ago.
  for (const daysAgo of [0, 8]) {
    c('/撤销', who.role === '管理员' || (who.openId === PEOPLE.team1 && daysAgo === 0), { writes: true, fresh: () => `/撤销 #${addRecordBy(PEOPLE.team1, daysAgo)}` })
  }
}

function addRecordBy(openId: string, daysAgo: number): number {
  recordSeq += 1
  return deps.records.addReport({
    kind: 'report', townshipCode: '511922204', villageCode: 'V001', authorOpenId: openId, authorMemberId: null,
    createdAt: FIXTURE_NOW.getTime() - daysAgo * 86_400_000, visitedOn: '2018-06-01', sourceMessageId: null, note: null,
  }, { taskCode: 'T001', item: null, input: `${recordSeq}/15`, ratio: recordSeq / 15 > 1 ? 1 : recordSeq / 15, amount: null, done: false })
}

/** What each case ran into, for the /帮助 check: the command, and whether it was refused before it ran. */
const seen: { who: Who; chatType: 'group' | 'p2p'; command: string | null; allowed: boolean; denied: boolean }[] = []

const REFUSAL = /不在您的查看范围内|您不能为|只有|只能|没有关联花名册|不是您录入的|超过 7 天|由指挥长、督查、县领导或管理员生成|认证要在私聊里办理|已认证为|只发给您本人|私聊里不能用/

describe('authorization: role × command × remit (docs/interface.md)', () => {
  it('covers every command in the command table', () => {
    const typed = new Set(cases.map((c) => c.text.split(' ').slice(0, 3).join(' ')))
    const missing = commands.filter((cmd) => ![...typed].some((t) => t.startsWith(`/${cmd.path.join(' ')}`)))
    expect(missing.map((m) => m.path.join(' '))).toEqual([])
    expect(cases.length).toBeGreaterThan(WHO.length * 50)
  })

  it('allows exactly the cases the table allows, and refusals show and write nothing', async () => {
    const wrong: string[] = []
    for (const k of cases) {
      const text = k.fresh?.() ?? k.text
      const chatType = k.chatType ?? 'group'
      const chatId = k.chatId ?? (chatType === 'p2p' ? `oc_p2p_${k.who.openId}` : 'oc_unbound')
      const before = stateOf(h.db)
      const said = await h.say(text, { openId: k.who.openId, chatId, chatType })
      const changed = JSON.stringify(stateOf(h.db)) !== JSON.stringify(before)
      const label = `${k.who.key}: ${text} →「${said.text.slice(0, 80).replace(/\n/g, ' ')}」`
      if (k.chatId === undefined) seen.push({ who: k.who, chatType, command: said.command, allowed: k.allowed, denied: said.outcome === 'denied' })
      if (k.allowed) {
        // A report on a task another case marked done is refused for what it says, not for who says it.
        const notForWho = said.outcome === 'user-error' && /已经是完成状态/.test(said.text)
        if ((said.outcome !== 'ok' && !notForWho) || /不在您的查看范围内|您不能为/.test(said.text) || (k.who.role !== null && /没有关联花名册/.test(said.text))) wrong.push(`should be allowed: ${label}`)
        else if (k.writes && !changed && !/已经|无需|不用重开/.test(said.text)) wrong.push(`allowed but wrote nothing: ${label}`)
      } else {
        if (said.outcome === 'ok' && !REFUSAL.test(said.text)) wrong.push(`should be refused: ${label}`)
        else if (!REFUSAL.test(said.text)) wrong.push(`refused without saying why: ${label}`)
        if (said.msgType !== 'text') wrong.push(`refusal is a card: ${label}`)
        const typed = text
        const leaked = [...MARKERS, ...(k.data ?? [])].filter((m) => !typed.includes(m) && said.raw.includes(m))
        if (leaked.length) wrong.push(`refusal shows ${leaked.join(', ')}: ${label}`)
        if (changed) wrong.push(`refusal wrote something: ${label}`)
      }
    }
    expect(wrong).toEqual([])
    console.log(`authz: ${cases.filter((k) => k.allowed).length} allowed and ${cases.filter((k) => !k.allowed).length} refused cases checked`)
  }, 60_000)

  it('/帮助 lists every command a person may use in that chat, and none refused to them there', async () => {
    const wrong: string[] = []
    let listedTotal = 0
    for (const who of WHO) {
      for (const chatType of ['group', 'p2p'] as const) {
        const lines = (await h.say('/帮助', { openId: who.openId, chatType })).text.split('\n')
        const listed = new Set(commands.filter((c) => lines.some((l) => l.startsWith(`${c.usage} — `))).map((c) => c.path.join(' ')))
        listedTotal += listed.size
        const here = seen.filter((r) => r.who === who && r.chatType === chatType && r.command !== null)
        for (const name of new Set(here.map((r) => r.command!))) {
          const runs = here.filter((r) => r.command === name)
          if (runs.some((r) => r.allowed) && !listed.has(name)) wrong.push(`${who.key} in ${chatType}: /${name} may be used but is not listed`)
          if (runs.every((r) => r.denied) && listed.has(name)) wrong.push(`${who.key} in ${chatType}: /${name} is listed but always refused`)
        }
      }
    }
    expect(wrong).toEqual([])
    expect(listedTotal).toBeGreaterThan(WHO.length * 10)
    expect(seen.length, 'runs after the matrix above').toBeGreaterThan(WHO.length * 50)
  })

  it('card forms: only those who may write for the household\'s village can submit', async () => {
    const wrong: string[] = []
    for (const who of WHO) {
      for (const hh of [...HOUSEHOLDS, { code: 'H002', village: 'V001' }]) {
        const v = village(hh.village)
        for (const [value, form] of [
          [{ action: 'household-check', household: hh.code }, { item_0: '是', income: '4000' }],
          [{ action: 'sixiao-add', household: hh.code }, { kind: '养殖', content: '南江黄羊', scale: '3只' }],
        ] as const) {
          const before = stateOf(h.db)
          const result = await h.card({ openId: who.openId, chatId: 'oc_zone1', value, form })
          const changed = JSON.stringify(stateOf(h.db)) !== JSON.stringify(before)
          const label = `${who.key}: ${value.action} ${hh.code} → ${JSON.stringify(result.toast)}`
          if (write(who, v)) {
            if (result.toast?.type !== 'success' || !changed) wrong.push(`should be allowed: ${label}`)
          } else {
            if (result.toast?.type !== 'error' || result.card || changed) wrong.push(`should be refused: ${label}`)
            const leaked = [...MARKERS, ...v.data].filter((m) => JSON.stringify(result).includes(m))
            if (leaked.length) wrong.push(`refusal shows ${leaked.join(', ')}: ${label}`)
          }
        }
      }
    }
    expect(wrong).toEqual([])
  })
})

// A sample of the table through the real webhook and card callback, so the transport adds no way around it.
const sim = await startSim()
const webDb = tempDbPath(tempDir())
seedReliabilityFixture(webDb)
const bot = await startBot(sim, { dbPath: webDb, clock: () => FIXTURE_NOW })
const webhook = `${bot.url}/webhook/event`

describe('authorization through the webhook', () => {
  it('refuses another village, another zone and strangers end to end, and allows the team', async () => {
    const ask = async (openId: string, text: string) => {
      const messageId = `om_authz_${openId}_${Math.random().toString(36).slice(2)}`
      await sim.postEvent(webhook, sim.messageEvent({ text, openId, messageId, chatId: 'oc_zone1', chatType: 'group', mentionBot: true }))
      await sim.waitFor(() => sim.messages.some((m) => m.reply_to === messageId), 5000, text)
      return String(sim.messages.find((m) => m.reply_to === messageId)!.raw_content)
    }
    expect(await ask(PEOPLE.team1, '/村 进度 惠民村')).toContain('不在您的查看范围内')
    expect(await ask(PEOPLE.team3, '/户 核查 H001')).toContain('不在您的查看范围内')
    expect(await ask(PEOPLE.commander2, '/战区 进度 第一战区')).toContain('不在您的查看范围内')
    expect(await ask(PEOPLE.commander1, '/村 上报 红岩洞村@团结乡 T001 50%')).toContain('只有工作队（本村）；督查、管理员可以用')
    expect(await ask(PEOPLE.team3, '/村 上报 红岩洞村@团结乡 T001 50%')).toContain('您不能为')
    expect(await ask(PEOPLE.stranger, '/村 进度 红岩洞村@团结乡')).toContain('/认证')
    expect(await ask(PEOPLE.team1, '/村 上报 红岩洞村@团结乡 T001 50%')).toContain('已记录')
    const card = await sim.postEvent(webhook, sim.cardActionEvent({ openId: PEOPLE.team1, chatId: 'oc_zone1', messageId: 'om_c', value: { action: 'household-check', household: 'H003' }, formValue: { item_0: '是' } }))
    expect(card.body.toast.type).toBe('error')
    expect(JSON.stringify(card.body)).not.toMatch(/何桂英|黄羊|511922198003030047/)
  })
})
