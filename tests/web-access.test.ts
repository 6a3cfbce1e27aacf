import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { createIdentity } from '../src/identity'
import { createMembers } from '../db/repos/members'
import { createWebAccess } from '../db/repos/web-access'
import { createKeyValues } from '../db/repos/key-values'
import { createTransactions } from '../db/transactions'
import { createMapAccess, PERSONAL_LINK_MS, SESSION_MS, WALL_LINK_MS } from '../src/web/access'
import { hashToken, makeToken, verifyToken, webSecret } from '../src/web/tokens'
import { FIXTURE_NOW, PEOPLE, seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'

const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const db = openDatabase(dbPath)
const identity = createIdentity(createMembers(db), [])
const keyValues = createKeyValues(db)
const repos = { webAccess: createWebAccess(db), keyValues, tx: createTransactions(db), identity }
const access = createMapAccess(repos)
const at = (ms: number) => new Date(FIXTURE_NOW.getTime() + ms)

describe('tokens', () => {
  it('are signed for one purpose with one key', () => {
    const t = makeToken('k'.repeat(32), 'link')
    expect(verifyToken('k'.repeat(32), 'link', t)).toBe(true)
    expect(verifyToken('k'.repeat(32), 'session', t)).toBe(false)
    expect(verifyToken('other-key-000000000000', 'link', t)).toBe(false)
    for (const bad of ['', 'x.y', `${t}x`, t.replace('.', '-'), 42, null, t.repeat(3)]) expect(verifyToken('k'.repeat(32), 'link', bad)).toBe(false)
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/)
  })

  it('use WEB_SECRET when set, else a key generated once and kept', () => {
    expect(webSecret(keyValues, 'configured-secret-1234')).toBe('configured-secret-1234')
    const first = webSecret(keyValues, undefined)
    expect(webSecret(keyValues, undefined)).toBe(first)
    expect(first.length).toBeGreaterThanOrEqual(40)
  })

  it('from another key are refused as forged', () => {
    const other = createMapAccess({ ...repos, webSecret: 'a-different-secret-0123' })
    const { token } = other.issue({ openId: PEOPLE.admin, kind: 'personal', zoneId: null, now: FIXTURE_NOW })
    expect(access.redeem(token, FIXTURE_NOW)).toEqual({ ok: false, reason: 'forged' })
    expect(other.redeem(token, FIXTURE_NOW).ok).toBe(true)
  })
})

describe('links and sessions', () => {
  it('a personal link: once, within 10 minutes, then an 8-hour session', () => {
    const { token, expiresAt } = access.issue({ openId: PEOPLE.commander1, kind: 'personal', zoneId: 1, now: FIXTURE_NOW })
    expect(expiresAt - FIXTURE_NOW.getTime()).toBe(PERSONAL_LINK_MS)
    const r = access.redeem(token, at(PERSONAL_LINK_MS - 1))
    if (!r.ok) throw new Error(r.reason)
    expect(r.session).toMatchObject({ kind: 'personal', remit: { kind: 'zone', zoneId: 1 } })
    expect(access.redeem(token, at(PERSONAL_LINK_MS - 1))).toEqual({ ok: false, reason: 'used' })
    const opened = at(PERSONAL_LINK_MS - 1).getTime()
    expect(access.session(r.cookie, new Date(opened + SESSION_MS - 1))).not.toBeNull()
    expect(access.session(r.cookie, new Date(opened + SESSION_MS))).toBeNull()
    expect(access.session(token, FIXTURE_NOW)).toBeNull()   // a link is not a cookie

    const late = access.issue({ openId: PEOPLE.commander1, kind: 'personal', zoneId: 1, now: FIXTURE_NOW })
    expect(access.redeem(late.token, at(PERSONAL_LINK_MS))).toEqual({ ok: false, reason: 'expired' })
  })

  it('a wall link: reusable for 30 days, its sessions as long, all ended by revocation', () => {
    const { token } = access.issue({ openId: PEOPLE.leader, kind: 'wall', zoneId: null, now: FIXTURE_NOW })
    const a = access.redeem(token, FIXTURE_NOW)
    const b = access.redeem(token, at(WALL_LINK_MS - 1))
    if (!a.ok || !b.ok) throw new Error('wall link refused')
    expect(access.session(a.cookie, at(WALL_LINK_MS - 1))?.remit).toEqual({ kind: 'county' })
    expect(access.redeem(token, at(WALL_LINK_MS))).toEqual({ ok: false, reason: 'expired' })
    expect(access.revokeAll(PEOPLE.leader, at(1000))).toBeGreaterThanOrEqual(1)
    expect(access.redeem(token, at(2000))).toEqual({ ok: false, reason: 'revoked' })
    expect(access.session(a.cookie, at(2000))).toBeNull()
  })

  it('revocation ends every session of the person, also one opened from a link that has itself expired', () => {
    const { token } = access.issue({ openId: PEOPLE.commander2, kind: 'personal', zoneId: 2, now: FIXTURE_NOW })
    const opened = access.redeem(token, at(1000))
    if (!opened.ok) throw new Error('link refused')
    const later = at(PERSONAL_LINK_MS + 60_000)   // the link is past its 10 minutes; the session is not
    expect(access.session(opened.cookie, later)?.openId).toBe(PEOPLE.commander2)
    expect(access.revokeAll(PEOPLE.commander2, later)).toBe(1)
    expect(access.session(opened.cookie, later)).toBeNull()
  })

  it('a session ends when its owner loses the role or the remit', () => {
    const { token } = access.issue({ openId: PEOPLE.commander1, kind: 'personal', zoneId: 1, now: FIXTURE_NOW })
    const opened = access.redeem(token, FIXTURE_NOW)
    if (!opened.ok) throw new Error('link refused')
    expect(access.session(opened.cookie, at(1000))).not.toBeNull()
    db.prepare(`UPDATE members SET zone_id = 2 WHERE open_id = ?`).run(PEOPLE.commander1)   // moved to another zone
    try {
      expect(access.session(opened.cookie, at(2000))).toBeNull()
      db.prepare(`UPDATE members SET zone_id = 1, open_id = NULL WHERE open_id = ?`).run(PEOPLE.commander1)   // off the roster
      expect(access.session(opened.cookie, at(3000))).toBeNull()
    } finally {
      db.prepare(`UPDATE members SET zone_id = 1, open_id = ? WHERE name = '张指挥'`).run(PEOPLE.commander1)
    }
    expect(access.session(opened.cookie, at(4000))).not.toBeNull()
  })

  it('an unknown but well-signed token, and a link beyond its owner\'s remit, are refused', () => {
    expect(access.redeem(makeToken(webSecret(keyValues, undefined), 'link'), FIXTURE_NOW)).toEqual({ ok: false, reason: 'unknown' })
    const { token } = access.issue({ openId: PEOPLE.commander1, kind: 'personal', zoneId: 2, now: FIXTURE_NOW })
    expect(access.redeem(token, FIXTURE_NOW)).toEqual({ ok: false, reason: 'remit' })
    const stranger = access.issue({ openId: PEOPLE.stranger, kind: 'personal', zoneId: null, now: FIXTURE_NOW })
    expect(access.redeem(stranger.token, FIXTURE_NOW)).toEqual({ ok: false, reason: 'remit' })
  })
})
