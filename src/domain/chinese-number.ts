/**
 * Numbers said in words, as voice input writes them: `六十`, `八十五`, `两`, `一百二十`, `三点五`,
 * `一万二`, `零点五`. Only what a work team says of progress (below 一亿); anything else is null.
 */
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** The characters a number in words is made of. */
export const CHINESE_NUMBER_CHARS = '零〇一二两三四五六七八九十百千万点'

export function parseChineseNumber(s: string): number | null {
  if (s === '' || [...s].some((c) => !CHINESE_NUMBER_CHARS.includes(c))) return null
  const [whole, fraction, extra] = s.split('点')
  if (extra !== undefined || whole === '') return null
  const intPart = parseInteger(whole!)
  if (intPart === null) return null
  if (fraction === undefined) return intPart
  // 三点五 = 3.5, 三点零五 = 3.05: the digits after 点 are read one by one.
  if (fraction === '' || [...fraction].some((c) => DIGITS[c] === undefined)) return null
  return Number(`${intPart}.${[...fraction].map((c) => DIGITS[c]).join('')}`)
}

function parseInteger(s: string): number | null {
  const [high, low, extra] = s.split('万')
  if (extra !== undefined) return null
  if (low === undefined) return parseBelowTenThousand(high!, null)
  const h = high === '' ? null : parseBelowTenThousand(high!, null)
  if (h === null || h === 0) return null
  if (low === '') return h * 10_000
  // 一万二 = 12,000: a lone digit after 万 counts thousands.
  const l = parseBelowTenThousand(low, 1000)
  return l === null ? null : h * 10_000 + l
}

/** Below 10,000: `一千二百零五`, `十二`, `二十`; `trailing` is the place of a lone final digit (一千二 = 1,200). */
function parseBelowTenThousand(s: string, trailing: number | null): number | null {
  if (s === '') return null
  const chars = [...s]
  // A bare run of digits (`一二`) is not how anyone says a number; 二〇一八 is a year, not progress.
  if (chars.length > 1 && chars.every((c) => DIGITS[c] !== undefined)) return null
  let total = 0
  let digit: number | null = null
  let lastUnit = 10_000
  for (const c of chars) {
    if (DIGITS[c] !== undefined) {
      if (digit !== null && digit !== 0) return null
      digit = DIGITS[c]!
      continue
    }
    const unit = SMALL_UNITS[c]
    if (unit === undefined || unit >= lastUnit) return null
    // 十二 = 12: a leading 十 stands for 一十.
    total += (digit ?? (unit === 10 && total === 0 ? 1 : NaN)) * unit
    if (Number.isNaN(total)) return null
    digit = null
    lastUnit = unit
  }
  if (digit !== null) {
    const place = lastUnit < 10_000 && lastUnit > 10 && chars.at(-2) !== '零' ? lastUnit / 10 : trailing && total === 0 ? trailing : 1
    total += digit * place
  }
  return total
}
