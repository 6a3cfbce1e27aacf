// Measurement 2: event → reply received by the simulator, at a steady rate (open loop), through the whole
// path: webhook → inbox → router → /村 上报 (writes the record) → outbox → sender → the simulator's
// reply endpoint. Latency is counted from each event's scheduled send time.
import type { LarkSimulator } from '../sim'
import type { PreparedEvent } from './load'
import { openLoop } from './load'
import { sleep, summarize, type Summary } from './stats'

export interface E2eResult {
  rate: number; seconds: number; sent: number; replied: number; latency: Summary; non200: number; maxLagMs: number
  /** The webhook's answers by HTTP status (0: no answer). */
  statuses: Record<number, number>
  /** Answers of the simulator other than 200 to the bot's sends (e.g. 230020 when a chat's 5/s is exceeded). */
  sendErrors: Record<number, number>
  /** When (s after the start) the replies slower than 1 s were scheduled. */
  slowAtSec: number[]
}

export async function measureE2e(sim: LarkSimulator, botUrl: string, events: PreparedEvent[], rate: number, seconds: number): Promise<E2eResult> {
  const before = sim.requests.length
  const run = await openLoop(`${botUrl}/webhook/event`, events, rate, seconds * 1000)
  const repliedAt = () => {
    const out = new Map<string, number>()
    for (const m of sim.messages) if (m.reply_to && !out.has(m.reply_to)) out.set(m.reply_to, m.at)
    return out
  }
  const deadline = Date.now() + 60_000
  let replies = repliedAt()
  while ([...run.scheduledAt.keys()].some((id) => !replies.has(id)) && Date.now() < deadline) {
    await sleep(100)
    replies = repliedAt()
  }
  const latencies: number[] = []
  const slowAtSec: number[] = []
  const first = Math.min(...run.scheduledAt.values())
  for (const [id, at] of run.scheduledAt) {
    const r = replies.get(id)
    if (r !== undefined) latencies.push(r - at)
    if (r === undefined || r - at > 1000) slowAtSec.push(Math.round((at - first) / 100) / 10)
  }
  const sendErrors: Record<number, number> = {}
  for (const r of sim.requests.slice(before)) if (r.path.startsWith('/open-apis/im/') && r.status !== 200) sendErrors[r.status] = (sendErrors[r.status] ?? 0) + 1
  const non200 = Object.entries(run.statuses).filter(([s]) => s !== '200').reduce((n, [, c]) => n + c, 0)
  return { rate, seconds, sent: run.sent, replied: latencies.length, latency: summarize(latencies), non200, statuses: run.statuses, maxLagMs: run.maxLagMs, sendErrors, slowAtSec: slowAtSec.slice(0, 50) }
}
