// The Open API half of the simulator: tokens, IM messages, file upload, contact lookup, bot info,
// plus fault injection and Lark-like rate limits. Shapes follow @larksuiteoapi/node-sdk 1.74.0 and the
// Feishu docs (发送消息 / 回复消息 / 更新已发送的消息卡片 / 上传文件 / 通过手机号或邮箱获取用户 ID / 获取机器人信息).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { BOT_NAME, BOT_OPEN_ID, TENANT_KEY, hex, newMessageId, p2pChatId } from './ids.js'
import { parseMultipart } from './multipart.js'
import { chatRefusal, RECALLED, type ChatState } from './chats.js'
import type { Fault, SimFile, SimMessage, SimOptions, SimRequest, SimUrgent } from './types.js'
import { getResource, type Resources } from './resources.js'

type Json = Record<string, any>
export interface Answer {
  status: number
  body: Json
  headers?: Record<string, string>
  /** Bytes instead of JSON (a downloaded resource); `chunked`: without Content-Length, as a stream. */
  bytes?: { data: Buffer; type: string; chunked?: boolean }
}

const ok = (body: Json): Answer => ({ status: 200, body: { code: 0, msg: 'success', ...body } })
// IM business errors come back as HTTP 400 with the code in the body (the SDK then throws an axios error).
const imError = (code: number, msg: string): Answer => ({ status: 400, body: { code, msg } })
const badParam = (why: string) => imError(230001, `Your request contains an invalid request parameter, ext=${why}`)

const TEXT_LIMIT = 150 * 1024
const CARD_LIMIT = 30 * 1024 // cards and rich text (post)
const UUID_TTL_MS = 60 * 60 * 1000
const FILE_LIMIT = 30 * 1024 * 1024
const MSG_TYPES = new Set(['text', 'post', 'interactive', 'file', 'image'])
const RECEIVE_ID_TYPES = new Set(['open_id', 'union_id', 'user_id', 'email', 'chat_id'])
const FILE_TYPES = new Set(['opus', 'mp4', 'pdf', 'doc', 'xls', 'ppt', 'stream'])

export interface SentMessage {
  chat_id?: string
  /** The person a direct message went to (receive_id_type=open_id). */
  open_id?: string
  msg_type: string
  content: any
}

/** Everything the HTTP side knows; shared with index.ts (public arrays) and events (chatOf). */
export interface HttpState {
  opts: SimOptions
  messages: SimMessage[]
  requests: SimRequest[]
  files: SimFile[]
  urgent: SimUrgent[]
  faults: (Fault & { left: number })[]
  /** Valid tokens; expireTokens() clears it. */
  tokens: Set<string>
  /** uuid → first answer, for Lark's 1-hour send dedupe. */
  uuids: Map<string, { data: Json; at: number }>
  /** Messages the bot sent (for patch checks and reply chat lookup). */
  sent: Map<string, SentMessage>
  /** message_id → chat_id of user messages produced by messageEvent(), so replies know their chat. */
  chatOf: Map<string, string>
  appWindow: number[]
  appMinute: number[]
  chatWindows: Map<string, number[]>
  timers: Set<NodeJS.Timeout>
  /** Chats the bot can no longer send to (setChat), and messages recalled by their sender (recall). */
  chatStates: Map<string, ChatState>
  recalled: Set<string>
  /** Files and pictures of user messages, served by the resources endpoint (./resources.ts). */
  resources: Resources
  /** The long-connection endpoint lives in ws.ts. */
  wsEndpoint: (body: Json) => Answer
}

export function createHttpState(opts: SimOptions, wsEndpoint: HttpState['wsEndpoint']): HttpState {
  return {
    opts, messages: [], requests: [], files: [], urgent: [], faults: [], tokens: new Set(), uuids: new Map(),
    sent: new Map(), chatOf: new Map(), appWindow: [], appMinute: [], chatWindows: new Map(), timers: new Set(), chatStates: new Map(), recalled: new Set(), resources: new Map(), wsEndpoint,
  }
}

