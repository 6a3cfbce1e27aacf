import { describe, expect, it } from 'vitest'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
let now = FIXTURE_NOW
const bot = await startBot(sim, { dbPath, clock: () => now, env: { ADMIN_OPEN_IDS: 'ou_env_admin' } })
const { chat } = createChat(sim, bot)
const direct = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_${openId}`, mentionBot: false })
const group = (openId: string, chatId = 'oc_new_group') => ({ openId, chatType: 'group' as const, chatId })

const db = bot.bot.db
const count = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number
const linkedTo = (name: string) => db.prepare(`SELECT open_id FROM members WHERE name = ?`).pluck().get(name) as string | null

describe('/认证 and /我', () => {
  it('tells a stranger how to register, and lets them use only /帮助, /我 and /认证', async () => {
    expect(await chat('/我', direct('ou_newcomer'))).toContain('/认证 姓名 手机后四位')
    expect(await chat('/村 进度 周山村', direct('ou_newcomer'))).toContain('还没有关联花名册')
    expect(await chat('/帮助', direct('ou_newcomer'))).toContain('命令一览')
  })

  it('links an account by name and phone suffix, once, in a direct chat', async () => {
    expect(await chat('/认证 刘洋 1234', direct('ou_liuyang'))).toContain('认证成功：刘洋（队员）')
    expect(count(`SELECT COUNT(*) FROM audit_log WHERE action = 'member.link' AND actor = 'ou_liuyang'`)).toBe(1)
    const me = await chat('/我', direct('ou_liuyang'))
    expect(me).toContain('姓名：刘洋')
    expect(me).toContain('村：红岩洞村')
    expect(me).toContain('战区：第一战区')
    expect(await chat('/我', group('ou_liuyang'))).toContain('姓名：刘*')
    expect(await chat('/认证 刘洋 1234', direct('ou_liuyang'))).toContain('已认证为 刘洋')
  })

  it('answers a group the same whatever was typed, and reads, checks and counts nothing there', async () => {
    const before = { failures: count(`SELECT COUNT(*) FROM auth_failures`), linked: count(`SELECT COUNT(*) FROM members WHERE open_id IS NOT NULL`) }
    const answers = new Set<string>()
    let n = 0
    for (const typed of ['/认证 何伟 5678', '/认证 何伟 0000', '/认证 不存在 1234', '/认证', '/认证 何伟', '/认证 何伟 12345', '/注册 刘洋 1234', '/认证 何伟 5678 多余']) {
      // Each in its own chat: the sender paces replies within one chat, as Lark asks.
      for (const who of ['ou_group_newcomer', PEOPLE.team1, PEOPLE.admin]) answers.add(await chat(typed, group(who, `oc_auth_${++n}`)))
    }
    expect([...answers]).toHaveLength(1)
    expect([...answers][0]).toContain('认证要在私聊里办理')
    expect([...answers][0]).toContain('/认证 姓名 手机后四位')
    expect([...answers][0]).not.toMatch(/何伟|5678|刘/)
    expect(count(`SELECT COUNT(*) FROM auth_failures`)).toBe(before.failures)
    expect(count(`SELECT COUNT(*) FROM members WHERE open_id IS NOT NULL`)).toBe(before.linked)
  })

  it('gives one neutral refusal for a wrong name, a wrong phone, several matches and a row linked to another account', async () => {
    // 何伟 5678 is linked to ou_team1; 王重名 1111 matches two roster rows.
    db.prepare(`INSERT INTO members (name, phone, role, village_code) VALUES ('王重名', '13700001111', '队员', 'V001'), ('王重名', '13800001111', '队员', 'V003')`).run()
    const tries = ['/认证 何伟 5678', '/认证 何伟 0000', '/认证 何伟伟 5678', '/认证 王重名 1111']
    const answers = await Promise.all(tries.map((t, i) => chat(t, direct(`ou_prober_${i}`))))
    for (const a of answers) expect(a).toBe('信息不匹配或已被关联，请联系管理员。姓名或手机后四位输错了可以再试（还可尝试 4 次）。')
    expect(linkedTo('何伟')).toBe(PEOPLE.team1)
    expect(count(`SELECT COUNT(*) FROM members WHERE name = '王重名' AND open_id IS NOT NULL`)).toBe(0)
  })

  it('refuses a wrong suffix, counts down, and locks for an hour after five tries', async () => {
    const who = direct('ou_guesser')
    expect(await chat('/认证 何伟 0000', who)).toContain('还可尝试 4 次')
    for (let i = 0; i < 3; i++) await chat('/认证 何伟 0001', who)
    expect(await chat('/认证 何伟 0002', who)).toContain('已锁定一小时')
    expect(await chat('/认证 孙书记 0011', who)).toContain('认证失败次数过多')
    now = new Date(FIXTURE_NOW.getTime() + 61 * 60_000)
    expect(await chat('/认证 张三 5678', who)).toContain('信息不匹配或已被关联')
    now = FIXTURE_NOW
  })

  it('explains malformed input with the usage, in a direct chat', async () => {
    for (const bad of ['/认证', '/认证 刘洋', '/认证 刘洋 12345', '/认证 刘洋 abcd', '/认证 刘洋 1234 多余']) {
      const answer = await chat(bad, direct('ou_typo'))
      expect(answer, bad).toContain('用法：/认证 <姓名> <手机后四位>')
    }
  })

  it('treats ADMIN_OPEN_IDS as admins before any roster row exists', async () => {
    expect(await chat('/我', direct('ou_env_admin'))).toContain('角色：管理员')
  })
})

const bindingOf = (chatId: string) => db.prepare(`SELECT zone_id AS zoneId FROM chat_bindings WHERE chat_id = ?`).get(chatId) as { zoneId: number | null } | undefined
const audits = (chatId: string) => db.prepare(`SELECT actor, action, detail FROM audit_log WHERE target = ? AND action LIKE 'chat.%' ORDER BY id`).all(chatId) as { actor: string; action: string; detail: string }[]

describe('/绑定', () => {
  it('shows the binding when asked without a name', async () => {
    expect(await chat('/绑定', group(PEOPLE.admin, 'oc_show'))).toContain('本群还没有绑定')
    await chat('/绑定 第二战区', group(PEOPLE.admin, 'oc_show'))
    expect(await chat('/绑定', group(PEOPLE.admin, 'oc_show'))).toContain('本群绑定在「第二战区」（2018-06-15 起）')
    expect(await chat('/绑定', group(PEOPLE.commander2, 'oc_show'))).toContain('本群绑定在「第二战区」')
  })

  it('binds an unbound chat at once; moving a bound chat is said first and done on 确认', async () => {
    expect(await chat('/绑定 全县', group(PEOPLE.admin, 'oc_hq'))).toContain('已把本群绑定到「全县（县指挥部）」')
    expect(await chat('/绑定 全县', group(PEOPLE.admin, 'oc_hq'))).toContain('已经绑定在「全县（县指挥部）」，无需更改')
    // The HQ chat to a zone: a warning, nothing changed, until 确认.
    const warning = await chat('/绑定 第一', group(PEOPLE.admin, 'oc_hq'))
    expect(warning).toContain('本群现在绑定在「全县（县指挥部）」')
    expect(warning).toContain('确认请发送：/绑定 第一战区 确认')
    expect(bindingOf('oc_hq')).toEqual({ zoneId: null })
    expect(await chat('/绑定 第一战区 确认', group(PEOPLE.admin, 'oc_hq'))).toContain('已把本群从「全县（县指挥部）」改绑到「第一战区」')
    expect(bindingOf('oc_hq')).toEqual({ zoneId: 1 })
    expect(await chat('/绑定 全县 确定', group(PEOPLE.admin, 'oc_hq'))).toMatch(/「确定」看不懂：名称后面只能写「确认」[\s\S]*用法：\/绑定/)
    expect(audits('oc_hq').map((a) => [a.action, JSON.parse(a.detail)])).toEqual([
      ['chat.bind', { from: null, to: '全县（县指挥部）' }],
      ['chat.bind', { from: '全县（县指挥部）', to: '第一战区' }],
    ])
  })

  it('one chat per zone: a zone that has a chat warns, and on 确认 moves to this chat', async () => {
    await chat('/绑定 第二战区 确认', group(PEOPLE.admin, 'oc_z2_old'))
    const warning = await chat('/绑定 第二战区', group(PEOPLE.commander2, 'oc_z2_new'))
    expect(warning).toContain('「第二战区」已经绑定了另一个群（2018-06-15 绑定）')
    expect(warning).toContain('确认请发送：/绑定 第二战区 确认')
    expect(bindingOf('oc_z2_new')).toBeUndefined()
    expect(await chat('/绑定 第二战区 确认', group(PEOPLE.commander2, 'oc_z2_new'))).toContain('原来绑定「第二战区」的群已解除绑定')
    expect(bindingOf('oc_z2_new')).toEqual({ zoneId: 2 })
    expect(bindingOf('oc_z2_old')).toBeUndefined()
    expect(bindingOf('oc_show')).toBeUndefined()
    expect(audits('oc_z2_old').map((a) => [a.actor, a.action, JSON.parse(a.detail)])).toEqual([
      [PEOPLE.admin, 'chat.bind', { from: null, to: '第二战区' }],
      [PEOPLE.commander2, 'chat.unbind', { from: '第二战区', to: null, movedTo: 'oc_z2_new' }],
    ])
  })

  it('a commander binds an unbound chat or their own zone\'s; only an admin re-binds another zone\'s chat or the HQ chat', async () => {
    await chat('/绑定 全县 确认', group(PEOPLE.admin, 'oc_hq2'))
    await chat('/绑定 第一战区 确认', group(PEOPLE.admin, 'oc_zone1_chat'))
    expect(await chat('/绑定 第一战区 确认', group(PEOPLE.commander1, 'oc_hq2'))).toContain('本群是县指挥部群：只有管理员可以改绑')
    expect(await chat('/绑定 第二战区 确认', group(PEOPLE.commander2, 'oc_zone1_chat'))).toContain('本群绑定在别的战区：只有管理员或那个战区的指挥长可以改绑')
    expect(await chat('/提醒 暂停 3', group(PEOPLE.commander2, 'oc_zone1_chat'))).toContain('只有管理员或那个战区的指挥长')
    expect(bindingOf('oc_hq2')).toEqual({ zoneId: null })
    expect(bindingOf('oc_zone1_chat')).toEqual({ zoneId: 1 })
    expect(await chat('/绑定 第二战区', group(PEOPLE.commander1, 'oc_g2'))).toContain('只能把群绑定到自己的战区')
    expect(await chat('/绑定 全县', group(PEOPLE.commander1, 'oc_g2'))).toContain('只有管理员可以把群绑定为县指挥部')
    expect(bindingOf('oc_g2')).toBeUndefined()
    // Their own zone's chat moves to an unbound chat: the commander re-binds their own zone.
    expect(await chat('/绑定 第一战区 确认', group(PEOPLE.commander1, 'oc_g2'))).toContain('已把本群绑定到「第一战区」。')
    expect(bindingOf('oc_zone1_chat')).toBeUndefined()
    expect(await chat('/绑定 第一战区 确认', group(PEOPLE.commander1, 'oc_g2'))).toContain('无需更改')
    for (const who of [PEOPLE.team1, PEOPLE.leader, PEOPLE.inspector, PEOPLE.cadre]) {
      expect(await chat('/绑定 第一战区', group(who, 'oc_g3'))).toContain('只有指挥长（本战区）；管理员可以用')
    }
    expect(bindingOf('oc_g3')).toBeUndefined()
    expect(await chat('/绑定 第二战区 确认', group(PEOPLE.admin, 'oc_g2'))).toContain('从「第一战区」改绑到「第二战区」')
  })

  it('refuses in a direct chat and suggests zones for a typo', async () => {
    expect(await chat('/绑定 第一战区', direct(PEOPLE.admin))).toContain('私聊里不能用')
    expect(await chat('/绑定', direct(PEOPLE.commander1))).toContain('私聊里不能用')
    expect(await chat('/绑定 第三战区', group(PEOPLE.admin, 'oc_g4'))).toMatch(/没有叫「第三战区」的战区。您是不是要找：第.战区/)
  })
})
