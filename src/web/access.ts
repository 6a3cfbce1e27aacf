import type { Identity } from '../identity'
import type { KeyValues } from '../../db/repos/key-values'
import type { Transactions } from '../../db/transactions'
import type { LinkKind, WebAccess } from '../../db/repos/web-access'
import { hashToken, makeToken, verifyToken, webSecret } from './tokens'
import { covers, remitOf, remitOfZone, type Remit } from './remit'

export const PERSONAL_LINK_MS = 10 * 60_000
export const WALL_LINK_MS = 30 * 86_400_000
export const SESSION_MS = 8 * 3_600_000

export interface MapSession {
  kind: LinkKind
  openId: string
  remit: Remit
  expiresAt: number
}

export type RedeemResult =
  | { ok: true; cookie: string; session: MapSession }
  | { ok: false; reason: 'malformed' | 'forged' | 'unknown' | 'expired' | 'used' | 'revoked' | 'remit' }

/**
 * Map links and sessions: issue (from /作战图), redeem (GET /map?token=…), check (every page), revoke.
 * Tokens exist only in the reply that carries them and in the person's browser; the database keeps hashes.
 */
export function createMapAccess(deps: { webAccess: WebAccess; keyValues: KeyValues; tx: Transactions; identity: Identity; webSecret?: string }) {
  const repo = deps.webAccess
  // Made (or read) on first use, not when the deps are: a read-only connection (the ranking worker) has deps too.
  let key: string | undefined
  const secret = () => (key ??= webSecret(deps.keyValues, deps.webSecret))

  /** The issuer must still hold a remit that covers the link's (a commander moved elsewhere loses the map). */
  const stillEntitled = (openId: string, zoneId: number | null) => {
    const remit = remitOf(deps.identity.identify(openId))
    return remit !== null && covers(remit, zoneId)
  }

  return {
    /** The signing key, made now when WEB_SECRET is unset and none is stored (the map router asks at start). */
    ensureKey: () => void secret(),
    /** A new link token; `zoneId` null = the county. The caller has checked the person's remit. */
    issue(o: { openId: string; kind: LinkKind; zoneId: number | null; now: Date }): { token: string; expiresAt: number } {
      const now = o.now.getTime()
      repo.prune(now)
      const token = makeToken(secret(), 'link')
      const expiresAt = now + (o.kind === 'wall' ? WALL_LINK_MS : PERSONAL_LINK_MS)
      repo.addLink({ hash: hashToken(token), kind: o.kind, openId: o.openId, zoneId: o.zoneId, now, expiresAt })
      return { token, expiresAt }
    },

    /** Turns a link token into a session; personal links work once. */
    redeem(token: unknown, at: Date): RedeemResult {
      const now = at.getTime()
      if (typeof token !== 'string' || token === '') return { ok: false, reason: 'malformed' }
      if (!verifyToken(secret(), 'link', token)) return { ok: false, reason: 'forged' }
      const link = repo.link(hashToken(token))
      if (!link) return { ok: false, reason: 'unknown' }
      if (link.revokedAt !== null) return { ok: false, reason: 'revoked' }
      if (link.expiresAt <= now) return { ok: false, reason: 'expired' }
      if (link.kind === 'personal' && link.usedAt !== null) return { ok: false, reason: 'used' }
      if (!stillEntitled(link.openId, link.zoneId)) return { ok: false, reason: 'remit' }
      return deps.tx.run((): RedeemResult => {
        if (link.kind === 'personal' && !repo.markUsed(link.id, now)) return { ok: false, reason: 'used' }
        // A wall screen stays signed in as long as its link lives; a person for a working day.
        const expiresAt = link.kind === 'wall' ? link.expiresAt : now + SESSION_MS
        const cookie = makeToken(secret(), 'session')
        repo.addSession(hashToken(cookie), link.id, now, expiresAt)
        return { ok: true, cookie, session: { kind: link.kind, openId: link.openId, remit: remitOfZone(link.zoneId), expiresAt } }
      })
    },

    /** The live session a cookie belongs to, or null. */
    session(cookie: unknown, at: Date): MapSession | null {
      if (!verifyToken(secret(), 'session', cookie)) return null
      const s = repo.session(hashToken(cookie), at.getTime())
      if (!s || !stillEntitled(s.openId, s.zoneId)) return null
      return { kind: s.kind, openId: s.openId, remit: remitOfZone(s.zoneId), expiresAt: s.expiresAt }
    },

    revokeAll: (openId: string, at: Date) => repo.revokeAll(openId, at.getTime()),
  }
}
export type MapAccess = ReturnType<typeof createMapAccess>
