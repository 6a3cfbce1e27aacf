import { randomBytes } from 'node:crypto'

/**
 * The random source where the bot needs one (spot-check draws): crypto-strong, so nobody can predict or
 * steer a draw. A dependency like the clock — tests pass a seeded one. A number in [0, 1), 48 bits.
 */
export type Random = () => number

export const cryptoRandom: Random = () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48
