import type { Deps } from '../deps'
import type { PlaceFilter } from '../../db/repos/facts'
import { addDays, atLocalHour, monthStart } from '../domain/dates'
import { findings, openDisagreements, type Disagreement, type Finding } from './spot-findings'

/** A disagreement still open after this many days appears in the zone's overdue digest, as a task would. */
export const DISAGREEMENT_OVERDUE_DAYS = 7

/** A township's spot-check figures for a month (docs/figures.md): outcome data, not activity counts. */
export interface SpotFigures {
  code: string
  name: string
  /** Draws made in the month that drew from the township. */
  draws: number
  /** Drawn households of the township re-verified in the month, and those in full agreement. */
  reverified: number
  agreeing: number
  /** Disagreements (items) of the township still open at the end of the period, whenever they arose. */
  open: number
}

/** The first and last instant (epoch ms) of a county calendar day. */
export const dayStartMs = (date: string, tz: string) => atLocalHour(date, 0, tz).getTime()
export const dayEndMs = (date: string, tz: string) => atLocalHour(addDays(date, 1), 0, tz).getTime() - 1

/**
 * Each township's figures for `month` as typed by `until` (epoch ms: the month's end, or now while it
 * runs); only townships with a draw, a 复核 or an open disagreement, by code.
 */
export function spotFigures(deps: Pick<Deps, 'spotFindings' | 'settings' | 'config'>, where: PlaceFilter, month: string, until: number): SpotFigures[] {
  const from = dayStartMs(monthStart(month), deps.config.TIMEZONE)
  const byCode = new Map<string, SpotFigures>()
  const row = (code: string, name: string) => {
    let r = byCode.get(code)
    if (!r) byCode.set(code, (r = { code, name, draws: 0, reverified: 0, agreeing: 0, open: 0 }))
    return r
  }
  for (const d of deps.spotFindings.drawsPerTownship(where, from, until)) row(d.code, d.name).draws = d.n
  for (const f of findings(deps, where, until)) {
    const r = row(f.household.townshipCode, f.household.townshipName)
    if (f.reverifications.some((x) => x.createdAt >= from)) {
      r.reverified += 1
      if (f.agrees) r.agreeing += 1
    }
    r.open += openDisagreements(f).length
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
}

/** The sum of townships' figures (a zone's or the county's line). */
export function totalFigures(rows: readonly SpotFigures[], name: string): SpotFigures {
  return rows.reduce((t, r) => ({ ...t, draws: t.draws + r.draws, reverified: t.reverified + r.reverified, agreeing: t.agreeing + r.agreeing, open: t.open + r.open }),
    { code: '', name, draws: 0, reverified: 0, agreeing: 0, open: 0 })
}

/** Open disagreements older than DISAGREEMENT_OVERDUE_DAYS at `now`, by household, oldest first. */
export function overdueDisagreements(deps: Pick<Deps, 'spotFindings' | 'settings'>, where: PlaceFilter, now: number): { finding: Finding; open: Disagreement[] }[] {
  const limit = now - DISAGREEMENT_OVERDUE_DAYS * 86_400_000
  const out = findings(deps, where, now)
    .map((finding) => ({ finding, open: openDisagreements(finding).filter((d) => d.openedAt < limit) }))
    .filter((x) => x.open.length > 0)
  return out.sort((a, b) => a.open[0]!.openedAt - b.open[0]!.openedAt)
}
