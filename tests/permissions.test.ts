import { describe, expect, it } from 'vitest'
import { can, rolesReaching, whoMay, type Action, type Scope } from '../src/permissions'
import type { Actor, Role } from '../src/identity'

// Zone 1 has township T1 (villages V1, V2); zone 2 has township T2 (village V3).
const actor = (role: Role | null, place: Partial<Actor> = {}): Actor =>
  ({ openId: 'ou', memberId: 1, name: 'x', role, zoneId: null, townshipCode: null, villageCode: null, ...place })
const ACTORS = {
  admin: actor('管理员'),
  leader: actor('县领导'),
  inspector: actor('督查'),
  commander1: actor('指挥长', { zoneId: 1 }),
  cadreT1: actor('乡镇干部', { zoneId: 1, townshipCode: 'T1' }),
  secretaryV1: actor('第一书记', { zoneId: 1, townshipCode: 'T1', villageCode: 'V1' }),
  captainV1: actor('队长', { zoneId: 1, townshipCode: 'T1', villageCode: 'V1' }),
  memberV1: actor('队员', { zoneId: 1, townshipCode: 'T1', villageCode: 'V1' }),
  stranger: actor(null),
}
const SCOPES: Record<string, Scope> = {
  V1: { kind: 'village', code: 'V1', townshipCode: 'T1', zoneId: 1 },
  V2: { kind: 'village', code: 'V2', townshipCode: 'T1', zoneId: 1 },
  V3: { kind: 'village', code: 'V3', townshipCode: 'T2', zoneId: 2 },
  T1: { kind: 'township', code: 'T1', zoneId: 1 },
  T2: { kind: 'township', code: 'T2', zoneId: 2 },
  Z1: { kind: 'zone', zoneId: 1 },
  Z2: { kind: 'zone', zoneId: 2 },
  county: { kind: 'county' },
}

// Each row: who, action, then the scopes allowed (every other scope is refused).
const ALL = ['V1', 'V2', 'V3', 'T1', 'T2', 'Z1', 'Z2', 'county']
const MATRIX: [keyof typeof ACTORS, Action, string[]][] = [
  ['admin', 'read', ALL],
  ['admin', 'write', ['V1', 'V2', 'V3', 'T1', 'T2']],
  ['admin', 'bindChat', ['Z1', 'Z2', 'county']],
  ['admin', 'completeTask', ['V1', 'V2', 'V3', 'T1', 'T2']],
  ['admin', 'withdrawAny', ['V1', 'V2', 'V3', 'T1', 'T2']],
  ['leader', 'read', ALL],
  ['leader', 'summary', ALL],
  ['leader', 'write', []],
  ['leader', 'bindChat', []],
  ['leader', 'wallMap', ['Z1', 'Z2', 'county']],
  ['inspector', 'read', ALL],
  ['inspector', 'write', ['V1', 'V2', 'V3', 'T1', 'T2']],
  ['inspector', 'completeTask', []],
  ['inspector', 'bindChat', []],
  ['inspector', 'withdrawAny', []],
  ['commander1', 'read', ['V1', 'V2', 'T1', 'Z1']],
  ['commander1', 'summary', ['V1', 'V2', 'T1', 'Z1']],
  ['commander1', 'write', []],
  ['commander1', 'bindChat', ['Z1']],
  ['commander1', 'wallMap', ['Z1']],
  ['commander1', 'withdrawAny', []],
  ['cadreT1', 'read', ['V1', 'V2', 'T1', 'Z1']],
  ['cadreT1', 'readVillage', ['V1', 'V2']],
  ['cadreT1', 'summary', ['V1', 'V2', 'T1', 'Z1']],
  ['cadreT1', 'write', ['T1']],
  ['cadreT1', 'completeTask', []],
  ['cadreT1', 'bindChat', []],
  // A team member: their village in detail, their township's and zone's summaries.
  ['secretaryV1', 'read', ['V1', 'T1', 'Z1']],
  ['secretaryV1', 'write', ['V1']],
  ['captainV1', 'write', ['V1']],
  ['memberV1', 'readVillage', ['V1']],
  ['memberV1', 'readTownship', ['T1']],
  ['memberV1', 'summary', ['V1', 'V2', 'T1', 'Z1']],
  ['memberV1', 'write', ['V1']],
  ['memberV1', 'completeTask', ['V1']],
  ['memberV1', 'wallMap', []],
  ['memberV1', 'bindChat', []],
  ['memberV1', 'withdrawAny', []],
  ['stranger', 'read', []],
  ['stranger', 'summary', []],
  ['stranger', 'write', []],
  ['stranger', 'bindChat', []],
]

describe('can(me, action, scope): the role × action × remit matrix', () => {
  for (const [who, action, allowed] of MATRIX) {
    it(`${who} ${action}: ${allowed.join(' ') || 'nothing'}`, () => {
      const got = Object.keys(SCOPES).filter((s) => can(ACTORS[who], action, SCOPES[s]!))
      expect(got).toEqual(allowed)
    })
  }
})

describe('whoMay: the table in words, narrowest reach first', () => {
  it('names each role once, with its reach', () => {
    expect(whoMay('readVillage')).toBe('工作队（本村）；乡镇干部（本乡镇）；指挥长（本战区）；督查、县领导、管理员')
    expect(whoMay('reportVillage')).toBe('工作队（本村）；督查、管理员')
    expect(whoMay('readTownship')).toBe('工作队、乡镇干部（本乡镇）；指挥长（本战区）；督查、县领导、管理员')
    expect(whoMay('summary')).toBe('工作队、乡镇干部、指挥长（本战区）；督查、县领导、管理员')
    expect(whoMay('bindChat')).toBe('指挥长（本战区）；管理员')
    expect(whoMay('withdrawAny')).toBe('管理员')
  })
  it('rolesReaching: the roles of one reach, without it', () => {
    expect(rolesReaching('summary', 'zone')).toBe('工作队、乡镇干部、指挥长')
    expect(rolesReaching('bindChat', 'county')).toBe('管理员')
    expect(rolesReaching('wallMap', 'village')).toBe('')
  })
})
