import { describe, expect, it } from 'vitest'
import { commands } from '../commands/index'
import type { ChatInfo } from '../commands/define'
import { ROLES, TEAM_ROLES, type Actor, type Role } from '../src/identity'

// One person of each role, placed in zone 1 where the role has a place.
const person = (role: Role): Actor => ({
  openId: `ou_${role}`, memberId: 1, name: '某人', role,
  zoneId: ['管理员', '县领导', '督查'].includes(role) ? null : 1,
  townshipCode: ['乡镇干部', ...TEAM_ROLES].includes(role) ? 'T1' : null,
  villageCode: (TEAM_ROLES as readonly Role[]).includes(role) ? 'V1' : null,
})
const CHATS: ChatInfo[] = [
  { id: 'oc_p2p', type: 'p2p', binding: undefined },
  { id: 'oc_new', type: 'group', binding: undefined },
  { id: 'oc_zone1', type: 'group', binding: { zoneId: 1 } },
  { id: 'oc_hq', type: 'group', binding: { zoneId: null } },
]
/** Words in 谁可以用 that take in every role on the roster (an owner or an author may have any role). */
const EVERYONE = ['所有人', '花名册中的所有人', '任务责任人', '记录人本人']

describe('/帮助 谁可以用 says who each command lets in', () => {
  it('every command: the roles its check lets in somewhere are exactly the roles its 谁可以用 names', () => {
    const wrong: string[] = []
    for (const c of commands) {
      for (const role of ROLES) {
        const lets = CHATS.some((chat) => c.allow(person(role), chat) === true)
        const names = EVERYONE.some((w) => c.who.includes(w)) || c.who.includes(role)
          || ((TEAM_ROLES as readonly Role[]).includes(role) && c.who.includes('工作队'))
        if (lets !== names) wrong.push(`/${c.path.join(' ')} ${role}: ${lets ? 'let in, not named' : 'named, never let in'}（${c.who}）`)
      }
    }
    expect(wrong).toEqual([])
  })
})
