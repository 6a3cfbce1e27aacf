import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { KeyValues } from '../../db/repos/key-values'

export type TokenPurpose = 'link' | 'session'

const SECRET_KEY = 'web_secret'

/**
 * The key that signs map links and session cookies: WEB_SECRET when set, otherwise one generated on first
 * start and kept in `settings`, so links survive a restart. Two processes starting at once agree on
 * whichever wrote first.
 */
export function webSecret(keyValues: KeyValues, configured: string | undefined): string {
  if (configured) return configured
  keyValues.setIfAbsent(SECRET_KEY, randomBytes(32).toString('base64url'))
  return String(keyValues.get(SECRET_KEY))
}

const mac = (secret: string, purpose: TokenPurpose, nonce: string) =>
  createHmac('sha256', secret).update(`zhanqu-map|${purpose}|${nonce}`).digest('base64url')

/**
 * `<nonce>.<hmac>`: 192 random bits and their signature. The purpose is signed in, so a session cookie is
 * never accepted as a link and the other way round; a token signed with another key is refused before
 * the database is asked.
 */
export function makeToken(secret: string, purpose: TokenPurpose): string {
  const nonce = randomBytes(24).toString('base64url')
  return `${nonce}.${mac(secret, purpose, nonce)}`
}

/** Whether the token is well formed and signed by us for this purpose (says nothing about expiry or use). */
export function verifyToken(secret: string, purpose: TokenPurpose, token: unknown): token is string {
  if (typeof token !== 'string' || token.length > 200) return false
  const m = /^([A-Za-z0-9_-]{32})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m) return false
  const want = Buffer.from(mac(secret, purpose, m[1]!))
  const got = Buffer.from(m[2]!)
  return want.length === got.length && timingSafeEqual(want, got)
}

/** What the database keeps instead of a token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
