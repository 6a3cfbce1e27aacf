import type { CommandContext } from './define'
import type { Place } from '../src/registry/place'
import { COUNTY } from '../src/registry/place'
import { can, isCountyRole, type Action } from '../src/permissions'
import { UserError } from '../src/reply'

/**
 * The place a summary command is about: the one named, else the chat's zone (or the county in the HQ chat),
 * else the sender's zone, else the county for county-wide roles. Checked against the sender's remit.
 */
export function placeFor(ctx: Pick<CommandContext, 'me' | 'chat' | 'deps'>, input: string | undefined, action: Action = 'summary'): Place {
  const { me, chat, deps } = ctx
  let place: Place
  if (input) place = deps.places.find(input)
  else if (chat.binding && chat.binding.zoneId === null) place = COUNTY
  else if (chat.binding) place = deps.places.zone(chat.binding.zoneId!)
  else if (me.zoneId !== null && !isCountyRole(me)) place = deps.places.zone(me.zoneId)
  else if (isCountyRole(me)) place = COUNTY
  else throw new UserError('请写上战区、乡镇或村的名称。')
  // Asked without a name in a chat whose default is beyond the sender's remit: show their own zone instead.
  if (!input && me.zoneId !== null && !can(me, action, place.scope)) place = deps.places.zone(me.zoneId)
  if (!can(me, place.scope.kind === 'village' ? 'read' : action, place.scope)) {
    throw new UserError(`「${place.label}」不在您的查看范围内。`, { showUsage: false })
  }
  return place
}

/**
 * The word that names `place` in a command the bot tells people to send (`/逾期 团结乡 第 2 页`): its name
 * when the name finds it again, else its code — two townships may share a name.
 */
export function placeWord(ctx: Pick<CommandContext, 'deps'>, place: Place): string {
  const { filter } = place
  if (filter.kind === 'county') return '全县'
  try {
    if (JSON.stringify(ctx.deps.places.find(place.label).filter) === JSON.stringify(filter)) return place.label
  } catch (err) {
    if (!(err instanceof UserError)) throw err   // a name two places share: the code below
  }
  return filter.kind === 'zone' ? place.label : filter.code
}
