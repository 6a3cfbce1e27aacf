import type { Db } from '../open'

export type LinkKind = 'personal' | 'wall'

export interface LinkRow {
  id: number
  kind: LinkKind
  openId: string
  /** null = the whole county. */
  zoneId: number | null
  expiresAt: number
  usedAt: number | null
  revokedAt: number | null
}

export interface SessionRow {
  id: number
  linkId: number
  kind: LinkKind
  openId: string
  zoneId: number | null
  expiresAt: number
}

/** Keep expired rows this long (for the audit of who opened what), then drop them. */
const KEEP_MS = 30 * 86_400_000

/** Battle-map links and sessions (migration 0007). Callers pass hashes, never tokens. */
export function createWebAccess(db: Db) {
  const addLink = db.prepare(`INSERT INTO web_links (token_hash, kind, open_id, zone_id, created_at, expires_at)
                              VALUES (@hash, @kind, @openId, @zoneId, @now, @expiresAt)`)
  const linkByHash = db.prepare(`SELECT id, kind, open_id AS openId, zone_id AS zoneId, expires_at AS expiresAt,
                                        used_at AS usedAt, revoked_at AS revokedAt
                                 FROM web_links WHERE token_hash = ?`)
  // Single use holds under concurrency: only the request whose UPDATE changes the row gets a session.
  const markUsed = db.prepare(`UPDATE web_links SET used_at = ? WHERE id = ? AND used_at IS NULL`)
  const addSession = db.prepare(`INSERT INTO web_sessions (session_hash, link_id, created_at, expires_at)
                                 VALUES (?, ?, ?, ?)`)
  const sessionByHash = db.prepare(`
    SELECT s.id, s.link_id AS linkId, l.kind, l.open_id AS openId, l.zone_id AS zoneId, s.expires_at AS expiresAt
    FROM web_sessions s JOIN web_links l ON l.id = s.link_id
    WHERE s.session_hash = ? AND s.expires_at > ? AND l.revoked_at IS NULL`)
  // A link's own life (10 minutes) is shorter than its sessions' (a working day): revoke every link that is
  // still live or still has a live session, or a person could stay signed in after /作战图 撤销.
  const revoke = db.prepare(`UPDATE web_links SET revoked_at = @now WHERE open_id = @openId AND revoked_at IS NULL
    AND (expires_at > @now OR id IN (SELECT link_id FROM web_sessions WHERE expires_at > @now))`)
  const pruneSessions = db.prepare(`DELETE FROM web_sessions WHERE expires_at < ?`)
  const pruneLinks = db.prepare(`DELETE FROM web_links WHERE expires_at < ? AND id NOT IN (SELECT link_id FROM web_sessions)`)

  return {
    addLink(l: { hash: string; kind: LinkKind; openId: string; zoneId: number | null; now: number; expiresAt: number }): number {
      return Number(addLink.run(l).lastInsertRowid)
    },
    link: (hash: string) => linkByHash.get(hash) as LinkRow | undefined,
    /** true when this call used the link (false: someone else did first). */
    markUsed: (id: number, now: number) => markUsed.run(now, id).changes === 1,
    addSession: (hash: string, linkId: number, now: number, expiresAt: number) => Number(addSession.run(hash, linkId, now, expiresAt).lastInsertRowid),
    /** A live session: not expired, its link not revoked. */
    session: (hash: string, now: number) => sessionByHash.get(hash, now) as SessionRow | undefined,
    /** Revokes every live link of a person and so every session it opened; returns how many links. */
    revokeAll: (openId: string, now: number) => revoke.run({ openId, now }).changes,
    prune(now: number) {
      pruneSessions.run(now - KEEP_MS)
      pruneLinks.run(now - KEEP_MS)
    },
  }
}
export type WebAccess = ReturnType<typeof createWebAccess>
