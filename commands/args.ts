import { z } from 'zod'

/**
 * How a command's words and `key=value`s are declared: each with the name people see, on the zod schema
 * that parses it. The usage line of `/帮助`, of every refusal and of the README is generated from these
 * schemas (commands/usage.ts), so it shows what is parsed and nothing else.
 */
export interface Shown {
  /** The words a usage line shows for it: `村`, `战区 或 全县`, `原因…`. */
  label?: string
  /**
   * Shown `<label>` though the parser lets it out: without it the command answers with what it can do or
   * what is missing (a bare `/村 上报` lists what can be reported), never with a guess.
   */
  needed?: boolean
  /** The free-text note: the words after the others, or `备注=…`; shown once, as `[备注…]`. */
  remark?: boolean
  /** What follows `=` for a named value: `YYYY-MM-DD`, `是/否`. */
  hint?: string
  /** The words a free-order list takes (commands/any-order.ts), one `[label]` each, in this order. */
  slots?: readonly { label: string; needed?: boolean }[]
}

export const shown = z.registry<Shown>()

/** Registered on a copy, so a schema shared by two commands can carry two names. */
function labelled<T extends z.ZodType>(schema: T, how: Shown): T {
  const copy = schema.clone() as T
  shown.add(copy, how)
  return copy
}

/** A word in its place, `<label>`; with `.optional()` it shows as `[label]`. */
export const arg = <T extends z.ZodType<string> = z.ZodString>(label: string, schema?: T): T =>
  labelled((schema ?? z.string()) as T, { label })

/** A word the command needs but answers without (with a guide or what is missing): `<label>`, optional to zod. */
export const needed = <T extends z.ZodType<string> = z.ZodString>(label: string, schema?: T) =>
  labelled((schema ?? z.string()) as T, { label, needed: true }).optional()

/** The words after the positional ones, `[label]` (write the label as it should read: `规模`, `原因…`). */
export const rest = (label: string, how: { needed?: boolean } = {}) => labelled(z.string(), { label, ...how })

/** The free-text note: as the positional rest, the words after the others; as a named value, `备注=…`. */
export const remark = () => labelled(z.string(), { label: '备注…', remark: true })

/** Words that make one argument together (a command name): `[label]`. */
export const words = (label: string, max: number) => labelled(z.array(z.string()).max(max, '参数太多了'), { label })

/** A word typed as is (`确认`); anything else in its place is refused with `refusal(what was typed)`. */
export const keyword = <W extends string>(word: W, refusal: (typed: string) => string) =>
  z.literal(word, { error: (issue) => refusal(typed(issue.input)) })

/** What was typed, cut to 20 characters, for a refusal to echo. */
export const typed = (input: unknown): string => [...String(input)].slice(0, 20).join('')

/** No words after the command. */
export const NO_ARGS = z.tuple([])

/** A named value, `[key=hint]`; the key is its name in `keys()`. */
export const value = (hint = '…') => labelled(z.string(), { hint }).optional()

/** `日期=…`: the day a visit or project happened (read by commands/common.ts visitDate). */
export const date = (hint = 'YYYY-MM-DD') => value(hint)

/** The `key=value`s a command reads, in the order its usage shows them; any other key is refused. */
export const keys = <S extends z.core.$ZodLooseShape>(shape: S) => z.object(shape).strict()

/** No `key=value`. */
export const NO_KEYS = keys({})
