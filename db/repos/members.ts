import type { Db } from '../open'

/** A roster row as the bot knows its sender: township and zone follow from the village when not given. */
export interface MemberRef {
  id: number
  name: string
  role: string
  villageCode: string | null
  townshipCode: string | null
  zoneId: number | null
}

/** The roster (members), as the chat side reads it; imports write it through ./registry.ts. */
export function createMembers(db: Db) {
  // A member's township and zone follow from their village (and zone from township) when not given.
  const byOpenId = db.prepare(`
    SELECT m.id, m.name, m.role, m.village_code AS villageCode,
           COALESCE(m.township_code, v.township_code) AS townshipCode,
           COALESCE(m.zone_id, t.zone_id) AS zoneId
    FROM members m
    LEFT JOIN villages v ON v.code = m.village_code
    LEFT JOIN townships t ON t.code = COALESCE(m.township_code, v.township_code)
    WHERE m.open_id = ?`)
  const named = db.prepare(`SELECT id, name, role, open_id AS openId FROM members WHERE name = ?`)
  const ownedTasks = db.prepare(`SELECT code FROM tasks WHERE owner_phone = (SELECT phone FROM members WHERE id = ?)`).pluck()
  const commanders = db.prepare(`SELECT open_id FROM members WHERE role = '指挥长' AND zone_id = ? AND open_id IS NOT NULL`).pluck()
  const commanderName = db.prepare(`SELECT name FROM members WHERE role = '指挥长' AND zone_id = ? LIMIT 1`).pluck()
  const teamSize = db.prepare(`SELECT COUNT(*) FROM members WHERE village_code = ? AND role IN ('第一书记', '队长', '队员')`).pluck()
  return {
    byOpenId: (openId: string) => byOpenId.get(openId) as MemberRef | undefined,
    named: (name: string) => named.all(name) as { id: number; name: string; role: string; openId: string | null }[],
    /** The codes of the tasks whose owner (by phone) is this member. */
    ownedTaskCodes: (memberId: number | null) => ownedTasks.all(memberId) as string[],
    /** The open_ids of a zone's commanders who are linked to Feishu (to @-mention them). */
    commanderOpenIds: (zoneId: number) => commanders.all(zoneId) as string[],
    commanderName: (zoneId: number | null) => commanderName.get(zoneId) as string | undefined,
    /** The village's work team (第一书记, 队长, 队员) in the roster. */
    teamSize: (villageCode: string) => teamSize.get(villageCode) as number,
  }
}
export type Members = ReturnType<typeof createMembers>
