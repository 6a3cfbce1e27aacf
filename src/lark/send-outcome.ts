/** What to do after one attempt to send an outbox row. */
export type SendOutcome =
  /** `chatId`: the chat Lark put the message in, when it said (for a send by open_id, the person's direct chat). */
  | { kind: 'sent'; messageId: string; chatId?: string }
  | { kind: 'retry'; afterMs: number | null; reason: string; code: number | null; appWide?: boolean }   // null: the backoff schedule
  | { kind: 'refresh-token'; reason: string }
  | { kind: 'permanent'; reason: string; code: number | null }
  /** A reply whose parent message is gone (recalled…): send it to the chat as a plain message instead. */
  | { kind: 'parent-gone'; reason: string; code: number }

/**
 * Errors that resending cannot fix, with what they mean for the operator (`admin stats` shows them). The
 * list is the IM error codes of Feishu's 发送消息, 回复消息 and 上传文件 pages; a code marked 请稍后重试 there is
 * in TRANSIENT instead.
 */
export const PERMANENT_CODES: ReadonlyMap<number, string> = new Map([
  [230001, '请求参数错误'],
  [230002, '机器人不在该群：把机器人加回群里'],
  [230006, '应用未启用机器人能力'],
  [230013, '接收人不在应用的可用范围内（或已离职）'],
  [230015, '单聊不能分享'],
  [230017, '机器人不是该文件的上传者'],
  [230018, '群设置不允许机器人发言'],
  [230019, '话题不存在'],
  [230022, '消息含敏感信息'],
  [230025, '消息过大'],
  [230027, '没有权限：检查应用权限和可用范围'],
  [230028, '消息未通过数据防泄漏审查'],
  [230029, '接收人已离职'],
  [230034, '接收者 ID 无效'],
  [230035, '没有发消息的权限（群已禁言或机器人被屏蔽）'],
  [230036, '租户加密密钥已被删除'],
  [230038, '不能向其他企业的单聊发消息'],
  [230053, '接收人已设置不接收机器人消息'],
  [230054, '该会话不支持这种消息类型'],
  [230055, '文件类型与消息类型不符'],
  [230071, '该群不支持以话题形式回复'],
  [230072, '已聚合的消息不支持以话题形式回复'],
  [230075, '不能向密聊发消息'],
  [230099, '卡片内容无效'],
  [232009, '群已解散'],
  [234001, '上传文件：请求参数无效'],
  [234002, '上传文件：鉴权失败'],
  [234006, '上传文件：文件超过 30 MB'],
  [234007, '上传文件：应用未启用机器人能力'],
  [234010, '上传文件：文件为空'],
  [234041, '上传文件：租户加密密钥已被删除'],
  [234042, '上传文件：租户存储出错（如空间已满）'],
])

/** The message being replied to is gone or hidden: 230011 recalled, 230050 not visible to the bot, 230111 about to self-destruct. */
export const PARENT_GONE_CODES: ReadonlyMap<number, string> = new Map([
  [230011, '原消息已撤回'], [230050, '原消息对机器人不可见'], [230111, '原消息即将定时删除'],
])

/** Documented as "try again later": 230020 the chat's rate limit, 230049 the message is still being sent, 232096 app writes paused. */
const TRANSIENT = new Set([230020, 230049, 232096])
const TOKEN = new Set([99991661, 99991663, 99991671])

/** Classifies Lark's answer: a 2xx body, or the error axios threw. */
export function classify(result: { body?: any; error?: any }): SendOutcome {
  const err = result.error
  const body = err ? err.response?.data : result.body
  const status: number | undefined = err?.response?.status
  const code: number | null = typeof body?.code === 'number' ? body.code : null
  const reason = `${status ? `HTTP ${status} ` : ''}${code !== null ? `code ${code} ` : ''}${body?.msg ?? err?.code ?? err?.message ?? ''}`.trim()

  if (!err && code === 0) {
    const messageId = body?.data?.message_id ?? body?.data?.file_key
    if (!messageId) return { kind: 'retry', afterMs: null, reason: 'answer without message_id', code }
    const chatId = body.data.chat_id
    return typeof chatId === 'string' && chatId.startsWith('oc_') ? { kind: 'sent', messageId, chatId } : { kind: 'sent', messageId }
  }
  if (!err && code === null) return { kind: 'retry', afterMs: null, reason: 'answer without a code', code }
  if (code !== null && TOKEN.has(code)) return { kind: 'refresh-token', reason }
  if (code !== null && PARENT_GONE_CODES.has(code)) return { kind: 'parent-gone', reason: `${reason}（${PARENT_GONE_CODES.get(code)}）`, code }
  if (code !== null && PERMANENT_CODES.has(code)) return { kind: 'permanent', reason: `${reason}（${PERMANENT_CODES.get(code)}）`, code }
  if (status === 429 || code === 99991400) {
    const reset = Number(err?.response?.headers?.['x-ogw-ratelimit-reset'])
    // The app's limit, not this message's: every send waits for the reset (appWide).
    return { kind: 'retry', afterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000, reason, code, appWide: true }
  }
  if (code !== null && TRANSIENT.has(code)) return { kind: 'retry', afterMs: code === 230020 ? 1000 : null, reason, code }
  // No answer at all (timeout, refused or dropped connection) or Lark's own fault (5xx): try again later.
  if (!status && err) return { kind: 'retry', afterMs: null, reason: reason || 'no answer', code }
  if (status !== undefined && status >= 500) return { kind: 'retry', afterMs: null, reason, code }
  // A refusal with a code not documented as transient (any other 4xx, or a 2xx with a non-zero code):
  // resending the same request gets the same answer.
  return { kind: 'permanent', reason: reason || 'unknown error', code }
}
