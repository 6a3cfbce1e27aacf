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

describe('/认证 and /我', () => {
  it('tells a stranger how to register, and lets them use only /帮助 and /认证', async () => {
    expect(await chat('/我', direct('ou_newcomer'))).toContain('/认证 姓名 手机后四位')
    expect(await chat('/村 进度 周山村', direct('ou_newcomer'))).toContain('还没有关联花名册')
    expect(await chat('/帮助', direct('ou_newcomer'))).toContain('命令一览')
  })

  it('links an account by name and phone suffix, once', async () => {
    expect(await chat('/认证 刘洋 1234', direct('ou_liuyang'))).toContain('认证成功：刘洋（队员）')
    const me = await chat('/我', direct('ou_liuyang'))
    expect(me).toContain('姓名：刘洋')
    expect(me).toContain('村：红岩洞村')
    expect(me).toContain('战区：第一战区')
    expect(await chat('/我', group('ou_liuyang'))).toContain('姓名：刘*')
    expect(await chat('/认证 刘洋 1234', direct('ou_liuyang'))).toContain('已认证为 刘洋')
    // a second account for the same roster row needs an admin
    expect(await chat('/认证 刘洋 1234', direct('ou_other_device'))).toContain('已关联了另一个飞书账号')
  })

  it('refuses a wrong suffix, counts down, and locks for an hour after five tries', async () => {
    const who = direct('ou_guesser')
    expect(await chat('/认证 何伟 0000', who)).toContain('还可尝试 4 次')
    for (let i = 0; i < 3; i++) await chat('/认证 何伟 0001', who)
    expect(await chat('/认证 何伟 0002', who)).toContain('已锁定一小时')
    expect(await chat('/认证 张三 5678', who)).toContain('认证失败次数过多')
    now = new Date(FIXTURE_NOW.getTime() + 61 * 60_000)
    expect(await chat('/认证 张三 5678', who)).toContain('没有找到')
    now = FIXTURE_NOW
  })

  it('explains malformed input with the usage', async () => {
    for (const bad of ['/认证', '/认证 刘洋', '/认证 刘洋 12345', '/认证 刘洋 abcd', '/认证 刘洋 1234 多余']) {
      const answer = await chat(bad, direct('ou_typo'))
      expect(answer, bad).toContain('用法：/认证 <姓名> <手机后四位>')
    }
  })

  it('treats ADMIN_OPEN_IDS as admins before any roster row exists', async () => {
    expect(await chat('/我', direct('ou_env_admin'))).toContain('角色：管理员')
  })
})

describe('/绑定', () => {
  it('lets an admin bind a group to a zone or the county, and says what changed on a rebind', async () => {
    expect(await chat('/绑定 第一战区', group(PEOPLE.admin))).toContain('已把本群绑定到「第一战区」')
    expect(await chat('/绑定 第一', group(PEOPLE.admin))).toContain('已经绑定在「第一战区」')
    expect(await chat('/绑定 全县', group(PEOPLE.admin))).toContain('从「第一战区」改绑到「全县（县指挥部）」')
  })

  it('lets a commander bind only their own zone, and nobody else bind at all', async () => {
    expect(await chat('/绑定 第二战区', group(PEOPLE.commander1, 'oc_g2'))).toContain('只能把群绑定到自己的战区')
    expect(await chat('/绑定 全县', group(PEOPLE.commander1, 'oc_g2'))).toContain('只有管理员可以把群绑定为县指挥部')
    expect(await chat('/绑定 第一战区', group(PEOPLE.commander1, 'oc_g2'))).toContain('已把本群绑定到「第一战区」')
    expect(await chat('/绑定 第一战区', group(PEOPLE.team1, 'oc_g3'))).toContain('只有管理员或战区指挥长可以绑定群')
    expect(await chat('/绑定 第一战区', group(PEOPLE.leader, 'oc_g3'))).toContain('只有管理员或战区指挥长可以绑定群')
  })

  it('refuses in a direct chat and suggests zones for a typo', async () => {
    expect(await chat('/绑定 第一战区', direct(PEOPLE.admin))).toContain('私聊不能绑定')
    expect(await chat('/绑定 第三战区', group(PEOPLE.admin, 'oc_g4'))).toMatch(/没有叫「第三战区」的战区。您是不是要找：第.战区/)
  })
})
