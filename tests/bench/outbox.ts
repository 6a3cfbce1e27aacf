// Measurement 5: drain 2,000 queued messages to 100 chats through the real sender (src/lark/sender.ts,
// the SDK client) against the simulator enforcing Lark's limits (50/s per app, 5/s per chat; over them it
// answers 429 / 230020 like Lark). Nothing may be lost or sent twice.
import { join } from 'node:path'
import { openDatabase } from '../../db/open'
import { createFileRenderer } from '../../src/export/file-message'
import { createOutbox } from '../../db/repos/outbox'
import { createLarkClient, createTokenCache } from '../../src/lark/client'
import { createSender } from '../../src/lark/sender'
import { createLogger } from '../../src/log'
import type { LarkSimulator } from '../sim'
import { sleep } from './stats'

export interface OutboxResult {
  messages: number
  chats: number
  limitPerSec: number
  perMinute: number
  seconds: number
  perSec: number
  /** perSec ÷ limitPerSec. */
  ofLimit: number
  /** The least time the limits allow: a full window at once, then one window per second (39 s for 2,000 at 50/s). */
  bestSeconds: number
  /** bestSeconds ÷ seconds. */
  ofBest: number
  /** Sends the simulator refused: 429 (app over 50/s) plus 400 (230020, a chat over 5/s). */
  rateLimited: number
  appLimited: number
  chatLimited: number
  otherErrors: number
  lost: number
  /** Sends answered 200 beyond one per message (resends absorbed by the uuid). */
  duplicates: number
}

/**
 * `perMinute`: the sender's own per-app minute window. Lark also allows only 1,000 per minute per app; the
 * simulator does not enforce that, so the headline run sets it to 60 × the per-second limit (not binding)
 * to measure the pacing against what the simulator enforces.
 */
export async function measureOutbox(sim: LarkSimulator, dir: string, o: { messages: number; chats: number; perSec: number; perMinute: number; maxMs: number }): Promise<OutboxResult> {
  const db = openDatabase(join(dir, 'outbox.db'))
  const outbox = createOutbox(db)
  const now = Date.now()
  db.transaction(() => {
    for (let i = 0; i < o.messages; i++) {
      outbox.enqueue({ receiveId: `oc_drain_${i % o.chats}`, msgType: 'text', content: JSON.stringify({ text: `第 ${i + 1} 条：本周逾期任务提醒` }) }, now)
    }
  })()
  const log = createLogger('silent')
  const cache = createTokenCache()
  const client = createLarkClient({ appId: sim.appId, appSecret: 'secret', domain: sim.url, log, cache })
  const sender = createSender({ outbox, client, cache, log, renderFile: createFileRenderer({ dbPath: db.name, timeZone: 'Asia/Shanghai' }) }, { perAppPerSecond: o.perSec, perAppPerMinute: o.perMinute, perChatPerSecond: 5 })
  const before = sim.requests.length
  const started = Date.now()
  sender.start()
  const deadline = started + o.maxMs
  while (outbox.counts().pending > 0 && Date.now() < deadline) await sleep(20)
  await sender.stop()
  const sent = sim.messages.filter((m) => m.uuid?.startsWith('outbox-'))
  const last = Math.max(...sent.map((m) => m.at))
  const seconds = (last - started) / 1000
  const requests = sim.requests.slice(before).filter((r) => r.path.startsWith('/open-apis/im/'))
  const uuids = new Set(sent.map((m) => m.uuid))
  const counts = outbox.counts()
  db.close()
  const perSec = sent.length / seconds
  return {
    messages: o.messages,
    chats: o.chats,
    limitPerSec: o.perSec,
    perMinute: o.perMinute,
    seconds,
    perSec,
    ofLimit: perSec / o.perSec,
    bestSeconds: Math.ceil(o.messages / o.perSec) - 1,
    ofBest: (Math.ceil(o.messages / o.perSec) - 1) / seconds,
    rateLimited: requests.filter((r) => r.status === 429 || r.status === 400).length,
    appLimited: requests.filter((r) => r.status === 429).length,
    chatLimited: requests.filter((r) => r.status === 400).length,
    otherErrors: requests.filter((r) => r.status !== 200 && r.status !== 429 && r.status !== 400).length + counts.failed,
    lost: o.messages - uuids.size,
    // Lark (and the simulator) drops a resend with the same uuid; count how many sends it had to drop.
    duplicates: requests.filter((r) => r.status === 200).length - uuids.size,
  }
}
