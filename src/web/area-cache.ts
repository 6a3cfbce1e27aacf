import type { Deps } from '../deps'
import type { PlaceFilter } from '../../db/repos/facts'
import { areaView, type AreaView } from '../views/area'

const MAX_ENTRIES = 64

interface Entry { stamp: string; view: AreaView }

/**
 * `areaView`, computed again only when the database has changed. At county scale (516 villages, 200,000
 * households) one county view takes ~0.5 s of the event loop, which a room of people opening the map at
 * once, plus wall screens, would otherwise pay each time while webhooks wait.
 *
 * "Changed" is exact, not a timeout, so the map never shows older figures than the chat (`changeStamp`:
 * db/changes.ts). Any write at all empties the cache — even an outbox update — which costs a
 * recomputation, never a stale page. One per map router (src/web/router.ts).
 */
export function createAreaCache(changeStamp: () => string) {
  const entries = new Map<string, Entry>()
  return {
    view(key: string, today: string, compute: () => AreaView): AreaView {
      const stamp = `${today}|${changeStamp()}`
      const hit = entries.get(key)
      if (hit && hit.stamp === stamp) return hit.view
      const view = compute()
      entries.delete(key)
      entries.set(key, { stamp, view })
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
      return view
    },
  }
}
export type AreaCache = ReturnType<typeof createAreaCache>

/** `where`'s view through `cache`. */
export function cachedAreaView(cache: AreaCache, deps: Deps, where: PlaceFilter, today: string): AreaView {
  const key = where.kind === 'county' ? 'county' : where.kind === 'zone' ? `zone:${where.zoneId}` : `${where.kind}:${where.code}`
  return cache.view(key, today, () => areaView(deps, where, today))
}
