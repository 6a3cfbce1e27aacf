import type { Db } from '../../db/open'
import { UserError } from '../reply'
import { closest } from '../text'

/** A zone by its name, tolerating a missing 「战区」 suffix; unknown → the closest names. */
export function findZone(db: Db, input: string): { id: number; name: string } {
  const zones = db.prepare(`SELECT id, name FROM zones ORDER BY id`).all() as { id: number; name: string }[]
  const hit = zones.find((z) => z.name === input) ?? zones.find((z) => z.name === `${input}战区` || z.name.replace(/战区$/, '') === input)
  if (hit) return hit
  if (zones.length === 0) throw new UserError('还没有导入任何战区，请管理员先导入花名册。', { showUsage: false })
  const guesses = closest(input, zones.map((z) => z.name))
  throw new UserError(`没有叫「${input}」的战区。${guesses.length ? `您是不是要找：${guesses.join('、')}？` : `现有战区：${zones.map((z) => z.name).join('、')}。`}`)
}
