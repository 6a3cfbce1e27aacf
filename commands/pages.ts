import { UserError } from '../src/reply'
import { parseChineseNumber } from '../src/domain/chinese-number'

/** The most pages anyone could page through (a county's tasks at the smallest page size fit well below). */
const MAX_PAGE = 9999

/**
 * The page asked for in a command's words — `第 2 页`, `第2页`, `第二页`, `2页` — and the words without it.
 * A word with 页 that is not a page number is refused, never taken for a place name.
 */
export function takePage(words: readonly string[]): { words: string[]; page: number | undefined } {
  const text = words.join(' ')
  const found = /(?:^| )(?:第 ?([0-9]+|[零〇一二两三四五六七八九十百千]+) ?页|([0-9]+) ?页)(?= |$)/.exec(text)
  if (!found) {
    const odd = words.find((w) => w.includes('页'))
    if (odd !== undefined) throw new UserError(`「${odd}」看不懂：页码请写成「第 2 页」。`)
    return { words: [...words], page: undefined }
  }
  const digits = found[1] ?? found[2]!
  const page = /^[0-9]+$/.test(digits) ? Number(digits) : parseChineseNumber(digits)
  if (page === null || !Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
    throw new UserError(`「${found[0].trim()}」不是有效的页码：请写第 1 页到第 ${MAX_PAGE} 页之间的数字。`)
  }
  const rest = `${text.slice(0, found.index)} ${text.slice(found.index + found[0].length)}`.trim()
  return { words: rest.split(' ').filter(Boolean), page }
}
