import { Writable } from 'node:stream'
import { afterAll } from 'vitest'
import { createBot, type Bot, type BotOptions } from '../../src/app'
import { loadConfig } from '../../src/config'
import { createLogger } from '../../src/log'
import type { SenderOptions } from '../../src/lark/sender'
import { startLarkSimulator, type LarkSimulator, type SimMessage, type SimOptions } from '../sim'
import { tempDbPath, tempDir } from './temp'
import { plainText } from '../../src/lark/cards/kit'
import { personalDataIn } from './personal-data'

export const ENCRYPT_KEY = 'test-encrypt-key'
export const VERIFICATION_TOKEN = 'test-verification-token'

let appCounter = 0
/** A fresh app id per simulator: the SDK caches tokens process-wide by app id. */
export function appId(): string {
  appCounter += 1
  return `cli_${(process.pid * 1000 + appCounter).toString(16).padStart(16, '0').slice(-16)}`
}

export async function startSim(o: Partial<SimOptions> = {}): Promise<LarkSimulator> {
  const sim = await startLarkSimulator({ appId: appId(), appSecret: 'secret', encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN, ...o })
  afterAll(() => sim.close())
  return sim
}

export interface TestBot {
  bot: Bot
  url: string
  dbPath: string
  logs: string[]
  stop(): Promise<void>
}

/** The real bot, against the simulator, on a temp SQLite file. Logs are captured for the privacy scan. */
export async function startBot(sim: LarkSimulator, o: { mode?: 'webhook' | 'ws'; env?: Record<string, string>; clock?: () => Date; serverClock?: () => number; dbPath?: string; sender?: SenderOptions; appId?: string; pingTimeoutSec?: number; httpTimeoutMs?: number; httpLimits?: BotOptions['httpLimits']; random?: () => number } = {}): Promise<TestBot> {
  const dbPath = o.dbPath ?? tempDbPath(tempDir())
  const config = loadConfig({
    LARK_APP_ID: o.appId ?? sim.appId,
    LARK_APP_SECRET: 'secret',
    LARK_DOMAIN: sim.url,
    LARK_MODE: o.mode ?? 'webhook',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
    PORT: '0',
    DATABASE_PATH: dbPath,
    SCHEDULER: 'off',
    LOG_LEVEL: 'info',
    ...o.env,
  })
  const logs: string[] = []
  const sink = new Writable({ write(chunk, _enc, done) { logs.push(String(chunk)); done() } })
  const bot = createBot({ config, clock: o.clock, serverClock: o.serverClock, log: createLogger('info', sink), sender: o.sender, pingTimeoutSec: o.pingTimeoutSec, httpTimeoutMs: o.httpTimeoutMs, httpLimits: o.httpLimits, random: o.random })
  const { port } = await bot.start()
  let stopped = false
  const stop = async () => {
    if (stopped) return
    stopped = true
    await bot.stop()
    // Every end-to-end test doubles as a privacy test: its log may not hold the fixture's personal data.
    const leaks = personalDataIn(logs)
    if (leaks.length > 0) throw new Error(`personal data in the bot's log:\n${leaks.join('\n')}`)
  }
  afterAll(stop)
  return { bot, url: `http://127.0.0.1:${port}`, dbPath, logs, stop }
}

/** The text a person would read in a message: the text itself, or the card's plain-text rendering. */
export function readable(m: SimMessage): string {
  return m.msg_type === 'text' ? String(m.content?.text ?? '') : plainText(m.content)
}
