/**
 * Names that are card markup, as an imported registry can hold them (names are free text of up to 100
 * characters, titles 200), and how a test reads them back out of a card.
 */

/**
 * Every construct card markdown knows, at once: bold, a link, an @all, code, italics, a strikethrough, a
 * heading, a table bar, an emoji code, a dollar, a backslash before an entity, a text-message style tag.
 * `tag`, the link's text, tells the fields apart, so a test can say which name it found.
 */
export const hostile = (tag: string) =>
  `**注入**[${tag}](http://evil.example)<at id=all></at>\`码\`_斜_~~删~~#|:OK:$\\&#42;<b>粗</b>`

/** A hostile name that can still be typed back in a command (one word, at most 30 characters): a township's. */
export const TYPEABLE_HOSTILE = '**乡**[点](http://e.cn)'

/** Every markdown text in a card or message, wherever it is nested; a card's callback values are not text. */
export function markdownOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => markdownOf(n, out))
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>
    if ((o.tag === 'markdown' || o.tag === 'lark_md') && typeof o.content === 'string') out.push(o.content)
    for (const [k, v] of Object.entries(o)) if (k !== 'behaviors' && k !== 'value') markdownOf(v, out)
  }
  return out
}

/** Markdown as Feishu shows it, as far as names go: the entities read back. */
export const decodeEntities = (s: string) => s.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
