import type { CommandContext } from './define'
import type { Actor } from '../src/identity'
import type { DrawRow, DrawnHousehold } from '../db/repos/spot-draws'
import { can, reachOf, whoMay, type Right, type Scope } from '../src/permissions'
import { TEAM_ROLES } from '../src/identity'
import { NOT_ROSTERED } from './rights'
import { UserError } from '../src/reply'

type Ctx = Pick<CommandContext, 'me' | 'deps'>

/** The place a draw was made in, as the remit table reads places. */
export function drawScope(d: DrawRow): Scope {
  if (d.scopeKind === 'zone') return { kind: 'zone', zoneId: d.zoneId }
  if (d.scopeKind === 'township') return { kind: 'township', code: d.townshipCode!, zoneId: d.zoneId }
  return { kind: 'village', code: d.villageCode!, townshipCode: d.townshipCode!, zoneId: d.zoneId }
}

/** `12`, `#12`, `抽查12`: a draw's number, or a refusal saying what a number looks like. */
export function drawNumber(word: string | undefined): number {
  const m = /^(?:抽查)?#?(\d{1,9})$/.exec(word ?? '')
  if (!m) throw new UserError(word === undefined ? '请写抽查编号。' : `「${word}」不是抽查编号：编号是数字，例如 12（/抽查 记录 列出全部）。`)
  return Number(m[1])
}

/**
 * The draw numbered `word`, when the sender's `right` reaches the place it was made in (or `orIf` lets
 * them: an assigned re-verifier sees the draw's list).
 */
export function drawFor(ctx: Ctx, word: string | undefined, right: Right, o: { orIf?: (d: DrawRow) => boolean } = {}): DrawRow {
  const id = drawNumber(word)
  const draw = ctx.deps.spotDraws.get(id)
  if (!draw) throw new UserError(`没有编号为 ${id} 的抽查。发送 /抽查 记录 查看全部抽查。`, { showUsage: false })
  if (!can(ctx.me, right, drawScope(draw)) && !o.orIf?.(draw)) {
    throw new UserError(`抽查 #${id}（${draw.scopeLabel}）不在您的范围内：只有${whoMay(right)}可以。`, { showUsage: false })
  }
  return draw
}

/** The drawn household a word names (户编号, or 户主姓名 with @村), or a refusal: it is not in the draw. */
export function drawnIn(ctx: Ctx, draw: DrawRow, ref: string): DrawnHousehold {
  const { household } = ctx.deps.resolve.household(ref)
  const drawn = ctx.deps.spotDraws.households(draw.id).find((h) => h.householdCode === household.code)
  if (!drawn) throw new UserError(`户 ${household.code} 不在抽查 #${draw.id} 的名单中。发送 /抽查 名单 ${draw.id} 查看名单。`, { showUsage: false })
  return drawn
}

/** Those assigned to a draw: team members of other villages. */
export const ASSIGNED = '被指派（/抽查 指派）的其他村工作队员'
export const REVERIFIERS = `${whoMay('reverify')}；抽查人（含本战区指挥长）；${ASSIGNED}。任何人都不能复核本村的户`

/**
 * allow hook of what a re-verifier does (/复核, a draw's list): the roles that can ever re-verify — those
 * who draw, those with the `reverify` right, and team members (when assigned). Which draw and household is
 * checked by reverifyRefusal once they are known.
 */
export function mayReverify(me: Actor, extra: Right | null = null): true | string {
  if (me.role === null) return NOT_ROSTERED
  if (reachOf(me, 'drawSpotCheck') !== null || reachOf(me, 'reverify') !== null || (extra !== null && reachOf(me, extra) !== null)) return true
  if ((TEAM_ROLES as readonly string[]).includes(me.role)) return true
  return `您不能复核（您的角色是${me.role}）：只有${REVERIFIERS}。`
}

/**
 * Whether `me` may re-verify `drawn` in `draw` (docs/domain.md, "Spot checks"): never the household's own
 * team; the drawer, those with the `reverify` right, and members assigned to the draw. Null when allowed,
 * else the reason.
 */
export function reverifyRefusal(ctx: Ctx, draw: DrawRow, drawn: Pick<DrawnHousehold, 'villageCode' | 'villageName' | 'townshipCode'>): string | null {
  const me: Actor = ctx.me
  if (me.villageCode !== null && me.villageCode === drawn.villageCode) {
    return `您是${drawn.villageName}工作队的成员，不能复核本村的户：只能由别人复核。`
  }
  if (draw.drawerOpenId === me.openId) return null
  if (can(me, 'reverify', { kind: 'village', code: drawn.villageCode, townshipCode: drawn.townshipCode, zoneId: draw.zoneId })) return null
  if (me.memberId !== null && ctx.deps.spotDraws.assignees(draw.id).some((a) => a.id === me.memberId)) return null
  return `您不能复核抽查 #${draw.id} 的户：只有${REVERIFIERS}。`
}
