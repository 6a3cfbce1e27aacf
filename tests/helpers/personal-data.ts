/**
 * Personal data in the fixture county (tests/helpers/fixture.ts, plus the extra members of
 * tests/helpers/reliability.ts): none of it may ever reach a log line, and a full ID number never a group chat.
 */
export const ID_NUMBERS = ['511922196505120023', '511922197001010018', '511922198003030047']
export const PHONES = [
  '13800000001', '13800000002', '13912340001', '13912340002', '13900000000', '13900000009', '13900000008',
  '13900000007', '13812345678', '13812340003', '13700001234', '13600000011', '13600000012',
]
export const FULL_NAMES = [
  '何桂英', '李明', '王五', '周大', '何伟', '管理员甲', '县领导乙', '张指挥', '赵指挥', '督查丙', '乡干丁', '钱队员', '刘洋',
  '孙书记', '吴队员',
]

/** The pieces of personal data found in these lines (empty: none). */
export function personalDataIn(lines: Iterable<string>): string[] {
  const hits = new Set<string>()
  for (const line of lines) {
    for (const s of [...ID_NUMBERS, ...PHONES, ...FULL_NAMES]) if (line.includes(s)) hits.add(`${s} in: ${line.slice(0, 300)}`)
  }
  return [...hits]
}

/** Full fixture ID numbers in a text (empty: none). */
export function fullIdsIn(text: string): string[] {
  return ID_NUMBERS.filter((id) => text.includes(id))
}
