/** mulberry32: a tiny seeded PRNG — the demo county is the same on every machine for the same seed, and a spot-check draw is reproduced from its stored seed. */
export function createRng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) // inclusive
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    /** Picks by weight: [[value, weight], …]. */
    weighted: <T>(table: readonly (readonly [T, number])[]): T => {
      let r = next() * table.reduce((s, [, w]) => s + w, 0)
      for (const [v, w] of table) if ((r -= w) < 0) return v
      return table[table.length - 1]![0]
    },
    shuffle: <T>(list: readonly T[]): T[] => {
      const out = [...list]
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    },
  }
}

export type Rng = ReturnType<typeof createRng>
