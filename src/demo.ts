import { existsSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { randomUUID } from 'node:crypto'
import { openDatabase } from '../db/open'
import { createInbox } from '../db/repos/inbox'
import { commands } from '../commands/index'
import { loadConfig, readDotEnv } from './config'
import { loadSettings } from './settings'
import { createDeps, type Deps } from './deps'
import { createLogger } from './log'
import { createRouter } from './router'
import { createMessageHandler } from './handle-messages'
import { normalizeText } from './text'
import { writeDemo } from './registry/demo-steps'
import { DEFAULT_SEED } from './registry/demo-generator'
import { jobByName, JOBS } from '../scheduler/jobs'
import { runJob } from '../scheduler/run-job'
import { atLocalHour, isValidDate } from './domain/dates'
import { renderForTerminal, style } from './demo-render'
import { allZones, matchZone } from './registry/find-zone'

const DEMO_DB = './data/demo.db'
const HQ_CHAT = 'oc_demo_hq'
const zoneChat = (zoneId: number) => `oc_demo_zone_${zoneId}`
const P2P_CHAT = 'oc_demo_p2p'

/**
 * `npm run demo`: the whole bot in a terminal, no Feishu account needed. Messages go through the same
 * inbox, router, permissions, outbox and card renderers as in production; only the last hop differs:
 * the outbox is printed here instead of sent to Lark.
 */
async function main() {
  const tty = !!process.stdout.isTTY && !!process.stdin.isTTY
  const env = { ...readDotEnv(), ...process.env, DATABASE_PATH: DEMO_DB, LOG_LEVEL: 'silent' }
  const config = loadConfig(env, { lark: false })
  const fresh = !existsSync(DEMO_DB)
  const db = openDatabase(DEMO_DB)
  if (fresh) writeDemo(db, { scale: 'demo', seed: DEFAULT_SEED, now: new Date() })
  const deps = createDeps(db, config, loadSettings(config.CONFIG_PATH), createLogger('silent'))
  bindDemoChats(deps)
  const inbox = createInbox(db)
  const messages = createMessageHandler({ ...deps, inbox, router: createRouter(commands, deps), clock: () => new Date() })

  let me = 'ou_demo_secretary'
  let chat = { id: zoneChat(deps.identity.identify(me).zoneId ?? 1), type: 'group' as 'group' | 'p2p' }
  const print = (s: string) => process.stdout.write(`${s}\n`)

  function flushOutbox() {
    for (const row of deps.outbox.due(Date.now() + 60_000, 100)) {
      print(renderForTerminal(row.msg_type, row.content, tty))
      deps.outbox.markSent(row.id, `demo-${row.id}`, Date.now())
    }
  }

  async function say(text: string) {
    messages.accept({ eventId: randomUUID(), messageId: `om_demo_${randomUUID()}`, chatId: chat.id, chatType: chat.type, openId: me, text: normalizeText(text), receivedAt: Date.now() })
    await messages.drain()
    flushOutbox()
  }

  const meta: Record<string, (arg: string) => unknown> = {
    as: (name) => {
      const found = switchUser(deps, name)
      if (typeof found === 'string') return print(found)
      me = found.openId
      chat = { id: found.zoneId ? zoneChat(found.zoneId) : HQ_CHAT, type: 'group' }
      print(`现在您是 ${found.name}（${found.role}），在 ${chatLabel(deps, chat.id)}。`)
    },
    chat: (target) => {
      if (target === '私聊') chat = { id: P2P_CHAT, type: 'p2p' }
      else if (target === '全县') chat = { id: HQ_CHAT, type: 'group' }
      else {
        const zone = matchZone(allZones(db), target)
        if (!zone) return print('用法：:chat <战区名称|全县|私聊>，例如 :chat 第一战区')
        chat = { id: zoneChat(zone.id), type: 'group' }
      }
      print(`已切换到 ${chatLabel(deps, chat.id)}。`)
    },
    run: async (arg) => {
      const [name, date] = arg.split(' ')
      const job = jobByName(name ?? '')
      if (!job || (date && !isValidDate(date))) return print(`用法：:run <${JOBS.map((j) => j.name).join('|')}> [YYYY-MM-DD]`)
      const now = date ? atLocalHour(date, 9, config.TIMEZONE) : new Date()
      const outcome = await runJob(deps, job, { now, dryRun: true, trigger: 'admin', period: date ? job.defaultPeriod(date) : undefined })
      print(style(`定时任务 ${job.name} ${outcome.period} 会发送 ${outcome.messages.length} 条消息（演示中只显示，不记录）：`, 'dim', tty))
      for (const m of outcome.messages) {
        print(style(`→ ${chatLabel(deps, m.receiveId)}`, 'dim', tty))
        print(renderForTerminal(m.msgType, m.content, tty))
      }
    },
    help: () => print(HELP),
  }

  print(banner(deps, me, chat.id, fresh, tty))
  const rl = createInterface({ input: process.stdin, terminal: tty })
  if (tty) rl.setPrompt(style('你> ', 'bold', tty))
  if (tty) rl.prompt()
  for await (const raw of rl) {
    const line = raw.trim()
    if (!tty && line) print(style(`> ${line}`, 'dim', tty))
    if (line === ':quit' || line === ':q') break
    if (line.startsWith(':')) {
      const [cmd, ...rest] = line.slice(1).split(' ')
      const handler = meta[cmd ?? '']
      if (handler) await handler(rest.join(' ').trim())
      else print(`不认识的演示命令「${line}」。${HELP}`)
    } else if (line) await say(line)
    if (tty) rl.prompt()
  }
  rl.close()
  db.close()
}

const HELP = '演示命令：:as <姓名> 切换身份　:chat <战区|全县|私聊> 切换会话　:run <overdue|…> [日期] 看定时任务会发什么　:help　:quit'

function bindDemoChats(deps: Deps) {
  const zones = deps.db.prepare(`SELECT id FROM zones`).pluck().all() as number[]
  deps.db.transaction(() => {
    for (const id of zones) if (!deps.bindings.get(zoneChat(id))) deps.bindings.bind(zoneChat(id), id, 'demo', Date.now())
    if (!deps.bindings.get(HQ_CHAT)) deps.bindings.bind(HQ_CHAT, null, 'demo', Date.now())
  })()
}

function chatLabel(deps: Deps, chatId: string) {
  if (chatId === P2P_CHAT) return '与机器人的私聊'
  const b = deps.bindings.get(chatId)
  return b ? (b.zoneId === null ? '县指挥部群' : `${b.zoneName}群`) : chatId
}

/** The demo speaks as any roster member; one without a Feishu account gets a stand-in open_id. */
function switchUser(deps: Deps, name: string) {
  const rows = deps.db.prepare(`SELECT id, name, role, open_id AS openId FROM members WHERE name = ?`).all(name) as { id: number; name: string; role: string; openId: string | null }[]
  if (rows.length === 0) return `花名册里没有「${name}」。试试 :as 后面跟指挥长或队员的姓名（发送 /我 可以看到当前身份）。`
  if (rows.length > 1) return `有 ${rows.length} 位「${name}」（${rows.map((r) => r.role).join('、')}），演示中请换一位。`
  const m = rows[0]!
  const openId = m.openId ?? `ou_demo_member_${m.id}`
  if (!m.openId) deps.db.prepare(`UPDATE members SET open_id = ? WHERE id = ?`).run(openId, m.id)
  return { ...deps.identity.identify(openId), name: m.name, role: m.role }
}

function banner(deps: Deps, me: string, chatId: string, fresh: boolean, tty: boolean) {
  const who = deps.identity.identify(me)
  const village = who.villageCode ? deps.resolve.village(who.villageCode) : null
  const commander = deps.db.prepare(`SELECT name FROM members WHERE role = '指挥长' AND zone_id = ? LIMIT 1`).pluck().get(who.zoneId) as string | undefined
  return [
    style('战区助手 · 终端演示', 'bold', tty),
    fresh ? `已生成演示县（${DEMO_DB}）。人员均为虚构。` : `使用已有的演示数据库 ${DEMO_DB}（删除它可重新生成）。`,
    `您是 ${who.name}（${who.role}，${village ? `${village.townshipName}${village.name}` : ''}），在 ${chatLabel(deps, chatId)}。`,
    '试试：',
    `  /村 进度`,
    `  /任务`,
    `  /战区 进度`,
    commander ? `  :as ${commander}（切换为本战区指挥长）再发 /逾期` : '',
    HELP,
  ].filter(Boolean).join('\n')
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