function send(res: ServerResponse, a: Answer): void {
  if (res.writableEnded || res.destroyed) return
  if (a.bytes) return sendBytes(res, a.bytes)
  res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8', ...a.headers })
  res.end(JSON.stringify(a.body))
}

function sendBytes(res: ServerResponse, b: NonNullable<Answer['bytes']>): void {
  res.writeHead(200, { 'content-type': b.type, ...(b.chunked ? {} : { 'content-length': String(b.data.length) }) })
  // In 64 KB pieces, as a network delivers them: a reader that stops early leaves the rest unsent.
  let at = 0
  const next = () => {
    while (at < b.data.length) {
      const piece = b.data.subarray(at, at + 65_536)
      at += piece.length
      if (!res.write(piece)) return void res.once('drain', next)
    }
    res.end()
  }
  res.on('error', () => {})
  next()
}

function sleep(st: HttpState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(() => { st.timers.delete(t); resolve() }, ms)
    st.timers.add(t)
  })
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function takeFault(st: HttpState, method: string, path: string): Fault | undefined {
  const i = st.faults.findIndex((f) =>
    (!f.method || f.method.toUpperCase() === method) &&
    (f.path === undefined || (typeof f.path === 'string' ? f.path === path : f.path.test(path))))
  if (i < 0) return undefined
  const f = st.faults[i]!
  if (--f.left <= 0) st.faults.splice(i, 1)
  return f
}

/** Default body for a fault given only a status, so callers see Lark-shaped errors. */
function faultBody(status: number): Json {
  if (status === 429) return { code: 99991400, msg: 'request trigger frequency limit' }
  if (status >= 500) return { code: 1500, msg: 'internal error' }
  return { code: 230001, msg: 'invalid request parameter (simulated fault)' }
}

export async function handleHttp(st: HttpState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase()
  const url = new URL(req.url ?? '/', 'http://sim')
  const record: SimRequest = { method, path: url.pathname, status: 0, at: Date.now() }
  st.requests.push(record)
  res.on('finish', () => { record.status = res.statusCode })
  const body = await readBody(req)

  const fault = takeFault(st, method, url.pathname)
  if (fault) {
    if (fault.delayMs) await sleep(st, fault.delayMs)
    if (fault.drop) { req.socket.destroy(); return }
    if (fault.status !== undefined) {
      send(res, { status: fault.status, body: fault.body ?? faultBody(fault.status), headers: fault.headers })
      return
    }
  }
  let answer: Answer
  try {
    answer = route(st, method, url, req, body)
  } catch (e) {
    answer = { status: 500, body: { code: 1500, msg: `simulator error: ${(e as Error).message}` } }
  }
  send(res, answer)
}

function parseJson(body: Buffer): Json | undefined {
  try {
    const v: unknown = JSON.parse(body.toString('utf8') || '{}')
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined
  } catch {
    return undefined
  }
}

function route(st: HttpState, method: string, url: URL, req: IncomingMessage, raw: Buffer): Answer {
  const path = url.pathname
  const json = () => parseJson(raw)

  if (method === 'POST' && path === '/callback/ws/endpoint') return st.wsEndpoint(json() ?? {})
  if (method === 'POST' && (path === '/open-apis/auth/v3/tenant_access_token/internal' ||
    path === '/open-apis/auth/v3/app_access_token/internal')) {
    return issueToken(st, json() ?? {}, path.includes('app_access_token'))
  }
  if (!path.startsWith('/open-apis/')) return { status: 404, body: { code: 404, msg: 'not found' } }

  const auth = checkAuth(st, req.headers.authorization)
  if (auth) return auth

  let m: RegExpExecArray | null
  if (method === 'POST' && path === '/open-apis/im/v1/messages') return createMessage(st, url, json())
  if (method === 'POST' && (m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path))) {
    return replyMessage(st, decodeURIComponent(m[1]!), json())
  }
  if (method === 'PATCH' && (m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/.exec(path))) {
    return urgentApp(st, decodeURIComponent(m[1]!), url, json())
  }
  if (method === 'PATCH' && (m = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path))) {
    return patchMessage(st, decodeURIComponent(m[1]!), json())
  }
  if (method === 'POST' && path === '/open-apis/im/v1/files') {
    return uploadFile(st, String(req.headers['content-type'] ?? ''), raw)
  }
  if (method === 'GET' && (m = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path))) {
    return getResource(st.resources, decodeURIComponent(m[1]!), decodeURIComponent(m[2]!), url.searchParams.get('type'))
  }
  if (method === 'POST' && path === '/open-apis/contact/v3/users/batch_get_id') {
    return batchGetId(st, url, json())
  }
  if (method === 'GET' && path === '/open-apis/bot/v3/info') {
    return {
      status: 200,
      body: { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: BOT_NAME, avatar_url: '', ip_white_list: [], open_id: BOT_OPEN_ID } },
    }
  }
  return { status: 404, body: { code: 404, msg: 'not found' } }
}

