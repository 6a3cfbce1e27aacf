import { maskIdNumber, maskPhone } from './mask'
import { looksLikeIdNumber } from './id-number'
import { OWN_MENTION } from '../lark/cards/kit'

/** Keys whose contents go back to the bot, not to people: a card's callback values are never rewritten. */
const MACHINE_KEYS = new Set(['behaviors', 'value'])

/**
 * The last check on every message the bot sends into a chat, whatever it echoes of what was typed or imported:
 * - Lark turns `<at user_id="all"></at>` in a text message (and `<at id=all>` in card markdown) into a
 *   real @-mention, so echoed input could page a whole zone chat. Every `<at` is defused (full-width ＜,
 *   which reads the same) — in a reply always, since replies mention no one by echo; in a scheduled
 *   message (digest, review, ranking) all but the single-person mentions the bot wrote on purpose.
 * - A text message renders `[文本](链接)` as a link (so does card markdown, where names are escaped
 *   before this: src/lark/cards/kit.ts). The bot writes no links, so `](` is defused as `]（`.
 * - In a group chat, resident ID numbers and mobile numbers are shown masked, also inside remarks and
 *   even when the sender typed them: the group did not need to see them. Registry codes (a 16-digit
 *   户编号, a 12-digit 村代码) are not personal and stay readable, or nobody could type them back. In card
 *   markdown the mask's `*` is written as its entity, so masks never pair up into italics.
 * Only text people read is touched: a card's callback values pass through as built.
 */
export function guardReply(content: string, chatType: ChatType): string {
  return JSON.stringify(guardContent(JSON.parse(content), chatType))
}

/** The same for a scheduled message: it goes to a bound group chat and keeps the bot's own mentions. */
export function guardScheduled(content: string): string {
  return JSON.stringify(guardContent(JSON.parse(content), 'group', { keepMentions: true }))
}

/** The same, on a message or card object (a card returned to a card callback). */
export function guardContent<T>(node: T, chatType: ChatType, o: { keepMentions?: boolean } = {}): T {
  return walk(node, { chatType, keepMentions: o.keepMentions ?? false, markdown: false }) as T
}

type ChatType = 'group' | 'p2p'
interface Guard { chatType: ChatType; keepMentions: boolean; markdown: boolean }

function walk(node: unknown, g: Guard): unknown {
  if (typeof node === 'string') return guardText(node, g.chatType, g)
  if (Array.isArray(node)) return node.map((n) => walk(n, g))
  if (node === null || typeof node !== 'object') return node
  const markdown = (node as { tag?: unknown }).tag === 'markdown'
  return Object.fromEntries(Object.entries(node).map(([k, v]) =>
    [k, MACHINE_KEYS.has(k) ? v : walk(v, { ...g, markdown: markdown && k === 'content' })]))
}

const KEPT = new RegExp(`(${OWN_MENTION.source})`)

export function guardText(s: string, chatType: ChatType, o: { keepMentions?: boolean; markdown?: boolean } = {}): string {
  const defused = o.keepMentions
    ? s.split(KEPT).map((part, i) => (i % 2 === 1 ? part : defuse(part))).join('')
    : defuse(s)
  return chatType === 'group' ? maskPersonalNumbers(defused, o.markdown ? '&#42;' : '*') : defused
}

const defuse = (s: string) => s.replace(/<(\/?)at\b/gi, '＜$1at').replace(/\]\(/g, ']（')

// A whole run of digits (an ID number may end in X), wherever it stands: `身份证511922…`, `…0047号`, `…0047H001`.
const DIGIT_RUN = /(?<!\d)\d{17,}[Xx]?(?!\d)/g
// 11-digit mobile numbers as people write them: 13812345678, 138 1234 5678, 138-1234-5678.
const MOBILE = /(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g

/** Masks resident ID numbers and mobile numbers anywhere in a text; everything else stays as it is. */
export function maskPersonalNumbers(s: string, star = '*'): string {
  const stars = (masked: string) => masked.replace(/\*/g, star)
  return s
    .replace(DIGIT_RUN, (run) => (containsIdNumber(run) ? stars(maskIdNumber(run)) : run))
    .replace(MOBILE, (m) => stars(maskPhone(m.replace(/[ -]/g, ''))))
}

/**
 * An ID number, alone or run together with other digits (`…0047` + `32000`). No registry code is longer
 * than 16 digits, so a run of 17 or more with a birth date in the right place is treated as personal.
 */
function containsIdNumber(run: string): boolean {
  for (let i = 0; i + 18 <= run.length; i++) if (looksLikeIdNumber(run.slice(i, i + 18), { checkDigit: false })) return true
  return false
}
