import { z } from 'zod'
import { shown } from './args'
import { takePage } from './pages'
import { UserError } from '../src/reply'

/**
 * One kind of word in a list people write in any order (`/逾期 全部 团结乡` = `/逾期 团结乡 全部`). Each slot
 * knows its words by their look, so the order cannot matter; what no slot takes is the free word (a name).
 */
export interface Slot<T> {
  /** As the usage shows it: `第 N 页`, `全部 或 将到期`. */
  label: string
  /** Taken before slots of a higher rank: a page number first, the free word last. */
  rank: number
  /** The most words it takes (`第 2 页` is three). */
  most: number
  /** Shown `<label>`: the command answers without it only to say it is missing. */
  needed?: boolean
  /** Takes its words out of `words`; undefined when none is there. Throws a UserError for a malformed one. */
  take: (words: string[]) => T | undefined
}

/** `第 N 页`, `第2页`, `第二页`, `2页` (commands/pages.ts). */
export const page = (): Slot<number> => ({
  label: '第 N 页', rank: 0, most: 3,
  take: (words) => {
    const found = takePage(words)
    words.splice(0, words.length, ...found.words)
    return found.page
  },
})

/** One of a few keywords, each with the words that mean it: `{ 全部: ['全部', '所有'] }` gives 全部. */
export function choice<K extends string>(meanings: Record<K, readonly string[]>): Slot<K> {
  const keys = Object.keys(meanings) as K[]
  const meaning = (w: string) => keys.find((k) => meanings[k].includes(w))
  return {
    label: keys.join(' 或 '), rank: 1, most: 1,
    take: (words) => {
      const found = [...new Set(words.map(meaning).filter((k) => k !== undefined))]
      if (found.length > 1) throw new UserError(`${found.map((k) => `「${k}」`).join('和')}请只写一个。`)
      remove(words, (w) => meaning(w) !== undefined)
      return found[0]
    },
  }
}

/** A word known by its shape (`/\d/`: a period); `tooMany` says what to write when there are several. */
export function shaped(label: string, shape: RegExp, tooMany: (typed: string) => string): Slot<string> {
  return {
    label, rank: 2, most: 1,
    take: (words) => {
      const found = remove(words, (w) => shape.test(w))
      if (found.length > 1) throw new UserError(tooMany(found.join(' ')))
      return found[0]
    },
  }
}

/** The word no other slot takes: a place's name. `tooMany` says what to write when there are several. */
export function free(label: string, tooMany: (typed: string) => string, o: { needed?: boolean } = {}): Slot<string> {
  return {
    label, rank: 3, most: 1, needed: o.needed,
    take: (words) => {
      const found = remove(words, () => true)
      if (found.length > 1) throw new UserError(tooMany(found.join(' ')))
      return found[0]
    },
  }
}

type Taken<S> = { [K in keyof S]?: S[K] extends Slot<infer T> ? T : never }

/**
 * Words in any order, each filling one slot: the schema gives `{ slot: value }`, shown in the usage as one
 * `[label]` per slot in the order declared. A word no slot takes, or two for one slot, is refused.
 * `word` checks each word first (its length).
 */
export function anyOrder<S extends Record<string, Slot<unknown>>>(slots: S, word: z.ZodType<string> = z.string().max(40, '参数太长了')) {
  const all = Object.values(slots)
  const taking = Object.entries(slots).sort(([, a], [, b]) => a.rank - b.rank)
  const most = all.reduce((n, s) => n + s.most, 0)
  return z.array(word).max(most, '参数太多了').transform((input, ctx) => {
    const words = [...input]
    const out: Record<string, unknown> = {}
    try {
      for (const [key, slot] of taking) {
        const v = slot.take(words)
        if (v !== undefined) out[key] = v
      }
      if (words.length > 0) throw new UserError(`看不懂「${words.join(' ')}」。`)
    } catch (err) {
      if (!(err instanceof UserError)) throw err
      ctx.addIssue({ code: 'custom', message: err.message })
      return z.NEVER
    }
    return out as Taken<S>
  }).register(shown, { slots: all.map((s) => ({ label: s.label, needed: s.needed })) })
}

/** Takes the words that pass `test` out of `words`, in order. */
function remove(words: string[], test: (w: string) => boolean): string[] {
  const taken = words.filter(test)
  const kept = words.filter((w) => !test(w))
  words.splice(0, words.length, ...kept)
  return taken
}