// --- auth ---------------------------------------------------------------------------------------

function issueToken(st: HttpState, b: Json, appToken: boolean): Answer {
  // Lark answers bad credentials with HTTP 200 and a non-zero code; the SDK then throws
  // "failed to get tenant_access_token, code: 10014 ...".
  if (b.app_id !== st.opts.appId || b.app_secret !== st.opts.appSecret) {
    return { status: 200, body: { code: 10014, msg: 'app secret invalid' } }
  }
  const tenant = `t-${hex(20)}`
  st.tokens.add(tenant)
  const body: Json = { code: 0, msg: 'ok', tenant_access_token: tenant, expire: 7200 }
  if (appToken) {
    const app = `a-${hex(20)}`
    st.tokens.add(app)
    body.app_access_token = app
  }
  return { status: 200, body }
}

function checkAuth(st: HttpState, header: string | undefined): Answer | undefined {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim()
  if (!token) return { status: 400, body: { code: 99991661, msg: 'Missing access token for authorization. Please make a request with token attached.' } }
  if (!st.tokens.has(token)) {
    return { status: 400, body: { code: 99991663, msg: 'Invalid access token for authorization. Please make a request with token attached.' } }
  }
  return undefined
}

// --- rate limits --------------------------------------------------------------------------------

/** Sliding window (1 s unless given): ms until a slot frees up, or 0 when one is free now. */
function windowWait(list: number[], limit: number, now: number, periodMs = 1000): number {
  while (list.length && list[0]! <= now - periodMs) list.shift()
  return list.length >= limit ? list[0]! + periodMs - now : 0
}

/** Lark's answer over the app's limit: 429, and when the window frees up (x-ogw-ratelimit-reset, seconds). */
function appLimited(limit: number, waitMs: number): Answer {
  return {
    status: 429,
    body: { code: 99991400, msg: 'request trigger frequency limit' },
    headers: { 'x-ogw-ratelimit-limit': String(limit), 'x-ogw-ratelimit-reset': String(Math.ceil(waitMs / 1000)) },
  }
}

function rateCheck(st: HttpState, chatKey: string): Answer | undefined {
  const rl = st.opts.rateLimit
  if (!rl) return undefined
  const now = Date.now()
  if (rl.perAppPerSecond !== undefined) {
    const wait = windowWait(st.appWindow, rl.perAppPerSecond, now)
    if (wait > 0) return appLimited(rl.perAppPerSecond, wait)
  }
  if (rl.perAppPerMinute !== undefined) {
    // appWindow holds the last second only when perAppPerSecond prunes it; the minute keeps its own list.
    const wait = windowWait(st.appMinute, rl.perAppPerMinute, now, 60_000)
    if (wait > 0) return appLimited(rl.perAppPerMinute, wait)
  }
  if (rl.perChatPerSecond !== undefined) {
    const list = st.chatWindows.get(chatKey) ?? []
    st.chatWindows.set(chatKey, list)
    if (windowWait(list, rl.perChatPerSecond, now) > 0) {
      return imError(230020, 'This operation triggers the frequency limit.')
    }
  }
  return undefined
}

