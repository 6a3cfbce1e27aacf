import { createServer, type Server } from 'node:http'
import { randomUUID } from 'node:crypto'
import express from 'express'
import { openDatabase } from '../db/open'
import { loadConfig } from './config'
import { loadSettings } from './settings'
import { createDeps, type Deps } from './deps'
import { createLogger } from './log'
import { createCore } from './core'
import type { Handled } from './handle-messages'
import { createMapRouter } from './web/router'
import { makeDemo } from './demo/make'
import { readyDemoFile } from './demo/demo-file'
import { DEFAULT_SEED } from './demo/generator'
import { jobByName, JOBS } from '../scheduler/jobs'
import { runJob } from '../scheduler/run-job'
import { atLocalHour, isValidDate } from './domain/dates'
import { renderForTerminal, style } from './demo-render'
import { matchZone } from './registry/find-zone'

const HQ_CHAT = 'oc_demo_hq'
const zoneChat = (zoneId: number) => `oc_demo_zone_${zoneId}`
const P2P_CHAT = 'oc_demo_p2p'
/** The person the demo starts as: 团结乡红岩洞村's 第一书记 (src/demo/guide.ts). */
const FIRST_PERSON = 'ou_demo_secretary'

const DEMO_HELP = '演示命令：:as <姓名> 切换身份　:new 没有认证的新用户　:chat <战区|全县|私聊> 切换会话　:run <overdue|…> [日期] 看定时任务会发什么　:help　:quit'

export interface DemoOptions {
  dbPath: string
  /** Environment (the .env file and the process's); the demo sets its own database, log level and address. */
  env: Record<string, string | undefined>
  /** The port of the battle map; taken by another program, any free one is used. */
  port: number
  clock?: () => Date
  /** Colours for a terminal. */
  tty?: boolean
}

/**
 * The whole bot in one process without Feishu: the demo database (generated on first use, and again when an
 * older generator made it: src/demo/demo-file.ts), the same inbox, router, permissions, outbox and card
 * renderers as in production, and the battle map on a local port. Only the last hop differs: the outbox is
 * returned as text instead of sent to Lark.
 */
export async function openDemo(o: DemoOptions) {
  const clock = o.clock ?? (() => new Date())
  const tty = o.tty ?? false
  const found = readyDemoFile(o.dbPath)
  const server = createServer()
  const port = await listen(server, o.port).catch(() => listen(server, 0))
  const url = `http://127.0.0.1:${port}`
  const config = loadConfig({ ...o.env, DATABASE_PATH: o.dbPath, LOG_LEVEL: 'silent', PUBLIC_URL: url, PORT: String(port) }, { lark: false })
  const db = openDatabase(o.dbPath)
  const deps = createDeps(db, config, loadSettings(config.CONFIG_PATH), createLogger('silent'))
  if (found !== 'reused') await makeDemo(deps, { scale: 'demo', seed: DEFAULT_SEED, now: clock() })
  bindDemoChats(deps)
  const map = express()
  map.disable('x-powered-by')
  map.use(createMapRouter({ ...deps, clock }))
  server.on('request', map)

  // The console is one more transport: each line becomes the event Lark would send, handed to the core.
  let last: Handled | null = null
  const core = createCore(deps, { clock, onHandled: (h) => (last = h) })

  let me = FIRST_PERSON
  let chat = { id: zoneChat(deps.identity.identify(me).zoneId ?? 1), type: 'group' as 'group' | 'p2p' }

  function flushOutbox(): string[] {
    const out: string[] = []
    const now = clock().getTime()   // replies are due at the demo's clock, which a test may set
    for (const row of deps.outbox.due(now + 60_000, 100)) {
      out.push(renderForTerminal(row.msg_type, row.content, tty))
      deps.outbox.markSent(row.id, `demo-${row.id}`, now)
    }
    return out
  }

  const meta: Record<string, (arg: string) => string | Promise<string>> = {
    as: (name) => {
      const found = switchUser(deps, name)
      if (typeof found === 'string') return found
      me = found.openId
      chat = { id: found.zoneId ? zoneChat(found.zoneId) : HQ_CHAT, type: 'group' }
      return `现在您是 ${found.name}（${found.role}），在 ${chatLabel(deps, chat.id)}。`
    },
    new: () => {
      me = `ou_demo_new_${randomUUID().slice(0, 8)}`
      chat = { id: P2P_CHAT, type: 'p2p' }
      return '现在您是还没有认证的新用户，在与机器人的私聊中。试试 /认证 何伟 5678（花名册里的姓名和手机后四位）。'
    },
    chat: (target) => {
      if (target === '私聊') chat = { id: P2P_CHAT, type: 'p2p' }
      else if (target === '全县') chat = { id: HQ_CHAT, type: 'group' }
      else {
        const zone = matchZone(deps.lookup.zones(), target)
        if (!zone) return '用法：:chat <战区名称|全县|私聊>，例如 :chat 第一战区'
        chat = { id: zoneChat(zone.id), type: 'group' }
      }
      return `已切换到 ${chatLabel(deps, chat.id)}。`
    },
    run: async (arg) => {
      const [name, date] = arg.split(' ')
      const job = jobByName(name ?? '')
      if (!job || (date && !isValidDate(date))) return `用法：:run <${JOBS.map((j) => j.name).join('|')}> [YYYY-MM-DD]`
      const now = date ? atLocalHour(date, 9, config.TIMEZONE) : clock()
      const outcome = await runJob(deps, job, { now, dryRun: true, trigger: 'admin', period: date ? job.defaultPeriod(date) : undefined })
      return [
        style(`定时任务 ${job.name} ${outcome.period} 会发送 ${outcome.messages.length} 条消息（演示中只显示，不记录）：`, 'dim', tty),
        ...outcome.messages.flatMap((m) => [style(`→ ${chatLabel(deps, m.receiveId)}`, 'dim', tty), renderForTerminal(m.msgType, m.content, tty)]),
      ].join('\n')
    },
    help: () => DEMO_HELP,
  }

  return {
    deps,
    /** The connection, for tests that look at the rows (nothing here writes through it). */
    db,
    /** How the database was found: made now, used as it was, or made again (an older generator's). */
    found,
    /** The battle map's address. */
    url,
    /** Who is speaking, and where. */
    get speaker() { return { openId: me, chatId: chat.id, chatType: chat.type } },
    /**
     * One line as typed: a meta command (`:as 姓名`) or a chat message from the current person. Returns
     * what the terminal shows, and for a chat message the router's outcome.
     */
    async line(text: string): Promise<{ output: string; outcome: Handled['outcome'] | null }> {
      if (text.startsWith(':')) {
        const [cmd, ...rest] = text.slice(1).split(' ')
        const handler = meta[cmd ?? '']
        return { output: handler ? await handler(rest.join(' ').trim()) : `不认识的演示命令「${text}」。${DEMO_HELP}`, outcome: null }
      }
      last = null
      await core.receive(consoleMessage({ chatId: chat.id, chatType: chat.type, openId: me, text }))
      await core.messages.drain()
      return { output: flushOutbox().join('\n'), outcome: (last as Handled | null)?.outcome ?? null }
    },
    banner(): string {
      const who = deps.identity.identify(me)
      const village = who.villageCode ? deps.resolve.village(who.villageCode) : null
      const commander = deps.members.commanderName(who.zoneId)
      return [
        style('战区助手 · 终端演示', 'bold', tty),
        {
          fresh: `已生成演示县（${o.dbPath}）。人员均为虚构。`,
          reused: `使用已有的演示数据库 ${o.dbPath}（删除它可重新生成）。`,
          rebuilt: `${o.dbPath} 是旧版本生成的演示数据，已删除并按当前版本重新生成（其中只有演示数据）。人员均为虚构。`,
        }[found],
        `作战图网页：${url}（私聊中发送 /作战图 获取登录链接）`,
        `您是 ${who.name}（${who.role}，${village ? `${village.townshipName}${village.name}` : ''}），在 ${chatLabel(deps, chat.id)}。`,
        '试试：',
        '  /村 进度',
        '  /村 上报',
        '  /任务',
        '  /排名',
        commander ? `  :as ${commander}（切换为本战区指挥长）再发 /逾期` : '',
        '  :chat 私聊 再发 /作战图',
        DEMO_HELP,
      ].filter(Boolean).join('\n')
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      db.close()
    },
  }
}
export type DemoSession = Awaited<ReturnType<typeof openDemo>>

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject).listen(port, '127.0.0.1', () => {
      server.off('error', reject)
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : port)
    })
  })
}

