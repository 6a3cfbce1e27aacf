import type { HouseholdRef, Lookup, VillageRef } from '../../db/repos/lookup'
import type { Scope } from '../permissions'
import { UserError } from '../reply'
import { closest } from '../text'

export const villageScope = (v: VillageRef): Scope => ({ kind: 'village', code: v.code, townshipCode: v.townshipCode, zoneId: v.zoneId })

/** Resolves what people type for a village to exactly one village, or explains why it cannot (docs/interface.md). */
export function createResolver(lookup: Lookup) {
  function village(input: string): VillageRef {
    const s = input.trim()
    const direct = lookup.village(s)
    if (direct) return direct
    // The whole input as a name first: 「新镇村」 is a village, not 新镇 + 村.
    let hits = lookup.villagesNamed(s, withSuffix(s))
    const { name, townshipInput } = hits.length === 0 ? splitQualified(s) : { name: s, townshipInput: null }
    if (townshipInput) {
      const t = lookup.townshipsNamed(townshipInput)
      hits = lookup.villagesNamed(name, withSuffix(name)).filter((v) => t.some((x) => x.code === v.townshipCode))
    }
    if (hits.length === 1) return hits[0]!
    if (hits.length > 1) {
      throw new UserError(`有 ${hits.length} 个「${hits[0]!.name}」，请加上乡镇，例如：${hits.map((v) => `${v.townshipName}${v.name}`).join('、')}。`)
    }
    const guesses = closest(name, lookup.villageNames())
    throw new UserError(`没有找到村「${s}」。${guesses.length ? `您是不是要找：${guesses.join('、')}？` : ''}`)
  }

  /** A household by 户编号, or by its head's name (optionally `@村`). */
  function household(input: string): { household: HouseholdRef; village: VillageRef } {
    const s = input.trim()
    const direct = lookup.household(s)
    if (direct) return { household: direct, village: village(direct.villageCode) }
    const at = s.indexOf('@')
    const head = at > 0 ? s.slice(0, at) : s
    const inVillage = at > 0 ? village(s.slice(at + 1)) : null
    const hits = lookup.householdsHeadedBy(head).filter((h) => !inVillage || h.villageCode === inVillage.code)
    if (hits.length === 1) return { household: hits[0]!, village: inVillage ?? village(hits[0]!.villageCode) }
    if (hits.length > 1) {
      // Names are personal data: the candidates are shown by 户编号 and village only.
      const options = hits.slice(0, 5).map((h) => `${h.code}（${village(h.villageCode).name}）`)
      throw new UserError(`有 ${hits.length} 户户主同名，请用户编号或「姓名@村」，例如：${options.join('、')}。`)
    }
    throw new UserError(`没有找到户「${head}」${inVillage ? `（${inVillage.name}）` : ''}。请核对户编号或户主姓名。`)
  }

  return { village, household }
}
export type Resolver = ReturnType<typeof createResolver>

/** `团结乡红岩洞村`, `红岩洞村@团结乡` → name and township; `红岩洞` → name only. */
function splitQualified(s: string): { name: string; townshipInput: string | null } {
  const at = s.indexOf('@')
  if (at > 0) return { name: s.slice(0, at), townshipInput: s.slice(at + 1) }
  const m = /^(.+?[乡镇])(.+)$/.exec(s)
  if (m && m[2]!.length >= 1) return { name: m[2]!, townshipInput: m[1]! }
  return { name: s, townshipInput: null }
}

function withSuffix(name: string) {
  return name.endsWith('村') ? name.slice(0, -1) : `${name}村`
}
