/**
 * What a user types arrives in many shapes: full-width forms from Chinese IMEs (／　１２／１５％＝：),
 * zero-width and bidi control characters pasted from documents, runs of spaces. Everything the bot
 * parses goes through here first, so commands see one canonical form.
 */
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF]/g
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
// INVISIBLE or any surrogate (paired or not): one cheap test spares ordinary text both replaces.
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFEFF\uD800-\uDFFF]/

/**
 * Text without the characters nobody means to store: control characters (NUL…, but not tabs and line
 * breaks), zero-width ones, and bidi controls (U+202A–202E, U+2066–2069), which reorder what is shown so
 * that one name could display as another. A lone surrogate is half a character that was lost: it becomes
 * U+FFFD, which names refuse as an unreadable character. Chat input and imported cells both go through here.
 */
export function stripInvisible(raw: string): string {
  return SUSPECT.test(raw) ? raw.replace(INVISIBLE, '').replace(LONE_SURROGATE, '\uFFFD') : raw
}

/**
 * Line breaks survive (each line is normalised on its own): a message of several lines is either one
 * command per line or refused whole (src/command-lines.ts), never read as one long line.
 */
export function normalizeText(raw: string): string {
  return stripInvisible(raw.normalize('NFKC'))
    .split(/\r\n|[\n\r\u2028\u2029\u0085]/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
}

/** Splits normalised text into words; `key=value` stays one word. */
export function words(text: string): string[] {
  return text.split(' ').filter(Boolean)
}

/** Edit distance, for "您是不是要找…" suggestions. Inputs are short names, so O(n·m) is fine. */
export function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const cur = [i]
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1))
    }
    prev = cur
  }
  return prev[y.length]!
}

/** The candidates closest to `input`, best first: small edit distance or many shared characters. */
export function closest(input: string, candidates: Iterable<string>, limit = 3): string[] {
  const chars = new Set(input)
  const scored: { name: string; score: number }[] = []
  for (const name of candidates) {
    const distance = editDistance(input, name)
    const shared = [...new Set(name)].filter((c) => chars.has(c)).length
    const score = distance - shared * 0.5
    if (distance <= Math.max(2, Math.ceil(name.length / 2)) || shared >= Math.min(2, chars.size)) {
      scored.push({ name, score })
    }
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, limit).map((s) => s.name)
}
