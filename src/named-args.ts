import { UserError } from './reply'

/** The named value that holds free text: its key may stand alone, the words after it are the remark. */
const REMARK_KEY = '备注'

/**
 * Splits a command's words into positional words and named values, however the names are typed:
 * `日期=2026-12-01`, `日期:2026-12-01` (`日期：` after normalisation), `日期 = 2026-12-01`,
 * `日期: 2026-12-01` and `日期 2026-12-01` all give 日期 → 2026-12-01.
 *
 * Only the command's own keys are read with `:` or a space, so a remark such as `注意:明天下雨` stays a
 * remark. `x=y` with an unknown key is still a named value, so the command refuses it by name instead of
 * storing it as text.
 */
export function gatherNamed(words: readonly string[], keys: readonly string[]): { positional: string[]; named: Record<string, string> } {
  const positional: string[] = []
  const named: Record<string, string> = {}
  const isKey = (k: string) => keys.includes(k)
  const put = (key: string, value: string) => {
    if (key in named) throw new UserError(`「${key}」写了两次。`)
    named[key] = value
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    const joined = /^([^=:]+?)\s*([=:])(.*)$/.exec(w)
    const key = joined ? joined[1]! : w
    const known = isKey(key)
    if (joined && !known && (joined[2] === ':' || keys.length === 0)) {
      positional.push(w)
      continue
    }
    if (!joined && !known) {
      positional.push(w)
      continue
    }
    let value = joined ? joined[3]! : ''
    // `日期 = 2026-12-01`, `日期= 2026-12-01`, `日期 2026-12-01`: the value is in the next word(s).
    if (value === '' && words[i + 1] !== undefined && /^[=:]$/.test(words[i + 1]!)) i++
    if (value === '' && key === REMARK_KEY) continue   // the words after a bare 备注 are the remark
    if (value === '' && words[i + 1] !== undefined && !startsNamed(words[i + 1]!, keys)) value = words[++i]!
    if (value === '' && !joined) throw new UserError(`「${key}」后面没有写内容，例如 ${key}=…。`)
    put(key, value)
  }
  return { positional, named }
}

function startsNamed(word: string, keys: readonly string[]): boolean {
  return keys.includes(word) || (/^[^=:]+[=:]/.test(word) && keys.includes(word.split(/[=:]/)[0]!))
}
