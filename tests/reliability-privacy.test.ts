import { Writable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { createBot } from '../src/app'
import { loadConfig } from '../src/config'
import { createLogger } from '../src/log'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { startProcess } from './helpers/process'
import { EXTRA_PEOPLE, freePort, fullIdsIn, ID_NUMBERS, personalDataIn, seedReliabilityFixture, sleep } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'

/**
 * Every log line of an end-to-end run — the most verbose level, every command, personal data typed into
 * messages and shown in replies, Lark failing in between so the error paths log too — is scanned for the
 * fixture's ID numbers, phone numbers and full names. None may appear. (The other reliability files scan
 * their own logs the same way: the fuzz, the crash run's child processes, the fault and disk runs.)
 */
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/[^/]+\/reply$/
const sim = await startSim()
const dir = tempDir()

/** What people type: every command, with the fixture's names, phones and ID numbers in it. */
const SCRIPT: [string, string, 'group' | 'p2p'][] = [
  [PEOPLE.stranger, '/认证 刘洋 1234', 'p2p'],
  [PEOPLE.stranger, '/认证 何伟 5678', 'p2p'],
  ['ou_newcomer', '/认证 刘洋 0000', 'group'],
  [PEOPLE.team1, '/我', 'p2p'],
  [PEOPLE.team1, '/我', 'group'],
  [PEOPLE.team1, '/户 核查 何桂英@红岩洞村', 'group'],
  [PEOPLE.team1, '/户 核查 何桂英@红岩洞村', 'p2p'],
  [PEOPLE.team1, '/户 核查 李明 收入=3000 住房=是 饮水=是 备注=李明电话13912340002', 'group'],
  [PEOPLE.team1, `/户 核查 ${ID_NUMBERS[0]}`, 'group'],
  [PEOPLE.team1, '/户 核查 何桂英', 'group'],
  [PEOPLE.team1, '/户 四小 何桂英@团结乡红岩洞村 养殖 南江黄羊 5只', 'group'],
  [PEOPLE.team1, '/户 四小 H002', 'p2p'],
  [PEOPLE.team1, `/村 上报 红岩洞村@团结乡 T001 12/15 何伟 13812345678 ${ID_NUMBERS[1]}`, 'group'],
  [PEOPLE.team1, '/村 进度 红岩洞村@团结乡', 'group'],
  [PEOPLE.team1, '/村 四小 红岩洞村@团结乡', 'p2p'],
  [PEOPLE.team1, '/任务 我的', 'p2p'],
  [PEOPLE.team1, '/任务 红岩洞村@团结乡', 'group'],
  [PEOPLE.team1, '/任务 完成 T002 周大家已验收', 'group'],
  [PEOPLE.cadre, '/乡 进度 团结乡', 'group'],
  [PEOPLE.commander1, '/战区 进度', 'group'],
  [PEOPLE.commander1, '/逾期 第一战区', 'group'],
  [PEOPLE.commander1, '/绑定 第一战区', 'group'],
  [PEOPLE.commander1, '/提醒 暂停 3', 'group'],
  [PEOPLE.commander1, '/提醒 恢复', 'group'],
  [PEOPLE.leader, '/排名', 'group'],
  [PEOPLE.leader, '/作战图', 'p2p'],
  [PEOPLE.admin, '/撤销 #1', 'group'],
  [EXTRA_PEOPLE.member1, '/户 核查 王五', 'group'],
  [PEOPLE.team3, '/户 核查 何桂英@惠民村', 'p2p'],
  [PEOPLE.team1, '/帮助 户 核查', 'group'],
  [PEOPLE.team1, '/何桂英 13912340001', 'group'],
]

function run(chatType: 'group' | 'p2p', openId: string) {
  return chatType === 'p2p' ? `oc_p2p_${openId}` : 'oc_privacy'
}

async function conversation(url: string, tag: string) {
  const ids: string[] = []
  // Lark fails now and then, so the retry and failure paths log as well.
  sim.fault({ path: REPLY_PATH, times: 2, status: 500 })
  sim.fault({ path: REPLY_PATH, times: 1, drop: true })
  sim.fault({ path: REPLY_PATH, times: 1, status: 400, body: { code: 230002, msg: 'Bot is not in the chat' } })
  for (const [i, [openId, text, chatType]] of SCRIPT.entries()) {
    const messageId = `om_${tag}_${i}`
    ids.push(messageId)
    const res = await sim.postEvent(url, sim.messageEvent({ text, openId, messageId, chatType, chatId: run(chatType, openId), mentionBot: chatType === 'group' }))
    expect(res.status).toBe(200)
  }
  // card forms with names and ID numbers in them
  for (const [value, form] of [
    [{ action: 'household-check', household: 'H001' }, { income: '4000', item_0: '是', note: '何桂英 13912340001' }],
    [{ action: 'sixiao-add', household: 'H002' }, { kind: '种植', content: `核桃 ${ID_NUMBERS[1]}` }],
    [{ action: 'household-check', household: 'H003' }, { item_0: '是' }],
  ] as const) {
    expect((await sim.postEvent(url, sim.cardActionEvent({ openId: PEOPLE.team1, chatId: 'oc_privacy', messageId: `om_${tag}_card`, value, formValue: form }))).status).toBe(200)
  }
  // one failed permanently (230002); every other message has its reply
  await sim.waitFor(() => ids.filter((id) => sim.messages.some((m) => m.reply_to === id)).length >= ids.length - 1, 20_000, 'the replies')
  await sleep(300)
  return ids
}

describe('personal data never reaches a log line, and a group never sees a full ID number', () => {
  it('in-process bot at LOG_LEVEL=trace', async () => {
    const dbPath = tempDbPath(dir)
    seedReliabilityFixture(dbPath)
    const logs: string[] = []
    const config = loadConfig({
      LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, PORT: '0', DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'trace',
    })
    const bot = createBot({ config, clock: () => FIXTURE_NOW, log: createLogger('trace', new Writable({ write(c, _e, done) { logs.push(String(c)); done() } })) })
    const { port } = await bot.start()
    afterAll(() => bot.stop())
    const ids = await conversation(`http://127.0.0.1:${port}/webhook/event`, 'trace')
    expect(logs.length).toBeGreaterThan(SCRIPT.length)
    // the retry and failure paths did log
    for (const msg of ['event handled', 'message send will be retried', 'message failed']) expect(logs.some((l) => l.includes(msg)), msg).toBe(true)
    expect(personalDataIn(logs)).toEqual([])
    const groupReplies = sim.messages.filter((m) => ids.includes(m.reply_to!) && m.chat_id === 'oc_privacy')
    expect(groupReplies.length).toBeGreaterThan(10)
    expect(groupReplies.filter((m) => fullIdsIn(m.raw_content).length > 0).map((m) => m.raw_content.slice(0, 200))).toEqual([])
  }, 60_000)

  it('npm start as a process (stdout and stderr) at LOG_LEVEL=trace', async () => {
    const dbPath = tempDbPath(dir)
    seedReliabilityFixture(dbPath)
    const port = await freePort()
    const p = startProcess('src/main.ts', {
      LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, PORT: String(port), DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'trace',
    })
    await p.waitForOutput('bot started')
    const ids = await conversation(`http://127.0.0.1:${port}/webhook/event`, 'child')
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
    expect(p.stdout.split('\n').length).toBeGreaterThan(SCRIPT.length)
    expect(personalDataIn(`${p.stdout}\n${p.stderr}`.split('\n'))).toEqual([])
    const groupReplies = sim.messages.filter((m) => ids.includes(m.reply_to!) && m.chat_id === 'oc_privacy')
    expect(groupReplies.filter((m) => fullIdsIn(m.raw_content).length > 0)).toEqual([])
  }, 60_000)
})
