import { z } from 'zod'

/**
 * The subset of Feishu card JSON 2.0 the bot builds. There is no official schema; this one encodes the
 * documented rules we rely on: known tags only, `form` and `table` at the root only, ≤ 200 elements,
 * ≤ 5 tables, ≤ 30 KB.
 */
const TEMPLATES = ['blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey'] as const
const text = z.object({ tag: z.literal('plain_text'), content: z.string().min(1) })
const NESTED_TAGS = ['markdown', 'hr', 'column_set', 'column', 'button', 'input', 'select_static', 'date_picker', 'chart'] as const
const ROOT_ONLY_TAGS = ['form', 'table'] as const

const element: z.ZodType<any> = z.lazy(() => z.object({ tag: z.enum([...NESTED_TAGS, ...ROOT_ONLY_TAGS]) }).passthrough().superRefine((el: any, ctx) => {
  if (el.tag === 'markdown' && typeof el.content !== 'string') ctx.addIssue({ code: 'custom', message: 'markdown needs content' })
  if (el.tag === 'column_set' && !Array.isArray(el.columns)) ctx.addIssue({ code: 'custom', message: 'column_set needs columns' })
  if (el.tag === 'table' && (!Array.isArray(el.columns) || !Array.isArray(el.rows))) ctx.addIssue({ code: 'custom', message: 'table needs columns and rows' })
  if (['input', 'select_static', 'date_picker'].includes(el.tag) && typeof el.name !== 'string') {
    ctx.addIssue({ code: 'custom', message: `${el.tag} needs a name` })
  }
  if (el.tag === 'select_static' && !(Array.isArray(el.options) && el.options.length > 0)) ctx.addIssue({ code: 'custom', message: 'select needs options' })
  if (el.tag === 'chart' && typeof el.chart_spec !== 'object') ctx.addIssue({ code: 'custom', message: 'chart needs chart_spec' })
}))

export const cardSchema = z.object({
  schema: z.literal('2.0'),
  config: z.object({ update_multi: z.literal(true), summary: z.object({ content: z.string() }).optional() }).passthrough(),
  header: z.object({ title: text, subtitle: text.optional(), template: z.enum(TEMPLATES) }).passthrough(),
  body: z.object({ elements: z.array(element).min(1) }),
}).superRefine((c, ctx) => {
  const all: any[] = []
  const walk = (el: any, depth: number) => {
    all.push(el)
    if (depth > 0 && ROOT_ONLY_TAGS.includes(el.tag)) ctx.addIssue({ code: 'custom', message: `${el.tag} only at the root` })
    if (depth > 0 && !element.safeParse(el).success) ctx.addIssue({ code: 'custom', message: `bad nested element ${JSON.stringify(el).slice(0, 80)}` })
    for (const key of ['elements', 'columns']) {
      if (el.tag !== 'table' && Array.isArray(el[key])) el[key].forEach((child: any) => walk(child, depth + 1))
    }
  }
  c.body.elements.forEach((el: any) => walk(el, 0))
  if (all.length > 200) ctx.addIssue({ code: 'custom', message: `${all.length} elements (max 200)` })
  if (all.filter((e) => e.tag === 'table').length > 5) ctx.addIssue({ code: 'custom', message: 'more than 5 tables' })
  const bytes = Buffer.byteLength(JSON.stringify(c))
  if (bytes > 30 * 1024) ctx.addIssue({ code: 'custom', message: `${bytes} bytes (max 30 KB)` })
})
