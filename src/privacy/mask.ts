/**
 * Masking for personal data shown in group chats, logs and import problem messages. Every function is
 * total: empty or odd-length input gives a masked (never a longer-than-needed clear) string.
 */

/** 511922198001011234 → 511922********1234 (first 6, last 4). Short input keeps at most 1 char each end. */
export function maskIdNumber(id: string | null | undefined): string {
  const s = (id ?? '').trim()
  if (s.length >= 11) return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4)
  return maskMiddle(s)
}

/** 13812345678 → 138****5678 (first 3, last 4). */
export function maskPhone(phone: string | null | undefined): string {
  const s = (phone ?? '').trim()
  if (s.length >= 8) return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4)
  return maskMiddle(s)
}

// Two-character surnames common enough to appear in a county roster; a 2-char name is never split this way
// (欧阳 alone is more likely 欧 + 阳 than a bare surname).
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '令狐', '端木', '西门', '南宫', '独孤', '澹台', '公冶', '申屠', '轩辕', '百里', '呼延', '钟离',
])

/** 何平安 → 何**, 欧阳修 → 欧阳*: keeps the surname, one * per remaining character. */
export function maskName(name: string | null | undefined): string {
  const chars = Array.from((name ?? '').trim())
  if (chars.length <= 1) return chars.join('')
  const keep = chars.length >= 3 && COMPOUND_SURNAMES.has(chars[0]! + chars[1]!) ? 2 : 1
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep)
}

function maskMiddle(s: string): string {
  if (s.length <= 2) return '*'.repeat(s.length)
  return s[0] + '*'.repeat(s.length - 2) + s[s.length - 1]
}
