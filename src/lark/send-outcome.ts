/** What to do after one attempt to send an outbox row. */
export type SendOutcome =
  | { kind: 'sent'; messageId: string }
  | { kind: 'retry'; afterMs: number | null; reason: string; appWide?: boolean }   // null: use the backoff schedule
  | { kind: 'refresh-token'; reason: string }
  | { kind: 'permanent'; reason: string }

/** Wrong input that resending cannot fix (lark-protocol.md, "Limits and errors"). */
const PERMANENT = new Map<number, string>([
  [230001, '参数错误'], [230002, '机器人不在该群'], [230099, '卡片内容无效'], [230025, '消息过大'],
])
const TOKEN = new Set([99991661, 99991663, 99991671])

/** Classifies Lark's answer: a 2xx body, or the error axios threw. */
export function classify(result: { body?: any; error?: any }): SendOutcome {
  const err = result.error
  const body = err ? err.response?.data : result.body
  const status: number | undefined = err?.response?.status
  const code: number | undefined = typeof body?.code === 'number' ? body.code : undefined
  const reason = `${status ? `HTTP ${status} ` : ''}${code !== undefined ? `code ${code} ` : ''}${body?.msg ?? err?.code ?? err?.message ?? ''}`.trim()

  if (!err && code === 0) {
    const messageId = body?.data?.message_id ?? body?.data?.file_key
    return messageId ? { kind: 'sent', messageId } : { kind: 'retry', afterMs: null, reason: 'answer without message_id' }
  }
  if (code !== undefined && TOKEN.has(code)) return { kind: 'refresh-token', reason }
  if (code !== undefined && PERMANENT.has(code)) return { kind: 'permanent', reason: `${reason}（${PERMANENT.get(code)}）` }
  if (status === 429 || code === 99991400) {
    const reset = Number(err?.response?.headers?.['x-ogw-ratelimit-reset'])
    // The app's limit, not this message's: every send waits for the reset (appWide).
    return { kind: 'retry', afterMs: Number.isFinite(reset) && reset > 0 ? reset * 1000 : 1000, reason, appWide: true }
  }
  if (code === 230020) return { kind: 'retry', afterMs: 1000, reason }
  // 5xx, timeouts, refused or dropped connections, and business codes we do not know: try again later.
  return { kind: 'retry', afterMs: null, reason: reason || 'unknown error' }
}
