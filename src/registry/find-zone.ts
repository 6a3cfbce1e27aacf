import type { ZoneName } from '../../db/repos/lookup'
import { UserError } from '../reply'
import { closest } from '../text'

/** The one rule for naming a zone: its full name, or the name without 「战区」 (「第一」 for 第一战区). */
export function matchZone<Z extends ZoneName>(zones: readonly Z[], input: string): Z | undefined {
  return zones.find((z) => z.name === input) ?? zones.find((z) => z.name === `${input}战区` || z.name.replace(/战区$/, '') === input)
}

/** A zone of `zones` by its name (matchZone); unknown → the closest names. */
export function findZone(zones: readonly ZoneName[], input: string): ZoneName {
  const hit = matchZone(zones, input)
  if (hit) return hit
  if (zones.length === 0) throw new UserError('还没有导入任何战区，请管理员先导入花名册。', { showUsage: false })
  const guesses = closest(input, zones.map((z) => z.name))
  throw new UserError(`没有叫「${input}」的战区。${guesses.length ? `您是不是要找：${guesses.join('、')}？` : `现有战区：${zones.map((z) => z.name).join('、')}。`}`)
}
