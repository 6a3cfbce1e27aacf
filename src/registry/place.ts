import type { Lookup } from '../../db/repos/lookup'
import type { PlaceFilter } from '../../db/repos/facts'
import type { Scope } from '../permissions'
import type { Resolver } from './resolve'
import { UserError } from '../reply'
import { matchZone } from './find-zone'

export interface Place {
  filter: PlaceFilter
  scope: Scope
  label: string
}

export const COUNTY: Place = { filter: { kind: 'county' }, scope: { kind: 'county' }, label: '全县' }

/** A zone, township or village by what people type for it (`全县` for the county). */
export function createPlaces(lookup: Lookup, resolve: Resolver) {

  function zone(id: number): Place {
    return { filter: { kind: 'zone', zoneId: id }, scope: { kind: 'zone', zoneId: id }, label: lookup.zone(id)?.name ?? `战区 ${id}` }
  }

  function find(input: string): Place {
    const s = input.trim()
    if (s === '全县' || s === '县') return COUNTY
    const z = matchZone(lookup.zones(), s)
    if (z) return zone(z.id)
    const t = lookup.townshipsNamed(s)
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
