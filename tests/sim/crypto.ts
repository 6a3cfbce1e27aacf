// Lark's event encryption and signature, shared by the simulator (which produces events) and by tests
// (which check them). Verified against the SDK's own AESCipher in tests/sim.test.ts.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/** The AES key is the raw 32-byte sha256 of the encrypt key string (not the string itself). */
function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest()
}

/** base64(iv16 + AES-256-CBC/PKCS7(plaintext)), the `encrypt` field of an encrypted event body. */
export function encryptLarkPayload(encryptKey: string, plaintext: string): string {
  const iv = randomBytes(16)
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv)
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64')
}

/** Inverse of encryptLarkPayload; throws on a wrong key (bad padding) or a truncated body. */
export function decryptLarkPayload(encryptKey: string, encrypted: string): string {
  const buf = Buffer.from(encrypted, 'base64')
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16))
  return Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8')
}

/** X-Lark-Signature: sha256 hex of timestamp + nonce + encryptKey + the raw body bytes as sent. */
export function larkSignature(timestamp: string, nonce: string, encryptKey: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex')
}
