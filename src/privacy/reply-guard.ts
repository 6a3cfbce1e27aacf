import { maskIdNumber, maskPhone } from './mask'
import { looksLikeIdNumber } from './id-number'

/** Keys whose contents go back to the bot, not to people: a card's callback values are never rewritten. */
const MACHINE_KEYS = new Set(['behaviors', 'value'])

/**
 * The last check on every reply, whatever the command echoed back of what was typed:
 * - Lark turns `<at user_id="all"></at>` in a text message (and `<at id=all>` in card markdown) into a
 *   real @-mention, so echoed input could page a whole zone chat. The bot's replies mention no one by
 *   echo, so every `<at` is defused (full-width ＜, which reads the same).
 * - In a group chat, resident ID numbers and mobile numbers are shown masked, also inside remarks and
 *   even when the sender typed them: the group did not need to see them. Registry codes (a 16-digit
 *   户编号, a 12-digit 村代码) are not personal and stay readable, or nobody could type them back.
 * Only text people read is touched: a card's callback values pass through as built.
 */
export function guardReply(content: string, chatType: 'group' | 'p2p'): string {
  return JSON.stringify(guardContent(JSON.parse(content), chatType))
}

/** The same, on a message or card object (a card returned to a card callback). */
export function guardContent<T>(node: T, chatType: 'group' | 'p2p'): T {
  return walk(node, chatType) as T
}

function walk(node: unknown, chatType: 'group' | 'p2p'): unknown {
  if (typeof node === 'string') return guardText(node, chatType)
  if (Array.isArray(node)) return node.map((n) => walk(n, chatType))
  if (node === null || typeof node !== 'object') return node
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, MACHINE_KEYS.has(k) ? v : walk(v, chatType)]))
}

export function guardText(s: string, chatType: 'group' | 'p2p'): string {
  const out = s.replace(/<(\/?)at\b/gi, '＜$1at')
  return chatType === 'group' ? maskPersonalNumbers(out) : out
}

// A whole run of digits (an ID number may end in X), wherever it stands: `身份证511922…`, `…0047号`, `…0047H001`.
const DIGIT_RUN = /(?<!\d)\d{17,}[Xx]?(?!\d)/g
// 11-digit mobile numbers as people write them: 13812345678, 138 1234 5678, 138-1234-5678.
const MOBILE = /(?<!\d)1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g

/** Masks resident ID numbers and mobile numbers anywhere in a text; everything else stays as it is. */
export function maskPersonalNumbers(s: string): string {
  return s
    .replace(DIGIT_RUN, (run) => (containsIdNumber(run) ? maskIdNumber(run) : run))
    .replace(MOBILE, (m) => maskPhone(m.replace(/[ -]/g, '')))
}

/**
 * An ID number, alone or run together with other digits (`…0047` + `32000`). No registry code is longer
 * than 16 digits, so a run of 17 or more with a birth date in the right place is treated as personal.
 */
function containsIdNumber(run: string): boolean {
  for (let i = 0; i + 18 <= run.length; i++) if (looksLikeIdNumber(run.slice(i, i + 18), { checkDigit: false })) return true
  return false
}
