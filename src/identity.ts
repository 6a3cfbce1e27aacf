import type { Members } from '../db/repos/members'

export const ROLES = ['管理员', '县领导', '指挥长', '督查', '乡镇干部', '第一书记', '队长', '队员'] as const
export type Role = (typeof ROLES)[number]
export const TEAM_ROLES: readonly Role[] = ['第一书记', '队长', '队员']

/** Who sent a message, as far as the roster knows. An unknown person has role null. */
export interface Actor {
  openId: string
  memberId: number | null
  name: string | null
  role: Role | null
  zoneId: number | null
  townshipCode: string | null
  villageCode: string | null
}

/** Looks the sender up in the roster; ADMIN_OPEN_IDS are admins even before any roster import. */
export function createIdentity(members: Members, adminOpenIds: readonly string[]) {
  const admins = new Set(adminOpenIds)
  return {
    identify(openId: string): Actor {
      const row = members.byOpenId(openId)
      const role = admins.has(openId) ? '管理员' : (row?.role as Role | undefined) ?? null
      return {
        openId,
        memberId: row?.id ?? null,
        name: row?.name ?? null,
        role,
        zoneId: row?.zoneId ?? null,
        townshipCode: row?.townshipCode ?? null,
        villageCode: row?.villageCode ?? null,
      }
    },
  }
}
export type Identity = ReturnType<typeof createIdentity>
