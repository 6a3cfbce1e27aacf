// §11: what unauthenticated connections can make the bot hold (issue 22). `connections` at once, each
// declaring a body of `declaredBytes` and sending all of it but the last byte as fast as the bot reads, then
// waiting: the request never completes, so whatever the bot reads of it, it holds. Without a signature, or
// with a forged one (a fresh timestamp and a made-up signature: the bot must read the body to find out).
// Measured from outside: the bot's RSS before, its peak while the connections are open (VmHWM), and after
// they are gone; how each connection ended (answered with what status, closed without an answer, still
// open when we gave up) and when the last one ended.
import { connect } from 'node:net'
import type { Child } from './child'
import { round, sleep } from './stats'

export interface ConnectionsResult {
  connections: number
  declaredBytes: number
  signed: boolean
  rss: { beforeMb: number; peakMb: number; afterMb: number }
  /** "413", "408", "closed" (no answer: the connection cap, or a reset), "open" (still open at maxMs). */
  ends: Record<string, number>
  lastEndMs: number
}

export async function measureConnections(child: Child, o: { connections: number; declaredBytes: number; signed: boolean; maxMs: number }): Promise<ConnectionsResult> {
  await sleep(1000)
  const before = child.memory()
  const body = Buffer.alloc(o.declaredBytes - 1, 0x20)   // one buffer for every socket: the client's memory stays flat
  const head = [
    'POST /webhook/event HTTP/1.1', 'Host: 127.0.0.1', 'Content-Type: application/json', `Content-Length: ${o.declaredBytes}`,
    ...(o.signed ? [`X-Lark-Request-Timestamp: ${Math.floor(Date.now() / 1000)}`, 'X-Lark-Request-Nonce: bench', `X-Lark-Signature: ${'0'.repeat(64)}`] : []),
    '', '',
  ].join('\r\n')
  const started = performance.now()
  const ends = await Promise.all(Array.from({ length: o.connections }, () => holdOne(child.port, head, body, o.maxMs, started)))
  await sleep(2000)   // let the bot give back what it can
  const after = child.memory()
  const count: Record<string, number> = {}
  for (const e of ends) count[e.how] = (count[e.how] ?? 0) + 1
  return {
    connections: o.connections,
    declaredBytes: o.declaredBytes,
    signed: o.signed,
    rss: { beforeMb: round(before.rssMb, 1), peakMb: round(after.peakMb, 1), afterMb: round(after.rssMb, 1) },
    ends: count,
    lastEndMs: round(Math.max(...ends.filter((e) => e.how !== 'open').map((e) => e.atMs), 0), 0),
  }
}

function holdOne(port: number, head: string, body: Buffer, maxMs: number, started: number): Promise<{ how: string; atMs: number }> {
  return new Promise((resolve) => {
    let answer = ''
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head)
      socket.write(body)
    })
    const timer = setTimeout(() => { socket.destroy(); resolve({ how: 'open', atMs: maxMs }) }, maxMs)
    socket.on('data', (d) => { if (answer.length < 12) answer += d.toString('latin1') })
    socket.on('error', () => {})   // a reset while we still write is one of the ways it ends
    socket.on('close', () => {
      clearTimeout(timer)
      resolve({ how: /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 'closed', atMs: performance.now() - started })
    })
  })
}
