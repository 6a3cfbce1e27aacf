import type { Reply } from '../../reply'

/**
 * Building blocks for Feishu card JSON 2.0 (docs/lark.md, "Cards"). Builders return plain objects;
 * tests check every card against the zod schema in ./schema.ts.
 */
export type Template = 'blue' | 'wathet' | 'turquoise' | 'green' | 'yellow' | 'orange' | 'red' | 'carmine' | 'violet' | 'purple' | 'indigo' | 'grey'
export type Element = Record<string, unknown> & { tag: string }

export const md = (content: string): Element => ({ tag: 'markdown', content })
export const hr = (): Element => ({ tag: 'hr' })

/** Side-by-side figures (two or three columns read well on a phone). */
export const columns = (cells: string[]): Element => ({
  tag: 'column_set',
  flex_mode: 'bisect',
  columns: cells.map((c) => ({ tag: 'column', width: 'weighted', weight: 1, elements: [md(c)] })),
})

/** Markdown has no progress component: a bar of ▓ and ░ reads well in chat and in a terminal. */
export function bar(ratio: number, width = 10): string {
  const r = Math.max(0, Math.min(1, Number.isFinite(ratio) ? ratio : 0))
  const filled = Math.round(r * width)
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${Math.round(r * 100)}%`
}

export const pct = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 100)}%` : '—')

const entity = (c: string) => `&#${c.codePointAt(0)};`

/**
 * The one way text from people and imports (names, titles, remarks, commands that name them) enters card
 * markdown. Feishu's rich-text docs escape syntax characters as HTML entities (`&#42;` for `*`), not with a
 * backslash, so each character markdown or its tags (`<at>`, `<a>`, `<font>`) could read becomes its
 * entity; `&` first, so a typed entity stays text. A `-`, `+` or `1.` that begins the text (after blanks)
 * would start a list; a line break becomes a space, so a name never opens a line of its own (a heading, a
 * quote). Plain-text fields (a card's title) are not markdown and take text as it is.
 */
export function escapeMd(s: string): string {
  return s
    .replace(/[\r\n\u2028\u2029\u0085]+/g, ' ')
    .replace(/[&\\`*_~[\]()<>#|!$:"']/g, entity)
    .replace(/^(\s*)([-+])/, (_, space: string, c: string) => space + entity(c))
    .replace(/^(\s*\d+)\./, '$1&#46;')
}

const OPEN_ID = 'ou_[0-9A-Za-z_]{1,64}'

/** The one mention the bot writes, of one person by open_id (scheduled messages keep it: src/privacy/reply-guard.ts). */
export const OWN_MENTION = new RegExp(`<at id=${OPEN_ID}></at>`)

/** An @-mention of one person. Only a well-formed open_id makes one: an imported `all` must not page a chat. */
export function mention(openId: string | null | undefined): string | null {
  return openId && new RegExp(`^${OPEN_ID}$`).test(openId) ? `<at id=${openId}></at>` : null
}

/** A whole-number percentage, 0 when there is nothing to divide by (for charts). */
export const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0)

/** Grouped bars as a VChart spec (the card chart element runs no JS): one group per `x`, one bar per series. */
export function groupedBars(title: string, values: { x: string; series: string; value: number }[]): Element {
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      title: { text: title },
      data: { values },
      xField: ['x', 'series'],
      yField: 'value',
      seriesField: 'series',
      legends: { visible: true, orient: 'bottom' },
    },
  }
}

export function card(o: { title: string; subtitle?: string; template?: Template; elements: Element[] }): object {
  return {
    schema: '2.0',
    config: { update_multi: true, summary: { content: o.title } },
    header: {
      title: { tag: 'plain_text', content: o.title },
      ...(o.subtitle ? { subtitle: { tag: 'plain_text', content: o.subtitle } } : {}),
      template: o.template ?? 'blue',
    },
    body: { elements: o.elements },
  }
}

/** A card reply with its plain-text rendering (logs, the console demo, the card summary). */
export function cardReply(c: object): Reply {
  return { kind: 'card', card: c, text: plainText(c) }
}

/** Renders a card as readable text: the title, then each markdown block without its markup. */
export function plainText(c: any): string {
  const lines: string[] = [String(c?.header?.title?.content ?? '')]
  if (c?.header?.subtitle?.content) lines.push(String(c.header.subtitle.content))
  const walk = (el: any) => {
    if (!el || typeof el !== 'object') return
    if (el.tag === 'column_set') {
      // Side-by-side figures read best as one line: 「类别：预脱贫村　工作队：8 人」.
      const cells = (el.columns ?? []).map((col: any) => (col.elements ?? [])
        .filter((e: any) => e.tag === 'markdown').map((e: any) => stripMarkdown(String(e.content)).replace(/\n/, '：').replace(/\n/g, ' ')).join(' '))
      lines.push(cells.join('　'))
      return
    }
    if (el.tag === 'markdown') lines.push(stripMarkdown(String(el.content)))
    else if (el.tag === 'hr') lines.push('────────')
    else if (el.tag === 'button' && el.text?.content) lines.push(`[${el.text.content}]`)
    else if (el.tag === 'chart') lines.push('（图表）')
    for (const key of ['elements', 'columns']) if (Array.isArray(el[key])) el[key].forEach(walk)
  }
  ;(c?.body?.elements ?? []).forEach(walk)
  return lines.filter((l) => l !== '').join('\n')
}

function stripMarkdown(s: string): string {
  return s
    .replace(/<at id=([^>]+)><\/at>/g, '@$1')
    .replace(/<font color=[^>]+>(.*?)<\/font>/g, '$1')
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/&#(\d{1,7});/g, (whole, code: string) => (Number(code) <= 0x10ffff ? String.fromCodePoint(Number(code)) : whole))
}
