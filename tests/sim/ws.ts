// The long-connection half: POST /callback/ws/endpoint hands out a ws:// URL, and a `ws` server at /ws
// speaks the SDK's protobuf frames (pbbp2.Frame). Behaviour read off WSClient in
// @larksuiteoapi/node-sdk 1.74.0 lib/index.js.
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import protobuf from 'protobufjs'
import { WebSocket, WebSocketServer } from 'ws'
import { hex } from './ids.js'
import type { SimOptions, WsAck } from './types.js'

// Same field numbers/types as the SDK's bundled (unexported) pbbp2 schema.
const root = protobuf.parse(`
syntax = "proto2";
package pbbp2;
message Header { required string key = 1; required string value = 2; }
message Frame {
  required uint64 SeqID = 1;
  required uint64 LogID = 2;
  required int32 service = 3;
  required int32 method = 4;
  repeated Header headers = 5;
  optional string payloadEncoding = 6;
  optional string payloadType = 7;
  optional bytes payload = 8;
  optional string LogIDNew = 9;
}`).root
const FrameType = root.lookupType('pbbp2.Frame')

interface Frame {
  SeqID: number | string | object
  LogID: number | string | object
  service: number
  method: number // 0 = control (ping/pong), 1 = data (event / ack)
  headers: { key: string; value: string }[]
  payload?: Uint8Array
}

const encodeFrame = (f: Frame): Buffer => Buffer.from(FrameType.encode(FrameType.create(f)).finish())
const decodeFrame = (b: Buffer): Frame => FrameType.decode(b) as unknown as Frame
const header = (f: Frame, key: string) => f.headers.find((h) => h.key === key)?.value

const SERVICE_ID = 1
// The SDK code for "internal error": the only non-zero endpoint code it retries (1 = "system busy"
// and everything else make WSClient give up for good and call onError).
const RETRYABLE_CODE = 1000040343

interface Conn {
  ws: WebSocket
  stalled: boolean
  /** Seen the client's first ping: its frame handler is attached. */
  ready: boolean
}
interface Pending {
  conn: Conn
  resolve: (a: WsAck) => void
  reject: (e: Error) => void
  timer: NodeJS.Timeout
}

export class WsSide {
  private readonly wss = new WebSocketServer({ noServer: true })
  private readonly conns = new Set<Conn>()
  private readonly pending = new Map<string, Pending>()
  private readonly tickets = new Set<string>()
  private refuseUntil = 0
  private busyUntil = 0
  private seq = 0
  private closed = false
  port = 0

  constructor(private readonly opts: SimOptions) {}

  /** ClientConfig in seconds; the SDK multiplies by 1000 and also re-reads it from every pong. */
  private clientConfig() {
    const w = this.opts.ws ?? {}
    return {
      PingInterval: w.pingIntervalSec ?? 120,
      ReconnectCount: -1,
      ReconnectInterval: w.reconnectIntervalSec ?? 1,
      ReconnectNonce: w.reconnectNonceSec ?? 0,
    }
  }

  /** POST /callback/ws/endpoint with {AppID, AppSecret}. */
  endpoint(body: Record<string, any>): { status: number; body: Record<string, any> } {
    if (Date.now() < this.refuseUntil) {
      return { status: 200, body: { code: RETRYABLE_CODE, msg: 'internal error (simulated outage)', data: {} } }
    }
    // "system busy" (code 1): the SDK gives up on it for good and calls onError, even with autoReconnect.
    if (Date.now() < this.busyUntil) return { status: 200, body: { code: 1, msg: 'system busy (simulated)', data: {} } }
    if (body.AppID !== this.opts.appId || body.AppSecret !== this.opts.appSecret) {
      return { status: 200, body: { code: 514, msg: 'auth failed', data: {} } }
    }
    const ticket = hex(8)
    this.tickets.add(ticket)
    // The SDK runs qs.parse() on the WHOLE url, so the first query parameter's key swallows
    // "ws://host/ws?": device_id/service_id must not come first (the real URL starts with fpid=…).
    const URL = `ws://127.0.0.1:${this.port}/ws?fpid=1&device_id=${hex(6)}&service_id=${SERVICE_ID}&ticket=${ticket}`
    return { status: 200, body: { code: 0, msg: 'ok', data: { URL, ClientConfig: this.clientConfig() } } }
  }

