import { createRng } from './prng'

/**
 * How a spot-check draw picks its households, named and versioned so a stored draw says how it was made:
 * the population sorted by 户编号, then a partial Fisher–Yates shuffle driven by mulberry32 from the seed.
 * Anyone with the seed and the same population gets the same list, in the same order.
 */
export const SAMPLING_METHOD = 'mulberry32 + Fisher–Yates over 户编号 order, v1'

/** A fresh 32-bit seed from the random source (crypto-strong in production, seeded in tests). */
export function newSeed(random: () => number): number {
  const r = random()
  if (!(r >= 0 && r < 1)) throw new RangeError(`random() gave ${r}, not a number in [0, 1)`)
  return Math.floor(r * 2 ** 32)
}

/**
 * `n` of `population` uniformly at random without replacement: each household equally likely, each set of
 * `n` equally likely. The population is put in 户编号 order first, so the order it was read in does not
 * matter.
 */
export function drawSample(population: readonly string[], n: number, seed: number): string[] {
  if (!Number.isInteger(n) || n < 1 || n > population.length) throw new RangeError(`cannot draw ${n} of ${population.length}`)
  const pool = [...population].sort()
  const rng = createRng(seed)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng.next() * (pool.length - i))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, n)
}

/** The default size of a draw: 5 per village that has households to draw, at most `max`, at most all of them. */
export function defaultDrawSize(villagesWithHouseholds: number, population: number, perVillage: number, max: number): number {
  return Math.min(max, population, perVillage * villagesWithHouseholds)
}
