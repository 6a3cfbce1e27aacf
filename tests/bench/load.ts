// Load over loopback with keep-alive: events encrypted and signed the way Lark sends them (the simulator's
// own crypto), prepared before the clock starts so the generator's cost is only the HTTP exchange.
import { Agent, request } from 'node:http'
import { randomBytes } from 'node:crypto'
import { encryptLarkPayload, larkSignature, type LarkSimulator, type MessageEventParams } from '../sim'

export interface PreparedEvent { messageId: string; body: Buffer; headers: Record<string, string> }

/** `sim.messageEvent` (which also tells the simulator the message's chat), encrypted and signed. */
export function prepareEvent(sim: LarkSimulator, encryptKey: string, p: MessageEventParams & { messageId: string }): PreparedEvent {
  const plain = JSON.stringify(sim.messageEvent(p))
  const raw = JSON.stringify({ encrypt: encryptLarkPayload(encryptKey, plain) })
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = randomBytes(8).toString('hex')
  return {
    messageId: p.messageId,
    body: Buffer.from(raw),
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(raw)),
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': larkSignature(timestamp, nonce, encryptKey, raw),
    },
  }
}

function post(agent: Agent, url: URL, e: PreparedEvent): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: e.headers, agent }, (res) => {
      res.on('data', () => {})
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', () => resolve(0))
    })
    req.on('error', () => resolve(0))
    req.end(e.body)
  })
}

export interface LoadResult {
  sent: number
  elapsedMs: number
  /** ms from the request's start to the end of the answer, one per event. */
  latencies: number[]
  statuses: Record<number, number>
}

/**
 * Closed loop: `concurrency` keep-alive connections, each posting the next event as soon as its previous
 * one is answered — until the events run out or `maxMs` has passed.
 */
export async function closedLoop(target: string, events: readonly PreparedEvent[], concurrency: number, maxMs: number): Promise<LoadResult> {
  const url = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let next = 0
  const started = performance.now()
  const deadline = started + maxMs
  const worker = async () => {
    while (next < events.length && performance.now() < deadline) {
      const e = events[next++]!
      const t = performance.now()
      const status = await post(agent, url, e)
      latencies.push(performance.now() - t)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  const elapsedMs = performance.now() - started
  agent.destroy()
  return { sent: latencies.length, elapsedMs, latencies, statuses }
}

export interface OpenLoopResult {
  sent: number
  elapsedMs: number
  /** Scheduled send time (epoch ms) per message id: latency is measured from the schedule, so a late
   * generator cannot hide a slow server (no coordinated omission). */
  scheduledAt: Map<string, number>
  statuses: Record<number, number>
  /** The largest lag of an actual send behind its schedule. */
  maxLagMs: number
  /** ms from each event's scheduled send to its answer (the 200), in send order. */
  answerMs: number[]
}

/** Open loop: event i goes out at start + i / rate, whether or not earlier ones were answered. */
export async function openLoop(target: string, events: readonly PreparedEvent[], ratePerSec: number, durationMs: number): Promise<OpenLoopResult> {
  const url = new URL(target)
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const total = Math.min(events.length, Math.floor((durationMs / 1000) * ratePerSec))
  const scheduledAt = new Map<string, number>()
  const statuses: Record<number, number> = {}
  const pending: Promise<void>[] = []
  const answerMs: number[] = []
  let maxLagMs = 0
  const start = Date.now() + 20
  let i = 0
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = Date.now()
      while (i < total && start + (i * 1000) / ratePerSec <= now) {
        const e = events[i]!
        const at = start + (i * 1000) / ratePerSec
        maxLagMs = Math.max(maxLagMs, now - at)
        scheduledAt.set(e.messageId, at)
        pending.push(post(agent, url, e).then((s) => { statuses[s] = (statuses[s] ?? 0) + 1; answerMs.push(Date.now() - at) }))
        i++
      }
      if (i >= total || now > start + durationMs + 5000) return resolve()
      setTimeout(tick, Math.max(0, Math.min(5, start + (i * 1000) / ratePerSec - Date.now())))
    }
    setTimeout(tick, 20)
  })
  await Promise.all(pending)
  agent.destroy()
  return { sent: i, elapsedMs: Date.now() - start, scheduledAt, statuses, maxLagMs, answerMs }
}
