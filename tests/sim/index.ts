// A local Lark/Feishu for tests: one loopback HTTP server that the REAL @larksuiteoapi/node-sdk is
// pointed at with `domain: sim.url` (Client and WSClient), plus event producers for the webhook mode.
//
//   const sim = await startLarkSimulator({ appId: 'cli_0123456789abcdef', appSecret: 's' })
//   const client = new lark.Client({ appId, appSecret, domain: sim.url })
//   ... sim.messages, sim.fault({...}), sim.wsPush(sim.messageEvent({...})) ...
//   await sim.close()
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import * as events from './events.js'
import { createHttpState, handleHttp } from './http.js'
import type { LarkSimulator, SimOptions } from './types.js'
import { WsSide } from './ws.js'
import { hex } from './ids.js'
import type { SimResource } from './resources.js'

export { p2pChatId } from './ids.js'
export { decryptLarkPayload, encryptLarkPayload, larkSignature } from './crypto.js'
export type { ChatState } from './chats.js'
export type { SimResource } from './resources.js'
export type {
  Fault, LarkSimulator, MessageEventParams, PostEventOptions, PostEventResult, SimFile, SimMessage, SimOptions,
  SimRequest, WsAck,
} from './types.js'

export async function startLarkSimulator(o: SimOptions): Promise<LarkSimulator> {
  const ws = new WsSide(o)
  const st = createHttpState(o, (body) => ws.endpoint(body))
  const server = createServer((req, res) => {
    handleHttp(st, req, res).catch(() => res.destroy())
  })
  server.on('upgrade', (req, socket, head) => ws.upgrade(req, socket, head))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  ws.port = (server.address() as AddressInfo).port
  const ctx: events.EventCtx = { appId: o.appId, verificationToken: o.verificationToken, encryptKey: o.encryptKey }
  let closed = false
  const addResource = (messageId: string, key: string, r: SimResource) => {
    const m = st.resources.get(messageId) ?? new Map<string, SimResource>()
    st.resources.set(messageId, m.set(key, r))
  }

  return {
    url: `http://127.0.0.1:${ws.port}`,
    appId: o.appId,
    messages: st.messages,
    requests: st.requests,
    files: st.files,
    urgent: st.urgent,
    fault: (f) => { st.faults.push({ ...f, left: f.times ?? 1 }) },
    clearFaults: () => { st.faults.length = 0 },
    async waitFor(predicate, timeoutMs = 5000, what) {
      const deadline = Date.now() + timeoutMs
      while (!predicate()) {
        if (Date.now() >= deadline) {
          throw new Error(`waitFor timed out after ${timeoutMs}ms: ${what ?? predicate.toString()}`)
        }
        await new Promise((r) => setTimeout(r, 10))
      }
    },
    expireTokens: () => st.tokens.clear(),
    setChat: (chatId, state) => { if (state) st.chatStates.set(chatId, state); else st.chatStates.delete(chatId) },
    recall: (messageId) => { st.recalled.add(messageId) },
    messageEvent(p) {
      // A file or picture gets a key in Feishu's shape, and its bytes are served for that message.
      if (p.file) p = { ...p, file: { ...p.file, key: p.file.key ?? `file_v3_${hex(16)}` } }
      if (p.image) p = { ...p, image: { ...p.image, key: p.image.key ?? `img_v3_${hex(16)}` } }
      const ev = events.messageEvent(ctx, p)
      const messageId = ev.event.message.message_id as string
      if (p.file?.data) addResource(messageId, p.file.key!, { type: 'file', data: p.file.data, chunked: p.file.chunked })
      if (p.image?.data) addResource(messageId, p.image.key!, { type: 'image', data: p.image.data })
      // Remember the chat so a reply to this message is attributed to it (and rate-limited per chat).
      st.chatOf.set(messageId, ev.event.message.chat_id as string)
      return ev
    },
    addResource,
    botAddedEvent: (p) => events.botAddedEvent(ctx, p),
    cardActionEvent: (p) => events.cardActionEvent(ctx, p),
    menuEvent: (p) => events.menuEvent(ctx, p),
    challengeBody: (challenge, token) => events.challengeBody(ctx, challenge, token),
    postEvent: (url, body, opt) => events.postEvent(ctx, url, body, opt),
    wsPush: (body, timeoutMs) => ws.push(body, timeoutMs),
    wsConnections: () => ws.connections(),
    wsDrop: () => ws.drop(),
    wsRefuse: (ms) => ws.refuse(ms),
    wsBusy: (ms) => ws.busy(ms),
    wsStall: () => ws.stall(),
    async close() {
      if (closed) return
      closed = true
      for (const t of st.timers) clearTimeout(t)
      st.timers.clear()
      ws.close()
      const done = new Promise<void>((resolve) => server.close(() => resolve()))
      // Keep-alive sockets (axios uses Node's keep-alive global agent) would hold close() open.
      server.closeAllConnections()
      await done
    },
  }
}
