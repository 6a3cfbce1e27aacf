/**
 * Mainland resident ID numbers (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd = male), 1 check character. Reasons are Chinese and never contain the number itself, so a caller
 * can print them next to the masked form without leaking it.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
const CHECK_CHARS = '10X98765432'

export type IdCheck = { ok: true; value: string } | { ok: false; reason: string }

/** The check character for the first 17 digits. */
export function idCheckDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17.charCodeAt(i) - 48) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** Validates an ID number; `value` is the normalised form (trimmed, upper-case X). */
export function validateIdNumber(input: string): IdCheck {
  const s = input.trim().toUpperCase()
  if (s.length === 0) return { ok: false, reason: '为空' }
  if (/^\d{15}$/.test(s)) return { ok: false, reason: '是 15 位旧号码，请改为 18 位居民身份证号码' }
  if (s.length !== 18) return { ok: false, reason: `应为 18 位（现为 ${s.length} 位）` }
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, reason: '只能是数字，最后一位可以是 X' }
  if (!isBirthDate(s.slice(6, 14))) return { ok: false, reason: '出生日期无效' }
  if (idCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, reason: '校验位错误' }
  return { ok: true, value: s }
}

/** Builds a valid ID number (demo data): area '511922', birth 'YYYY-MM-DD' or 'YYYYMMDD', seq 0–999. */
export function makeIdNumber(area: string, birthDate: string, seq: number): string {
  const birth = birthDate.replace(/-/g, '')
  if (!/^\d{6}$/.test(area) || !isBirthDate(birth) || !Number.isInteger(seq) || seq < 0 || seq > 999) {
    throw new RangeError('makeIdNumber: bad area, birth date or sequence')
  }
  const first17 = `${area}${birth}${String(seq).padStart(3, '0')}`
  return first17 + idCheckDigit(first17)
}

/**
 * Whether 18 characters read as a resident ID number: a real birth date in the right place, and (when
 * asked) the right check character. Without the check, a mistyped ID number still counts as one: it
 * still names a person.
 */
export function looksLikeIdNumber(s: string, o: { checkDigit: boolean }): boolean {
  const t = s.toUpperCase()
  if (!/^\d{17}[\dX]$/.test(t) || !isBirthDate(t.slice(6, 14))) return false
  return !o.checkDigit || idCheckDigit(t.slice(0, 17)) === t[17]
}

function isBirthDate(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4))
  const m = Number(yyyymmdd.slice(4, 6))
  const d = Number(yyyymmdd.slice(6, 8))
  if (y < 1850 || m < 1 || m > 12 || d < 1) return false
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d && date.getTime() <= Date.now()
}