function rateRecord(st: HttpState, chatKey: string): void {
  const now = Date.now()
  st.appWindow.push(now)
  st.appMinute.push(now)
  const list = st.chatWindows.get(chatKey) ?? []
  list.push(now)
  st.chatWindows.set(chatKey, list)
}

// --- messages -----------------------------------------------------------------------------------

/** Validates msg_type + content the way Lark does; returns the parsed content or an error answer. */
function checkContent(msgType: unknown, content: unknown, files: SimFile[]): { parsed: any } | Answer {
  if (typeof msgType !== 'string' || !MSG_TYPES.has(msgType)) return badParam(`unsupported msg_type ${String(msgType)}`)
  if (typeof content !== 'string') return badParam('content must be a JSON string')
  let parsed: any
  try {
    parsed = JSON.parse(content)
  } catch {
    // An unparsable card is reported as a card error (230099 / ErrCode 200621), the rest as 230001.
    return msgType === 'interactive'
      ? imError(230099, 'Failed to create card content, ext=ErrCode: 200621; ErrMsg: parse card json err, please check whether the card json is correct')
      : badParam('content is not valid JSON')
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return badParam('content must be a JSON object')
  const size = Buffer.byteLength(content, 'utf8')
  switch (msgType) {
    case 'text':
      if (typeof parsed.text !== 'string') return badParam('text content needs a "text" string')
      if (size > TEXT_LIMIT) return imError(230025, 'The length of the message content reaches its limit.')
      break
    case 'post': {
      // Sending format: {"zh_cn": {"title": "...", "content": [[{tag, ...}]]}} (one or more locales).
      const locales = Object.values(parsed) as any[]
      if (!locales.length || !locales.every((l) => l && Array.isArray(l.content) && l.content.every(Array.isArray))) {
        return badParam('post content needs {locale: {title, content: [[...]]}}')
      }
      if (size > CARD_LIMIT) return imError(230025, 'The length of the message content reaches its limit.')
      break
    }
    case 'interactive':
      if (size > CARD_LIMIT) return imError(230025, 'The length of the message content reaches its limit.')
      break
    case 'file':
      if (typeof parsed.file_key !== 'string') return badParam('file content needs "file_key"')
      // Lark only lets a bot send files it uploaded itself.
      if (!files.some((f) => f.file_key === parsed.file_key)) return imError(230017, 'Bot is NOT the owner of the resource.')
      break
    case 'image':
      if (typeof parsed.image_key !== 'string') return badParam('image content needs "image_key"')
      break
  }
  return { parsed }
}

function messageData(st: HttpState, id: string, msgType: string, content: string, chatId: string | undefined, parentId?: string): Json {
  const now = String(Date.now())
  return {
    message_id: id,
    ...(parentId ? { root_id: parentId, parent_id: parentId } : {}),
    msg_type: msgType,
    create_time: now,
    update_time: now,
    deleted: false,
    updated: false,
    chat_id: chatId ?? '',
    sender: { id: st.opts.appId, id_type: 'app_id', sender_type: 'app', tenant_key: TENANT_KEY },
    body: { content },
  }
}

/** Shared tail of create and reply: rate limits, uuid dedupe, record. */
function accept(st: HttpState, b: Json, parsed: any, chatKey: string, msg: Omit<SimMessage, 'message_id' | 'content' | 'raw_content' | 'at' | 'msg_type' | 'uuid'>, parentId?: string): Answer {
  const refused = chatRefusal(st.chatStates, msg.chat_id)
  if (refused) return imError(...refused)
  const limited = rateCheck(st, chatKey)
  if (limited) return limited
  const uuid = typeof b.uuid === 'string' && b.uuid ? b.uuid : undefined
  if (uuid && uuid.length > 50) return badParam('uuid longer than 50 characters')
  const now = Date.now()
  if (uuid) {
    const seen = st.uuids.get(uuid)
    if (seen && now - seen.at < UUID_TTL_MS) {
      rateRecord(st, chatKey)
      return ok({ data: seen.data })
    }
  }
  const id = newMessageId()
  const data = messageData(st, id, b.msg_type, b.content, msg.chat_id, parentId)
  if (uuid) st.uuids.set(uuid, { data, at: now })
  rateRecord(st, chatKey)
  st.sent.set(id, { chat_id: msg.chat_id, open_id: msg.receive_id_type === 'open_id' ? msg.receive_id : undefined, msg_type: b.msg_type, content: parsed })
  st.messages.push({ ...msg, message_id: id, msg_type: b.msg_type, content: parsed, raw_content: b.content, uuid, at: now })
  return ok({ data })
}

function createMessage(st: HttpState, url: URL, b: Json | undefined): Answer {
  if (!b) return badParam('body is not JSON')
  const idType = url.searchParams.get('receive_id_type')
  if (!idType || !RECEIVE_ID_TYPES.has(idType)) return badParam('receive_id_type must be one of open_id/union_id/user_id/email/chat_id')
  const rid = b.receive_id
  if (typeof rid !== 'string' || !rid) return badParam('receive_id is required')
  // Catch the classic mix-up of an open_id sent as chat_id (and vice versa).
  if (idType === 'chat_id' && !rid.startsWith('oc_')) return badParam(`receive_id ${rid} is not a chat_id`)
  if (idType === 'open_id' && !rid.startsWith('ou_')) return badParam(`receive_id ${rid} is not an open_id`)
  const c = checkContent(b.msg_type, b.content, st.files)
  if (!('parsed' in c)) return c
  // Lark answers a send to a person with their direct chat with the bot (data.chat_id); the other person ids
  // (union_id, user_id, email) are not mapped to an open_id here, so their chat stays unknown.
  const chatId = idType === 'chat_id' ? rid : idType === 'open_id' ? p2pChatId(rid) : undefined
  return accept(st, b, c.parsed, chatId ?? `p2p:${rid}`, { kind: 'create', chat_id: chatId, receive_id_type: idType, receive_id: rid })
}

function replyMessage(st: HttpState, parentId: string, b: Json | undefined): Answer {
  if (!b) return badParam('body is not JSON')
  if (!parentId.startsWith('om_')) return badParam(`message_id ${parentId} is not a message id`)
  if (st.recalled.has(parentId)) return imError(...RECALLED)
  const c = checkContent(b.msg_type, b.content, st.files)
  if (!('parsed' in c)) return c
  // The bot mostly replies to user messages the simulator never stored; the chat is known when the
  // message came from messageEvent() or was sent by the bot.
  const chatId = st.chatOf.get(parentId) ?? st.sent.get(parentId)?.chat_id
  return accept(st, b, c.parsed, chatId ?? `msg:${parentId}`, {
    kind: 'reply', chat_id: chatId, reply_to: parentId,
    ...(typeof b.reply_in_thread === 'boolean' ? { reply_in_thread: b.reply_in_thread } : {}),
  }, parentId)
}

const isShared = (card: any): boolean => card?.config?.update_multi === true

function patchMessage(st: HttpState, id: string, b: Json | undefined): Answer {
  if (!b) return badParam('body is not JSON')
  const orig = st.sent.get(id)
  if (!orig) return badParam(`message ${id} was not sent by this bot`)
  if (orig.msg_type !== 'interactive') return badParam(`message ${id} is not a card`)
  const c = checkContent('interactive', b.content, st.files)
  if (!('parsed' in c)) return c
  // Lark requires config.update_multi:true before AND after the update (shared card); it is easy to
  // forget, so the simulator refuses (the exact code Lark uses here is unverified).
  if (!isShared(orig.content) || !isShared(c.parsed)) {
    return imError(230099, 'Failed to create card content, ext=card must declare config.update_multi=true before and after the update')
  }
  orig.content = c.parsed
  st.messages.push({ message_id: id, kind: 'patch', chat_id: orig.chat_id, msg_type: 'interactive', content: c.parsed, raw_content: b.content, at: Date.now() })
  return { status: 200, body: { code: 0, msg: 'ok', data: {} } }
}

/**
 * 发送应用内加急: only a message the bot sent, to people in its chat (for a direct message: the person it
 * went to). Ids outside the chat come back in invalid_user_id_list; when none is valid, 230001.
 */
function urgentApp(st: HttpState, id: string, url: URL, b: Json | undefined): Answer {
  const idType = url.searchParams.get('user_id_type')
  if (idType !== 'open_id' && idType !== 'union_id' && idType !== 'user_id') return badParam('user_id_type is required')
  const ids: unknown = b?.user_id_list
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 200 || !ids.every((x) => typeof x === 'string')) return badParam('user_id_list must hold 1 to 200 ids')
  const orig = st.sent.get(id)
  if (!orig) return imError(230012, 'Bot is NOT the sender of the message.')
  const inChat = (u: string) => (orig.open_id !== undefined ? u === orig.open_id : u.startsWith('ou_'))
  const valid = (ids as string[]).filter(inChat)
  if (valid.length === 0) return badParam('no user in user_id_list is in the chat of the message')
  st.urgent.push({ message_id: id, user_id_type: idType, user_ids: valid, at: Date.now() })
  return ok({ data: { invalid_user_id_list: (ids as string[]).filter((u) => !inChat(u)) } })
}