  /** http server 'upgrade' handler. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://sim')
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`)
    }
    if (this.closed || url.pathname !== '/ws') return refuse('404 Not Found')
    if (Date.now() < this.refuseUntil) return refuse('503 Service Unavailable')
    if (!this.tickets.has(url.searchParams.get('ticket') ?? '')) return refuse('403 Forbidden')
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws))
  }

  private attach(ws: WebSocket): void {
    const conn: Conn = { ws, stalled: false, ready: false }
    this.conns.add(conn)
    ws.on('message', (data: Buffer) => this.onFrame(conn, data))
    ws.on('error', () => { /* a dropped client; 'close' follows */ })
    ws.on('close', () => {
      this.conns.delete(conn)
      this.failPending(conn, 'connection closed before the ack')
    })
  }

  private onFrame(conn: Conn, data: Buffer): void {
    if (conn.stalled) return
    let f: Frame
    try {
      f = decodeFrame(data)
    } catch {
      return
    }
    const type = header(f, 'type')
    if (f.method === 0 && type === 'ping') {
      // The SDK attaches its frame handler only after 'open' has been processed, and pings first: a
      // connection is ready for events once its first ping arrives (before that, an event could be lost).
      conn.ready = true
      // A pong MUST carry a full ClientConfig: the SDK copies PingInterval etc. from it, and a missing
      // PingInterval would become NaN → a ping every millisecond.
      conn.ws.send(encodeFrame({
        SeqID: f.SeqID, LogID: f.LogID, service: f.service, method: 0,
        headers: [{ key: 'type', value: 'pong' }],
        payload: Buffer.from(JSON.stringify(this.clientConfig())),
      }))
      return
    }
    if (f.method === 1) {
      // The client's ack: our event frame echoed back with payload {"code":200[,"data":base64(JSON)]}.
      const id = header(f, 'message_id')
      const p = id ? this.pending.get(id) : undefined
      if (!p || !id) return
      this.pending.delete(id)
      clearTimeout(p.timer)
      try {
        const ack = JSON.parse(Buffer.from(f.payload ?? []).toString('utf8')) as { code: number; data?: string }
        const out: WsAck = { code: ack.code }
        if (ack.data !== undefined) out.data = JSON.parse(Buffer.from(ack.data, 'base64').toString('utf8'))
        p.resolve(out)
      } catch (e) {
        p.reject(new Error(`unreadable ack payload: ${(e as Error).message}`))
      }
    }
  }

  private failPending(conn: Conn | undefined, why: string): void {
    for (const [id, p] of this.pending) {
      if (conn && p.conn !== conn) continue
      this.pending.delete(id)
      clearTimeout(p.timer)
      p.reject(new Error(`wsPush: ${why}`))
    }
  }

  private live(): Conn[] {
    return [...this.conns].filter((c) => c.ready && !c.stalled && c.ws.readyState === WebSocket.OPEN)
  }

  async push(body: object, timeoutMs = 5000): Promise<WsAck> {
    const deadline = Date.now() + timeoutMs
    let conns = this.live()
    while (!conns.length) {
      if (this.closed) throw new Error('wsPush: simulator closed')
      if (Date.now() >= deadline) throw new Error(`wsPush: no WSClient connected within ${timeoutMs}ms`)
      await new Promise((r) => setTimeout(r, 10))
      conns = this.live()
    }
    // Lark picks one of the app's connections at random.
    const conn = conns[Math.floor(Math.random() * conns.length)]!
    const messageId = `msg_${hex(12)}`
    return new Promise<WsAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId)
        reject(new Error(`wsPush: no ack for ${messageId} within ${timeoutMs}ms`))
      }, Math.max(1, deadline - Date.now()))
      this.pending.set(messageId, { conn, resolve, reject, timer })
      conn.ws.send(encodeFrame({
        SeqID: ++this.seq, LogID: this.seq, service: SERVICE_ID, method: 1,
        headers: [
          { key: 'type', value: 'event' },
          { key: 'message_id', value: messageId },
          { key: 'sum', value: '1' },
          { key: 'seq', value: '0' },
          { key: 'trace_id', value: hex(8) },
        ],
        payload: Buffer.from(JSON.stringify(body)),
      }))
    })
  }

  connections(): number {
    return this.live().length
  }

  drop(): void {
    for (const c of this.conns) c.ws.terminate()
  }

  refuse(ms: number): void {
    this.refuseUntil = Date.now() + ms
  }

  /** Drops every connection and answers the endpoint "system busy" for `ms`. */
  busy(ms: number): void {
    this.busyUntil = Date.now() + ms
    this.drop()
  }

  stall(): void {
    for (const c of this.conns) c.stalled = true
    this.failPending(undefined, 'connection stalled')
  }

  close(): void {
    this.closed = true
    this.failPending(undefined, 'simulator closed')
    this.drop()
    this.wss.close()
  }
}
