import type { EventDispatcher } from '@larksuiteoapi/node-sdk'
import { lark } from './sdk'
import type { Logger } from '../log'
import { sdkLogger } from './client'
import type { Receive, Transport } from './transport'

const RESTART_AFTER_MS = 5_000

/**
 * LARK_MODE=ws: the bot dials out to Lark, so no public URL is needed. The SDK acks an event only after
 * our handler resolves, and our handler resolves as soon as the event is recorded.
 */
export function startLongConnection(o: { appId: string; appSecret: string; domain: string; receive: Receive; log: Logger; pingTimeoutSec?: number; restartAfterMs?: number }): Transport {
  const restartAfterMs = o.restartAfterMs ?? RESTART_AFTER_MS
  if (!/^cli_[0-9a-fA-F]{16}$/.test(o.appId)) {
    // The SDK's start() silently does nothing for such an id; say so instead of waiting forever.
    o.log.warn('LARK_APP_ID does not look like cli_ + 16 hex digits: the long connection will not start')
  }
  let closed = false
  let restartTimer: NodeJS.Timeout | null = null
  // The SDK's client hands each event to an EventDispatcher's invoke(event, { needCheck: false }) — the
  // core's receive() is exactly that, so the core's own dispatcher stays inside the core.
  const eventDispatcher = { invoke: (event: unknown) => o.receive(event) } as unknown as EventDispatcher
  let client = connect()

  function connect() {
    const c = new lark.WSClient({
      appId: o.appId,
      appSecret: o.appSecret,
      domain: o.domain,
      autoReconnect: true,
      logger: sdkLogger(o.log),
      loggerLevel: lark.LoggerLevel.warn,
      handshakeTimeoutMs: 10_000,
      // Without it a half-open connection hangs silently. It must be shorter than Lark's ping interval
      // (120 s): every ping re-arms the SDK's watchdog.
      wsConfig: { pingTimeout: o.pingTimeoutSec ?? 30 },
      onReady: () => o.log.info('long connection ready'),
      onReconnecting: () => o.log.warn('long connection lost, reconnecting'),
      onReconnected: () => o.log.info('long connection restored'),
      // The SDK gives up for good on most endpoint error codes (e.g. "system busy"), even with
      // autoReconnect. A bot that must not go deaf starts over with a new client.
      onError: (err) => {
        // Only the current client's give-up counts, and only one restart may be pending: a second timer
        // would start a second client that nothing closes (two connections, events split between them).
        if (closed || c !== client) return
        o.log.error({ err: err.message }, `long connection gave up; starting again in ${restartAfterMs / 1000} s`)
        if (restartTimer) clearTimeout(restartTimer)
        restartTimer = setTimeout(() => {
          restartTimer = null
          c.close({ force: true })
          if (!closed) client = connect()
        }, restartAfterMs)
      },
    })
    void c.start({ eventDispatcher })
    return c
  }

  return {
    state: () => String(client.getConnectionStatus().state),
    close: () => {
      closed = true
      if (restartTimer) clearTimeout(restartTimer)
      client.close({ force: true })
    },
  }
}
