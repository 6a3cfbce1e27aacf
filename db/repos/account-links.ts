import type { Db } from '../open'

/** /认证's reads and writes: roster rows by name and phone suffix, the link, and the failed tries. */
export function createAccountLinks(db: Db) {
  return {
    /** The roster rows with this name whose phone ends in these four digits. */
    candidates: (name: string, suffix: string) =>
      db.prepare(`SELECT id, role, open_id AS openId FROM members WHERE name = ? AND substr(phone, -4) = ?`).all(name, suffix) as
        { id: number; role: string; openId: string | null }[],
    /** Links the account to the row unless the row is linked already; true when it was linked now. */
    link: (memberId: number, openId: string) =>
      db.prepare(`UPDATE members SET open_id = ? WHERE id = ? AND open_id IS NULL`).run(openId, memberId).changes === 1,
    failuresSince: (openId: string, since: number) =>
      db.prepare(`SELECT COUNT(*) FROM auth_failures WHERE open_id = ? AND at > ?`).pluck().get(openId, since) as number,
    fail: (openId: string, at: number) => {
      db.prepare(`INSERT INTO auth_failures (open_id, at) VALUES (?, ?)`).run(openId, at)
    },
  }
}
export type AccountLinks = ReturnType<typeof createAccountLinks>