function bindDemoChats(deps: Deps) {
  const zones = deps.lookup.zones().map((z) => z.id)
  deps.tx.run(() => {
    for (const id of zones) if (!deps.bindings.get(zoneChat(id))) deps.bindings.bind(zoneChat(id), id, 'demo', Date.now())
    if (!deps.bindings.get(HQ_CHAT)) deps.bindings.bind(HQ_CHAT, null, 'demo', Date.now())
  })
}

function chatLabel(deps: Deps, chatId: string) {
  if (chatId === P2P_CHAT) return '与机器人的私聊'
  const b = deps.bindings.get(chatId)
  return b ? (b.zoneId === null ? '县指挥部群' : `${b.zoneName}群`) : chatId
}

/** The demo speaks as any roster member; one without a Feishu account gets a stand-in open_id. */
function switchUser(deps: Deps, name: string) {
  const rows = deps.members.named(name)
  if (rows.length === 0) return `花名册里没有「${name}」。试试 :as 后面跟指挥长或队员的姓名（发送 /我 可以看到当前身份）。`
  if (rows.length > 1) return `有 ${rows.length} 位「${name}」（${rows.map((r) => r.role).join('、')}），演示中请换一位。`
  const m = rows[0]!
  const openId = m.openId ?? `ou_demo_member_${m.id}`
  if (!m.openId) deps.accountLinks.link(m.id, openId)
  return { ...deps.identity.identify(openId), name: m.name, role: m.role }
}

/** A line typed in the console as Lark's im.message.receive_v1 event (schema 2.0) carries a text message. */
function consoleMessage(m: { chatId: string; chatType: 'group' | 'p2p'; openId: string; text: string }) {
  const at = String(Date.now())
  return {
    schema: '2.0',
    header: { event_id: randomUUID(), event_type: 'im.message.receive_v1', create_time: at, token: '', app_id: 'cli_demo', tenant_key: 'demo' },
    event: {
      sender: { sender_id: { open_id: m.openId }, sender_type: 'user', tenant_key: 'demo' },
      message: {
        message_id: `om_demo_${randomUUID()}`, chat_id: m.chatId, chat_type: m.chatType, message_type: 'text',
        content: JSON.stringify({ text: m.text }), create_time: at,
      },
    },
  }
}
