// Public types of the Lark simulator (re-exported from ./index.ts).
import type { ChatState } from './chats.js'
import type { SimResource } from './resources.js'

export interface SimOptions {
  /** Must match /^cli_[0-9a-fA-F]{16}$/: WSClient.start() silently does nothing otherwise. */
  appId: string
  appSecret: string
  /** When set, events from postEvent are encrypted ({encrypt}) and signed (X-Lark-Signature). */
  encryptKey?: string
  /** Put into header.token of every event envelope (and into the url_verification challenge). */
  verificationToken?: string
  /** When set, message create/reply are limited like Lark (sliding 1 s windows, and a minute's). Unset = unlimited. */
  rateLimit?: { perAppPerSecond?: number; perAppPerMinute?: number; perChatPerSecond?: number }
  /** mobile → open_id, answered by contact/v3/users/batch_get_id. */
  users?: Record<string, string>
  /** Long-connection timings handed to the WSClient in ClientConfig (seconds; fractions are fine). */
  ws?: { pingIntervalSec?: number; reconnectIntervalSec?: number; reconnectNonceSec?: number }
}

export interface SimMessage {
  /** For a patch: the id of the patched message. */
  message_id: string
  kind: 'create' | 'reply' | 'patch'
  /**
   * Known chat: receive_id for receive_id_type=chat_id, the person's direct chat (p2pChatId) for open_id,
   * the chat of the replied/patched message if known.
   */
  chat_id?: string
  receive_id_type?: string
  receive_id?: string
  reply_to?: string
  reply_in_thread?: boolean
  msg_type: string
  /** Parsed JSON of the content string. */
  content: any
  raw_content: string
  uuid?: string
  at: number
}

export interface Fault {
  /** Matched against the request pathname (no query string); a string must be equal. */
  path?: string | RegExp
  method?: string
  /** How many matching requests this fault answers (default 1). */
  times?: number
  status?: number
  body?: any
  headers?: Record<string, string>
  /** Answer only after this delay; with no status/drop the normal answer follows (a slow server). */
  delayMs?: number
  /** Destroy the socket without answering. */
  drop?: boolean
}

export interface SimRequest {
  method: string
  path: string
  /** HTTP status answered; 0 when the socket was dropped. */
  status: number
  at: number
}

export interface SimFile {
  file_key: string
  file_name: string
  file_type: string
  size: number
  bytes: Buffer
  /** filename of the multipart part; undefined when the SDK got a Buffer (form-data sends no filename
   * then). Whether real Lark accepts such a part is unverified: a stream upload is the safe choice. */
  part_filename?: string
}

export interface SimUrgent {
  message_id: string
  user_id_type: string
  user_ids: string[]
  at: number
}

export interface MessageEventParams {
  text?: string
  post?: any
  chatId?: string
  chatType?: 'group' | 'p2p'
  openId?: string
  messageId?: string
  eventId?: string
  senderType?: 'user' | 'app'
  /**
   * true: the bot's @-mention leads the text, as when a person taps @战区助手 first. 'inline': the text
   * already holds `@_user_1` (the bot) and `@_user_2`… (people) where the sender put them.
   */
  mentionBot?: boolean | 'inline'
  messageType?: string
  /** A file message ({file_key, file_name}); `data`: the bytes the resources endpoint serves for it. */
  file?: { name: string; key?: string; data?: Buffer; chunked?: boolean }
  /** An image message ({image_key}); `data`: the picture's bytes. */
  image?: { key?: string; data?: Buffer }
  /** The content of any other message type (sticker, audio, media…), with `messageType`. */
  content?: object
  /** The message this one replies to (parent_id; root_id is set to it too). */
  parentId?: string
}

export interface PostEventOptions {
  /** Default: true when the simulator has an encryptKey. */
  encrypt?: boolean
  /** Default: true when there is an encryptKey, except for url_verification (Lark sends it unsigned). */
  sign?: boolean
  badSignature?: boolean
  /** Send exactly these bytes as the body (still signed unless sign:false). */
  rawBody?: string
  timestamp?: string
  nonce?: string
}

export interface PostEventResult {
  status: number
  /** Parsed JSON, or the text when it is not JSON, or null for an empty body. */
  body: any
  ms: number
}

/** What the WSClient acknowledged: code 200 (handler resolved) or 500 (handler threw); `data` is the
 * handler's return value (the SDK sends it base64-encoded JSON; decoded here). */
export interface WsAck {
  code: number
  data?: any
}

export interface LarkSimulator {
  url: string
  /** The app this simulator plays Lark for. */
  appId: string
  messages: SimMessage[]
  requests: SimRequest[]
  files: SimFile[]
  /** In-app urgent calls (PATCH …/messages/:id/urgent_app) that Lark accepted. */
  urgent: SimUrgent[]
  fault(f: Fault): void
  clearFaults(): void
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>
  expireTokens(): void
  /** From now on, sends to this chat are refused as Lark refuses them (null: the chat is fine again). */
  setChat(chatId: string, state: ChatState | null): void
  /** The sender recalled this message: a reply to it gets 230011. */
  recall(messageId: string): void
  messageEvent(p: MessageEventParams): object
  /** Bytes the resources endpoint serves for a key of a message (e.g. the pictures of a rich-text post). */
  addResource(messageId: string, key: string, r: SimResource): void
  botAddedEvent(p: { chatId: string; operatorOpenId?: string; name?: string; eventId?: string }): object
  cardActionEvent(p: { openId: string; chatId: string; messageId: string; value: any; formValue?: any; eventId?: string }): object
  /** A bot-menu press (application.bot.menu_v6). */
  menuEvent(p: { openId: string; eventKey: string; eventId?: string; name?: string }): object
  challengeBody(challenge?: string, token?: string): object
  postEvent(url: string, body: object, o?: PostEventOptions): Promise<PostEventResult>
  wsPush(body: object, timeoutMs?: number): Promise<WsAck>
  wsConnections(): number
  wsDrop(): void
  wsRefuse(ms: number): void
  /** Drops the connections and answers the endpoint with a code the SDK gives up on ("system busy") for `ms`. */
  wsBusy(ms: number): void
  /** Half-open simulation: current connections stay open but the server stops answering anything
   * (no pongs, no acks matched). Only a client with wsConfig.pingTimeout notices and reconnects. */
  wsStall(): void
  close(): Promise<void>
}
