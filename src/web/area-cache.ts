import type { Deps } from '../deps'
import type { Db } from '../../db/open'
import type { PlaceFilter } from '../../db/repos/facts'
import { areaView, type AreaView } from '../views/area'

const MAX_ENTRIES = 64

interface Entry { stamp: string; view: AreaView }
const caches = new WeakMap<Db, { changes: () => unknown; entries: Map<string, Entry> }>()

/**
 * `areaView`, computed again only when the database has changed. At county scale (516 villages, 200,000
 * households) one county view takes ~0.5 s of the event loop, which a room of people opening the map at
 * once, plus wall screens, would otherwise pay each time while webhooks wait.
 *
 * "Changed" is exact, not a timeout, so the map never shows older figures than the chat: this connection's
 * `total_changes()` moves with every write it makes (reports, checks, withdrawals), `PRAGMA data_version`
 * with every commit by another connection (an admin import, a second process). Any write at all empties
 * the cache — even an outbox update — which costs a recomputation, never a stale page.
 */
export function cachedAreaView(deps: Deps, where: PlaceFilter, today: string): AreaView {
  let cache = caches.get(deps.db)
  if (!cache) {
    const changes = deps.db.prepare(`SELECT total_changes()`).pluck()
    caches.set(deps.db, (cache = { changes: () => changes.get(), entries: new Map() }))
  }
  const stamp = `${today}|${String(cache.changes())}|${String(deps.db.pragma('data_version', { simple: true }))}`
  const key = where.kind === 'county' ? 'county' : where.kind === 'zone' ? `zone:${where.zoneId}` : `${where.kind}:${where.code}`
  const hit = cache.entries.get(key)
  if (hit && hit.stamp === stamp) return hit.view
  const view = areaView(deps, where, today)
  cache.entries.delete(key)
  cache.entries.set(key, { stamp, view })
  if (cache.entries.size > MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!)
  return view
}
