import { describe, expect, it } from 'vitest'
import { commands } from '../commands/index'
import { createChat } from './helpers/chat'
import { startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW, env: { ADMIN_OPEN_IDS: 'ou_env_admin' } })
const { chat } = createChat(sim, bot)
// Each question in its own chat: the sender paces replies within one chat, as Lark asks.
let n = 0
const group = (openId: string) => ({ openId, chatType: 'group' as const, chatId: `oc_help_${++n}` })
const direct = (openId: string) => ({ openId, chatType: 'p2p' as const, chatId: `oc_p2p_help_${++n}`, mentionBot: false })

const name = (c: (typeof commands)[number]) => c.path.join(' ')
/** The commands an overview lists (one line each, starting with its usage), in order. */
const listed = (answer: string) => answer.split('\n').flatMap((l) => commands.filter((c) => l.startsWith(`${c.usage} — `)).map(name))
/** The commands named on the "还可以用" line (usable in the other kind of chat). */
const elsewhere = (answer: string) => (/还可以用：(.*)/.exec(answer)?.[1] ?? '').split('、').filter(Boolean).map((s) => s.replace(/^\//, ''))

describe('/帮助 for the person asking', () => {
  it('a team member: the commands of their work first — 上报, 核查, 进度, 任务, 逾期, 四小 — and nothing they may not use', async () => {
    const answer = await chat('/帮助', group(PEOPLE.team1))
    expect(answer).toContain('命令一览（队长在本群可以用的）')
    const names = listed(answer)
    expect(names.slice(0, 7)).toEqual(['村 上报', '户 核查', '村 进度', '任务', '逾期', '户 四小', '村 四小'])
    expect(answer.indexOf('常用：')).toBeLessThan(answer.indexOf('/村 上报'))
    for (const not of ['绑定', '提醒 暂停', '提醒 恢复', '乡 上报', '认证', '作战图']) expect(names).not.toContain(not)
    expect(names).toContain('乡 进度')          // their own township's summary
    // A link is sent only in a direct chat; there, one pauses one's own reminders (a group's are its managers').
    expect(elsewhere(answer)).toEqual(['提醒 暂停', '提醒 恢复', '作战图'])
  })

  it('a township cadre and a commander: their own work first', async () => {
    expect(listed(await chat('/帮助', group(PEOPLE.cadre))).slice(0, 2)).toEqual(['乡 上报', '乡 进度'])
    const commander = listed(await chat('/帮助', group(PEOPLE.commander1)))
    expect(commander[0]).toBe('战区 进度')
    expect(commander).toContain('绑定')
    expect(commander).not.toContain('村 上报')
  })

  it('an admin sees every command: here, or in the other kind of chat', async () => {
    for (const where of [group(PEOPLE.admin), direct(PEOPLE.admin)]) {
      const answer = await chat('/帮助', where)
      const all = [...listed(answer), ...elsewhere(answer)]
      // /认证 is for accounts not linked yet; the admin's is.
      expect(new Set(all)).toEqual(new Set(commands.map(name).filter((c) => c !== '认证')))
    }
    // An admin by ADMIN_OPEN_IDS, not linked to the roster yet, may link in a direct chat.
    expect(listed(await chat('/帮助', direct('ou_env_admin')))).toContain('认证')
  })

  it('a stranger: /帮助 and /我 here, /认证 in a direct chat, and how to start', async () => {
    const inGroup = await chat('/帮助', group('ou_newcomer'))
    expect(listed(inGroup)).toEqual(['帮助', '我'])
    expect(elsewhere(inGroup)).toEqual(['认证'])
    expect(inGroup).toContain('先私聊我发送「/认证 姓名 手机后四位」')
    expect(listed(await chat('/帮助', direct('ou_newcomer')))).toEqual(['帮助', '认证', '我'])
  })

  it('/帮助 <命令> answers for every command and every alias, typed with or without spaces or a slash', async () => {
    const wrong: string[] = []
    for (const c of commands) {
      for (const path of [c.path, ...(c.aliases ?? [])]) {
        for (const typed of new Set([path.join(' '), path.join(''), `/${path.join(' ')}`])) {
          const answer = await chat(`/帮助 ${typed}`, direct(PEOPLE.admin))
          const lines = answer.split('\n')
          if (lines[0] !== c.usage || lines[1] !== `说明：${c.summary}` || !lines.includes(`谁可以用：${c.who}`) || !answer.includes(c.examples[0]!)) {
            wrong.push(`/帮助 ${typed} →「${answer.slice(0, 60)}」`)
          }
        }
      }
    }
    expect(wrong).toEqual([])
  })

  it('says when the asker cannot use the command here, and why', async () => {
    expect(await chat('/帮助 村 上报', group(PEOPLE.leader))).toContain('您在这里：您的角色（县领导）不能用这个命令：只有工作队（本村）；督查、管理员可以用。')
    expect(await chat('/帮助 认证', group('ou_newcomer'))).toContain('您在这里：认证要在私聊里办理')
    expect(await chat('/帮助 村 上报', group(PEOPLE.team1))).not.toContain('您在这里')
    // Words after the command name (as in its usage) are read as the command's, full-width spaces too.
    expect((await chat('/帮助　户　核查　H001', group(PEOPLE.team1))).split('\n')[0]).toBe(commands.find((c) => name(c) === '户 核查')!.usage)
  })

  it('an unknown name gets the closest commands and the usage', async () => {
    const answer = await chat('/帮助 村进展', group(PEOPLE.team1))
    expect(answer).toContain('没有「村进展」这个命令。您是不是要找：')
    expect(answer).toContain('/村 进度')
    expect(answer).toContain('用法：/帮助 [命令]')
  })
})
