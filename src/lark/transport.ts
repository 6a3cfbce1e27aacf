/**
 * What a transport gets from the core (src/core.ts): one function that takes an event as Lark sends it
 * (schema 2.0, decrypted and verified) and resolves to what Lark is answered. The webhook, the long
 * connection and the console demo differ only in how the event arrives (docs/architecture.md).
 */
export type Receive = (event: unknown) => Promise<unknown>

/** A transport that runs on its own (the long connection): what /healthz shows of it, and how it stops. */
export interface Transport {
  state(): string
  close(): void
}
