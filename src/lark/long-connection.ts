import * as lark from '@larksuiteoapi/node-sdk'
import type { Logger } from '../log'
import { sdkLogger } from './client'

/**
 * LARK_MODE=ws: the bot dials out to Lark, so no public URL is needed. The SDK acks an event only after
 * our handler resolves, and our handler resolves as soon as the event is recorded.
 */
export function startLongConnection(o: { appId: string; appSecret: string; domain: string; dispatcher: lark.EventDispatcher; log: Logger }) {
  if (!/^cli_[0-9a-fA-F]{16}$/.test(o.appId)) {
    // The SDK's start() silently does nothing for such an id; say so instead of waiting forever.
    o.log.warn({ appId: o.appId }, 'LARK_APP_ID does not look like cli_ + 16 hex digits: the long connection will not start')
  }
  const client = new lark.WSClient({
    appId: o.appId,
    appSecret: o.appSecret,
    domain: o.domain,
    autoReconnect: true,
    logger: sdkLogger(o.log),
    loggerLevel: lark.LoggerLevel.warn,
    handshakeTimeoutMs: 10_000,
    // Without it a half-open connection hangs silently (lark-protocol.md).
    wsConfig: { pingTimeout: 30 },
    onReady: () => o.log.info('long connection ready'),
    onReconnecting: () => o.log.warn('long connection lost, reconnecting'),
    onReconnected: () => o.log.info('long connection restored'),
    onError: (err) => o.log.error({ err: err.message }, 'long connection gave up'),
  })
  void client.start({ eventDispatcher: o.dispatcher })
  return {
    state: () => client.getConnectionStatus().state,
    close: () => client.close({ force: true }),
  }
}
