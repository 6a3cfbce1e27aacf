import type { Db } from '../../db/open'
import type { PlaceFilter } from '../../db/repos/facts'
import type { Scope } from '../permissions'
import type { Resolver } from './resolve'
import { UserError } from '../reply'
import { allZones, matchZone } from './find-zone'

export interface Place {
  filter: PlaceFilter
  scope: Scope
  label: string
}

export const COUNTY: Place = { filter: { kind: 'county' }, scope: { kind: 'county' }, label: '全县' }

/** A zone, township or village by what people type for it (`全县` for the county). */
export function createPlaces(db: Db, resolve: Resolver) {
  const townships = db.prepare(`SELECT code, name, zone_id AS zoneId FROM townships WHERE code = ? OR name IN (?, ?, ?)`)
  const zoneName = db.prepare(`SELECT name FROM zones WHERE id = ?`).pluck()

  function zone(id: number): Place {
    return { filter: { kind: 'zone', zoneId: id }, scope: { kind: 'zone', zoneId: id }, label: String(zoneName.get(id) ?? `战区 ${id}`) }
  }

  function find(input: string): Place {
    const s = input.trim()
    if (s === '全县' || s === '县') return COUNTY
    const z = matchZone(allZones(db), s)
    if (z) return zone(z.id)
    const t = townships.all(s, s, `${s}乡`, `${s}镇`) as { code: string; name: string; zoneId: number }[]
    if (t.length === 1) return { filter: { kind: 'township', code: t[0]!.code }, scope: { kind: 'township', code: t[0]!.code, zoneId: t[0]!.zoneId }, label: t[0]!.name }
    if (t.length > 1) throw new UserError(`有 ${t.length} 个乡镇叫「${s}」，请用乡镇代码：${t.map((x) => x.code).join('、')}。`)
    try {
      const v = resolve.village(s)
      return { filter: { kind: 'village', code: v.code }, scope: { kind: 'village', code: v.code, townshipCode: v.townshipCode, zoneId: v.zoneId }, label: `${v.townshipName}${v.name}` }
    } catch (err) {
      if (err instanceof UserError && err.message.startsWith('没有找到村')) {
        throw new UserError(`没有找到「${s}」：请写战区、乡镇或村的名称（或「全县」）。${err.message.replace(/^没有找到村「[^」]*」。/, '')}`)
      }
      throw err
    }
  }

  function township(input: string): Place & { code: string; zoneId: number } {
    const p = find(input)
    if (p.scope.kind !== 'township') throw new UserError(`「${input}」不是乡镇。`)
    return { ...p, code: p.scope.code, zoneId: p.scope.zoneId }
  }

  return { find, zone, township }
}
export type Places = ReturnType<typeof createPlaces>