// --- files, contacts ----------------------------------------------------------------------------

function uploadFile(st: HttpState, contentType: string, raw: Buffer): Answer {
  const bad = (why: string): Answer => ({ status: 400, body: { code: 234001, msg: `Invalid request param. ${why}` } })
  const parts = contentType.toLowerCase().startsWith('multipart/form-data') ? parseMultipart(contentType, raw) : null
  if (!parts) return bad('expected multipart/form-data')
  const field = (n: string) => parts.find((p) => p.name === n)
  const fileType = field('file_type')?.data.toString('utf8')
  const fileName = field('file_name')?.data.toString('utf8')
  const file = field('file')
  if (!fileType || !FILE_TYPES.has(fileType)) return bad('file_type must be one of opus/mp4/pdf/doc/xls/ppt/stream')
  if (!fileName) return bad('file_name is required')
  if (!file) return bad('file is required')
  if (file.data.length === 0) return { status: 400, body: { code: 234010, msg: "File's size can't be 0." } }
  if (file.data.length > FILE_LIMIT) return { status: 400, body: { code: 234006, msg: 'The file size exceed the max value.' } }
  const key = `file_v3_${hex(16)}`
  st.files.push({ file_key: key, file_name: fileName, file_type: fileType, size: file.data.length, bytes: file.data, part_filename: file.filename })
  // The SDK's im.file.create returns only `data` ({file_key}) to its caller.
  return ok({ data: { file_key: key } })
}

