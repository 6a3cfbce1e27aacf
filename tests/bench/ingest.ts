// Measurement 1: webhook ingest of encrypted, signed `/村 上报` events at concurrency 32 over loopback
// keep-alive — the bot (child process) against the bare SDK (child process), the same events, alternating
// rounds so machine noise hits both alike. Also how fast the bot then *handles* what it accepted (the
// commands run after the 200, in the same process, competing for the same core).
import type { Child } from './child'
import type { PreparedEvent } from './load'
import { closedLoop, type LoadResult } from './load'
import { sleep, summarize, type Summary } from './stats'

export interface IngestSide { events: number; elapsedMs: number; perSec: number; latency: Summary; non200: number }
export interface IngestResult {
  bot: IngestSide
  bare: IngestSide
  ratio: number
  /** Accepted events handled (command run, reply queued), per second from the start of a bot round until the last is handled. */
  handledPerSec: number
  bareHandlerCalls: number
}

const CONCURRENCY = 32

function side(results: LoadResult[]): IngestSide {
  const events = results.reduce((n, r) => n + r.sent, 0)
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0)
  const non200 = results.reduce((n, r) => n + Object.entries(r.statuses).filter(([s]) => s !== '200').reduce((m, [, c]) => m + c, 0), 0)
  return { events, elapsedMs, perSec: (events / elapsedMs) * 1000, latency: summarize(results.flatMap((r) => r.latencies)), non200 }
}

/** Waits (bounded) until the bot has handled everything it accepted; returns when that happened. */
async function handledAll(bot: Child, maxMs: number): Promise<number> {
  const deadline = Date.now() + maxMs
  for (;;) {
    const c = await bot.ask<{ unhandled: number }>({ type: 'counts' })
    if (c.unhandled === 0) return Date.now()
    if (Date.now() > deadline) throw new Error(`bot still had ${c.unhandled} events unhandled after ${maxMs} ms`)
    await sleep(20)
  }
}

export async function measureIngest(bot: Child, bare: Child, rounds: PreparedEvent[][], warmup: PreparedEvent[], maxMsPerRound: number): Promise<IngestResult> {
  const botUrl = `${bot.url}/webhook/event`
  const bareUrl = `${bare.url}/webhook/event`
  await closedLoop(bareUrl, warmup, CONCURRENCY, maxMsPerRound)
  await closedLoop(botUrl, warmup, CONCURRENCY, maxMsPerRound)
  await handledAll(bot, 60_000)
  const botRuns: LoadResult[] = []
  const bareRuns: LoadResult[] = []
  let handled = 0
  let handledMs = 0
  for (const [i, events] of rounds.entries()) {
    const runBot = async () => {
      const started = Date.now()
      const r = await closedLoop(botUrl, events, CONCURRENCY, maxMsPerRound)
      botRuns.push(r)
      const done = await handledAll(bot, 120_000)   // before the next round, so the backlog never loads the bare SDK's turn
      handled += r.sent
      handledMs += done - started
    }
    const runBare = async () => void bareRuns.push(await closedLoop(bareUrl, events, CONCURRENCY, maxMsPerRound))
    if (i % 2 === 0) { await runBare(); await runBot() } else { await runBot(); await runBare() }
  }
  const b = side(botRuns)
  const s = side(bareRuns)
  const calls = (await bare.ask<{ handled: number }>({ type: 'counts' })).handled
  return { bot: b, bare: s, ratio: b.perSec / s.perSec, handledPerSec: (handled / handledMs) * 1000, bareHandlerCalls: calls }
}
