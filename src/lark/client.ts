import { lark } from './sdk'
import type { Logger } from '../log'

/**
 * The SDK's HTTP layer has no timeout by default: a half-open connection would stall the sender forever.
 * It is one axios instance for the whole process.
 */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000
lark.defaultHttpInstance.defaults.timeout = DEFAULT_HTTP_TIMEOUT_MS

/** Tests that simulate a Lark slower than the timeout shorten it (process-wide, like the instance). */
export function setHttpTimeout(ms: number) {
  lark.defaultHttpInstance.defaults.timeout = ms
}

/** A token cache we can clear: the SDK never refreshes a token Lark has revoked (99991663). */
export function createTokenCache() {
  const values = new Map<string, { value: unknown; expiredTime?: number }>()
  // The SDK passes Symbol keys: `${key}` would throw, key.toString() does not.
  const keyOf = (key: string | Symbol, namespace?: string) => `${namespace ?? ''}/${key.toString()}`
  return {
    async get(key: string | Symbol, options?: { namespace?: string }) {
      const hit = values.get(keyOf(key, options?.namespace))
      if (!hit || (hit.expiredTime && hit.expiredTime <= Date.now())) return undefined
      return hit.value
    },
    async set(key: string | Symbol, value: unknown, expiredTime?: number, options?: { namespace?: string }) {
      values.set(keyOf(key, options?.namespace), { value, expiredTime })
      return true
    },
    clear() {
      values.clear()
    },
  }
}
export type TokenCache = ReturnType<typeof createTokenCache>

/**
 * The SDK logs failed requests with their request body, which holds message text and so personal data.
 * This adapter keeps only what says what went wrong.
 */
export function sdkLogger(log: Logger) {
  const summarize = (args: unknown[]) => args.map((a) => {
    if (Array.isArray(a)) return a.map((e: any) => e?.message ?? e?.msg ?? (typeof e === 'string' ? e : e?.code)).join('; ')
    if (a instanceof Error) return a.message
    return typeof a === 'string' ? a : (a as any)?.message ?? (a as any)?.msg ?? '[object]'
  }).join(' ')
  return {
    error: (...a: unknown[]) => log.warn({ sdk: summarize(a) }, 'lark sdk error'),
    warn: (...a: unknown[]) => log.warn({ sdk: summarize(a) }, 'lark sdk warning'),
    info: (...a: unknown[]) => log.debug({ sdk: summarize(a) }, 'lark sdk'),
    debug: (...a: unknown[]) => log.trace({ sdk: summarize(a) }, 'lark sdk'),
    trace: (...a: unknown[]) => log.trace({ sdk: summarize(a) }, 'lark sdk'),
  }
}

export function createLarkClient(o: { appId: string; appSecret: string; domain: string; log: Logger; cache: TokenCache }) {
  return new lark.Client({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: o.domain,
    appType: lark.AppType.SelfBuild,
    cache: o.cache,
    logger: sdkLogger(o.log),
    loggerLevel: lark.LoggerLevel.warn,
  })
}
