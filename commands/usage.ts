import { z } from 'zod'
import { NO_ARGS, NO_KEYS, shown } from './args'

/** What a usage line is made of: the command's words and its argument schemas. */
export interface Declared {
  path: readonly string[]
  args?: z.ZodType
  named?: z.ZodType
}

/**
 * The usage line, read from the schemas that parse the command (declared with commands/args.ts):
 * `/村 上报 <村> <事项> <进度> [备注…] [日期=YYYY-MM-DD]`. A word or value declared without a name is a
 * mistake in the declaration, so it throws (at start-up, and in the tests).
 */
export function usageOf(c: Declared): string {
  const where = `/${c.path.join(' ')}`
  const keys = c.named ?? NO_KEYS
  // keys() is strict: an unknown key is refused by name, never stored as text.
  if (!(keys instanceof z.ZodObject && keys.def.catchall instanceof z.ZodNever)) throw new Error(`${where}: named values are declared with keys({...})`)
  const remarkKey = Object.values(keys.shape).some((v) => shown.get(unwrap(v as z.ZodType))?.remark)
  const parts = [...positional(c.args ?? NO_ARGS, where, remarkKey), ...Object.entries(keys.shape).map(([k, v]) => namedPart(k, v as z.ZodType, where))]
  return [where, ...parts.filter(Boolean)].join(' ')
}

function positional(schema: z.ZodType, where: string, remarkKey: boolean): string[] {
  const how = shown.get(schema)
  if (how?.slots) return how.slots.map((s) => (s.needed ? `<${s.label}>` : `[${s.label}]`))
  if (how?.label !== undefined && schema instanceof z.ZodArray) return [`[${how.label}]`]
  if (schema instanceof z.ZodTuple) {
    const items = (schema.def.items as z.ZodType[]).map((item) => word(item, where))
    const more = schema.def.rest as z.ZodType | null
    const restHow = more ? shown.get(more) : undefined
    if (more && !restHow?.label) throw new Error(`${where}: the words after the others have no name`)
    const tail = !more || (restHow!.remark && remarkKey) ? [] : [restHow!.needed ? `<${restHow!.label}>` : `[${restHow!.label}]`]
    return [...items, ...tail]
  }
  if (schema instanceof z.ZodUnion) {
    const options = (schema.options as z.ZodType[]).map((o) => positional(o, where, remarkKey).join(' '))
    const either = options.filter(Boolean).join(' 或 ')
    return [options.includes('') ? `[${either}]` : either]
  }
  throw new Error(`${where}: its words are not declared with names (commands/args.ts)`)
}

/** One word: `<村>`, `[村]`, a keyword as it is typed (`确认`, `[确认]`). */
function word(schema: z.ZodType, where: string): string {
  const inner = unwrap(schema)
  const how = shown.get(inner)
  const literal = inner instanceof z.ZodLiteral
  const text = literal ? String(inner.value) : how?.label
  if (text === undefined) throw new Error(`${where}: a word without a name`)
  if (schema !== inner && !how?.needed) return `[${text}]`
  return literal ? text : `<${text}>`
}

function namedPart(key: string, schema: z.ZodType, where: string): string {
  const how = shown.get(unwrap(schema))
  if (!how) throw new Error(`${where}: ${key}= is not declared with value() or remark()`)
  const text = how.remark ? how.label! : `${key}=${how.hint ?? '…'}`
  return schema instanceof z.ZodOptional ? `[${text}]` : `<${text}>`
}

const unwrap = (s: z.ZodType): z.ZodType => (s instanceof z.ZodOptional ? (s.unwrap() as z.ZodType) : s)
