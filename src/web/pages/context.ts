import type { Deps } from '../../deps'
import type { MapSession } from '../access'
import type { PlaceFilter } from '../../../db/repos/facts'
import type { AreaView } from '../../views/area'
import type { PageOptions } from '../html'
import { readRanking } from '../ranking-data'
import { phaseLine } from '../../domain/phases'

/** What every page is rendered with: the repositories, the county's today, and who is looking. */
export interface PageContext {
  deps: Deps
  today: string
  /** Local time of the figures, e.g. 2018-06-15 12:00. */
  stamp: string
  session: MapSession
  /** A county, zone or township's view for today, computed again only after a write (src/web/area-cache.ts). */
  area: (where: PlaceFilter) => AreaView
}

/** Wall screens reload themselves; people reload when they want to. */
export const WALL_REFRESH_SEC = 300

/** Breadcrumbs up to the viewer's remit (a zone's commander has no county link to follow). */
export function crumbsFor(ctx: PageContext, zone?: { id: number; name: string }): [string, string][] {
  const out: [string, string][] = []
  if (ctx.session.remit.kind === 'county') out.push(['全县', '/map'])
  if (zone) out.push([zone.name, ctx.session.remit.kind === 'county' ? `/map/zone/${zone.id}` : '/map'])
  return out
}

/** Page options every page shares: refresh for wall screens, the footer with time and the privacy note. */
export function common(ctx: PageContext): Pick<PageOptions, 'refreshSec' | 'footer' | 'phase'> {
  const mode = ctx.session.kind === 'wall' ? `大屏只读 · 每 ${WALL_REFRESH_SEC / 60} 分钟自动刷新` : '只读'
  return {
    phase: phaseLine(ctx.deps.settings.phases, ctx.today),
    refreshSec: ctx.session.kind === 'wall' ? WALL_REFRESH_SEC : undefined,
    footer: `数据截至 ${ctx.stamp} · ${mode} · 页面不含个人信息 · 战区助手`,
  }
}

export const rankingFor = (ctx: PageContext) => readRanking(ctx.deps.rankings, ctx.session.remit, ctx.deps.log)
