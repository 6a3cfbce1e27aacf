import type { Db } from '../db/open'

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
export function createIdentity(db: Db, adminOpenIds: readonly string[]) {
  const admins = new Set(adminOpenIds)
  // A member's township and zone follow from their village (and zone from township) when not given.
  const byOpenId = db.prepare(`
    SELECT m.id, m.name, m.role, m.village_code AS villageCode,
           COALESCE(m.township_code, v.township_code) AS townshipCode,
           COALESCE(m.zone_id, t.zone_id) AS zoneId
    FROM members m
    LEFT JOIN villages v ON v.code = m.village_code
    LEFT JOIN townships t ON t.code = COALESCE(m.township_code, v.township_code)
    WHERE m.open_id = ?`)
  return {
    identify(openId: string): Actor {
      const row = byOpenId.get(openId) as
        | { id: number; name: string; role: Role; villageCode: string | null; townshipCode: string | null; zoneId: number | null }
        | undefined
      const role = admins.has(openId) ? '管理员' : row?.role ?? null
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