function batchGetId(st: HttpState, url: URL, b: Json | undefined): Answer {
  if (!b) return { status: 400, body: { code: 10003, msg: 'invalid parameter' } }
  const idType = url.searchParams.get('user_id_type') ?? 'open_id'
  if (idType !== 'open_id') return { status: 400, body: { code: 10003, msg: 'simulator only knows open_id (user_id_type=open_id)' } }
  const mobiles: unknown[] = Array.isArray(b.mobiles) ? b.mobiles : []
  const emails: unknown[] = Array.isArray(b.emails) ? b.emails : []
  if (mobiles.length > 50 || emails.length > 50) return { status: 400, body: { code: 10003, msg: 'at most 50 mobiles and 50 emails' } }
  const users = st.opts.users ?? {}
  const status = { is_frozen: false, is_resigned: false, is_activated: true, is_exited: false, is_unjoin: false }
  // One entry per queried mobile; an unknown one comes back without user_id (Lark's behaviour).
  const user_list = mobiles.map((raw) => {
    const mobile = String(raw)
    const id = users[mobile] ?? users[mobile.replace(/^\+86/, '')] ?? users[`+86${mobile}`]
    return id ? { user_id: id, mobile, status } : { mobile }
  })
  for (const e of emails) user_list.push({ email: String(e) } as any)
  return ok({ data: { user_list } })
}
