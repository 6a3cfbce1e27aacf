import { describe, expect, it } from 'vitest'
import { readable, startBot, startSim } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import type { SimMessage } from './sim'
import { MENU_KEYS } from '../src/lark/menu'

const sim = await startSim()
const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW, env: { PUBLIC_URL: 'https://bot.example.cn' } })
const webhook = `${bot.url}/webhook/event`

/** Presses a menu key over the webhook and returns the one message the bot then sends that person. */
async function press(openId: string, eventKey: string): Promise<SimMessage> {
  const before = sim.messages.length
  const res = await sim.postEvent(webhook, sim.menuEvent({ openId, eventKey }))
  expect(res.status).toBe(200)
  await sim.waitFor(() => sim.messages.length > before, 15_000, `the answer to menu ${eventKey}`)
  const m = sim.messages[sim.messages.length - 1]!
  // Never a reply (there is no message to reply to): a new message to the person by open_id.
  expect(m).toMatchObject({ kind: 'create', receive_id_type: 'open_id', receive_id: openId })
  return m
}

describe('the bot menu (application.bot.menu_v6)', () => {
  it('lists exactly the keys the README tells admins to enter', () => {
    expect(MENU_KEYS).toEqual(['report', 'progress', 'tasks', 'overdue', 'ranking', 'map', 'help'])
  })

  it('answers each key in the person\'s direct chat as the command it stands for would', async () => {
    const report = await press(PEOPLE.team1, 'report')
    expect(readable(report)).toContain('团结乡红岩洞村 · 上报')
    expect(readable(await press(PEOPLE.team1, 'progress'))).toContain('红岩洞村')
    expect(readable(await press(PEOPLE.commander1, 'progress'))).toContain('第一战区 · 攻坚进度')
    expect(readable(await press(PEOPLE.cadre, 'progress'))).toContain('团结乡')
    expect(readable(await press(PEOPLE.team1, 'tasks'))).toContain('T002')
    expect(readable(await press(PEOPLE.commander1, 'overdue'))).toContain('T004')
    expect(readable(await press(PEOPLE.commander1, 'ranking'))).toContain('排名')
    expect(readable(await press(PEOPLE.commander1, 'map'))).toContain('https://bot.example.cn/map')
    expect(readable(await press(PEOPLE.team1, 'help'))).toContain('命令一览')
  })

  it('answers an unknown key with the help, and someone not on the roster with how to join', async () => {
    expect(readable(await press(PEOPLE.team1, 'no-such-key'))).toContain('命令一览')
    expect(readable(await press(PEOPLE.stranger, 'tasks'))).toContain('/认证 姓名 手机后四位')
  })

  it('answers a redelivered press once, over the long connection too', async () => {
    const ws = await startBot(sim, { mode: 'ws', clock: () => FIXTURE_NOW, dbPath: (() => { const p = tempDbPath(tempDir()); seedFixture(p); return p })() })
    await sim.waitFor(() => sim.wsConnections() > 0, 15_000, 'the long connection')
    const event = sim.menuEvent({ openId: PEOPLE.team1, eventKey: 'help', eventId: 'ev_menu_once' })
    const before = sim.messages.length
    expect((await sim.wsPush(event)).code).toBe(200)
    expect((await sim.wsPush(event)).code).toBe(200)
    await sim.waitFor(() => sim.messages.length > before, 15_000, 'the answer over the long connection')
    await new Promise((r) => setTimeout(r, 300))
    const answers = sim.messages.slice(before).filter((m) => m.receive_id === PEOPLE.team1)
    expect(answers).toHaveLength(1)
    expect(readable(answers[0]!)).toContain('命令一览')
    await ws.stop()
  })

  it('ignores a press that names nobody, and leaves nothing unhandled', async () => {
    const before = sim.messages.length
    const res = await sim.postEvent(webhook, sim.menuEvent({ openId: '', eventKey: 'help' }))
    expect(res.status).toBe(200)
    await new Promise((r) => setTimeout(r, 200))
    expect(sim.messages.length).toBe(before)
  })
})
