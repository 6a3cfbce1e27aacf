import type { Actor, Role } from './identity'
import { TEAM_ROLES } from './identity'

/** The place a question or a write is about. */
export type Scope =
  | { kind: 'county' }
  | { kind: 'zone'; zoneId: number }
  | { kind: 'township'; code: string; zoneId: number }
  | { kind: 'village'; code: string; townshipCode: string; zoneId: number }

/**
 * - read: village and township detail (households, reports, tasks)
 * - summary: zone-level figures (/战区 进度, /逾期, /排名, the battle map)
 * - write: reports, checks, task completion, "四小" projects
 * - bind: bind a group chat to the scope, pause its reminders
 */
export type Action = 'read' | 'summary' | 'write' | 'bind'

const COUNTY_WIDE_READERS: readonly Role[] = ['管理员', '县领导', '督查']

/** The one question every command asks (interface.md §4). */
export function can(me: Actor, action: Action, scope: Scope): boolean {
  const role = me.role
  if (role === null) return false
  if (role === '管理员') return true
  switch (action) {
    case 'read':
      if (COUNTY_WIDE_READERS.includes(role)) return true
      if (role === '指挥长') return inZone(me, scope)
      if (role === '乡镇干部') return inTownship(me, scope)
      return isTeam(role) && scope.kind === 'village' && scope.code === me.villageCode
    case 'summary':
      if (COUNTY_WIDE_READERS.includes(role)) return true
      return inZone(me, scope) || (role === '乡镇干部' && inTownship(me, scope))
    case 'write':
      if (role === '督查') return scope.kind === 'village' || scope.kind === 'township'
      // A township's own work (its tasks, 乡"三有") is reported by its cadres; villages' by their teams.
      if (role === '乡镇干部') return scope.kind === 'township' && scope.code === me.townshipCode
      return isTeam(role) && scope.kind === 'village' && scope.code === me.villageCode
    case 'bind':
      return role === '指挥长' && scope.kind === 'zone' && scope.zoneId === me.zoneId
  }
}

/** Roles that see the whole county rather than a zone (for defaults such as /排名 in a direct chat). */
export function isCountyRole(me: Actor): boolean {
  return me.role !== null && COUNTY_WIDE_READERS.includes(me.role)
}

function isTeam(role: Role) {
  return TEAM_ROLES.includes(role)
}

function inZone(me: Actor, scope: Scope) {
  return me.zoneId !== null && scope.kind !== 'county' && scope.zoneId === me.zoneId
}

function inTownship(me: Actor, scope: Scope) {
  if (me.townshipCode === null) return false
  if (scope.kind === 'township') return scope.code === me.townshipCode
  if (scope.kind === 'village') return scope.townshipCode === me.townshipCode
  return false
}
