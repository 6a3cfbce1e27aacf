import { randomInt } from 'node:crypto'

/**
 * The random source where the bot needs one (spot-check draws): crypto-strong, so nobody can predict or
 * steer a draw. A dependency like the clock — tests pass a seeded one.
 */
export type Random = () => number

export const cryptoRandom: Random = () => randomInt(0, 2 ** 48) / 2 ** 48
