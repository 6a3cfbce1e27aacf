import type { Actor } from '../src/identity'
import type { ChatInfo, CommandContext } from './define'
import { can, rolesReaching, whoMay, type Action } from '../src/permissions'
import { may } from './rights'
import { villageScope } from '../src/registry/resolve'
import type { VillageRef, HouseholdRef } from '../db/repos/lookup'
import { UserError } from '../src/reply'
import { localDate } from '../src/domain/dates'
import { parseVisitDate } from '../src/domain/visit-date'
import { maskName } from '../src/privacy/mask'
import type { TaskFact } from '../db/repos/facts'

/**
 * allow hook for what manages a group chat (/绑定, /提醒): the `bindChat` right, in a group, over what the
 * chat speaks for now — so only an admin touches the HQ chat or another zone's chat.
 */
export function managesChat(me: Actor, chat: ChatInfo): true | string {
  const byRole = may('bindChat')(me)
  if (byRole !== true) return byRole
  if (chat.type !== 'group') return '这个命令管理的是群：请在要管理的群里 @我 发送，私聊里不能用。'
  const b = chat.binding
  if (b === undefined || can(me, 'bindChat', b.zoneId === null ? { kind: 'county' } : { kind: 'zone', zoneId: b.zoneId })) return true
  const county = rolesReaching('bindChat', 'county')
  return b.zoneId === null
    ? `本群是县指挥部群：只有${county}可以改绑或管理它的提醒。`
    : `本群绑定在别的战区：只有${[county, `那个战区的${rolesReaching('bindChat', 'zone')}`].join('或')}可以改绑或管理它的提醒。`
}

/** Today in the county's calendar. */
export const today = (ctx: Pick<CommandContext, 'now' | 'deps'>) => localDate(ctx.now, ctx.deps.config.TIMEZONE)

/** The village named (or the sender's own), after checking the sender may `action` it. */
export function villageFor(ctx: Pick<CommandContext, 'me' | 'deps'>, ref: string | undefined, action: Action): VillageRef {
  if (!ref && !ctx.me.villageCode) throw new UserError('请写上村名。')
  const village = ctx.deps.resolve.village(ref ?? ctx.me.villageCode!)
  assertMay(ctx.me, action, village)
  return village
}

/**
 * The shortest word that finds `village` again, for a command the bot tells people to send: its name, else
 * the name with its township (two villages are called 红岩洞村), else its code.
 */
export function villageWord(ctx: Pick<CommandContext, 'deps'>, village: VillageRef): string {
  for (const word of [village.name, `${village.townshipName}${village.name}`]) {
    try {
      if (ctx.deps.resolve.village(word).code === village.code) return word
    } catch (err) {
      if (!(err instanceof UserError)) throw err
    }
  }
  return village.code
}

export function householdFor(ctx: Pick<CommandContext, 'me' | 'deps'>, ref: string, action: Action): { household: HouseholdRef; village: VillageRef } {
  const found = ctx.deps.resolve.household(ref)
  assertMay(ctx.me, action, found.village)
  return found
}

function assertMay(me: Actor, action: Action, village: VillageRef) {
  if (!can(me, action, villageScope(village))) {
    throw new UserError(action === 'write'
      ? `您不能为「${village.name}」上报：只有${whoMay('reportVillage')}可以。`
      : `「${village.name}」不在您的查看范围内。`, { showUsage: false })
  }
}

/** `日期=…`: the visit date (src/domain/visit-date.ts); today when absent; never in the future or before the campaign. */
export function visitDate(ctx: Pick<CommandContext, 'now' | 'deps'>, input: string | undefined): string {
  const t = today(ctx)
  if (input === undefined) return t
  const r = parseVisitDate(input, t, ctx.deps.settings.campaignStart)
  if (!r.ok) throw new UserError(`${r.reason}。`)
  return r.value
}

/** Who may mark a task done or reopen it: its owner, whatever their role, and the `completeTask` right. */
export const TASK_WRITERS = `任务责任人；${whoMay('completeTask')}`

export function mayWriteTask(me: Actor, task: TaskFact): boolean {
  const isOwner = task.ownerOpenId !== null && task.ownerOpenId === me.openId
  const scope = task.villageCode
    ? { kind: 'village' as const, code: task.villageCode, townshipCode: task.townshipCode, zoneId: task.zoneId }
    : { kind: 'township' as const, code: task.townshipCode, zoneId: task.zoneId }
  return isOwner || can(me, 'completeTask', scope)
}

export function assertTaskWriter(ctx: Pick<CommandContext, 'me'>, task: TaskFact, what: string) {
  if (!mayWriteTask(ctx.me, task)) {
    throw new UserError(`您不能${what}任务 ${task.code}：只有${TASK_WRITERS}可以。`, { showUsage: false })
  }
}

/** Full names only in a direct chat; the surname elsewhere. */
export const shownName = (chat: ChatInfo, name: string) => (chat.type === 'p2p' ? name : maskName(name))

/** A free-text note: at most 200 characters, kept as typed. */
export function note(words: string[], named?: string): string | null {
  const text = [named, ...words].filter(Boolean).join(' ').trim()
  if (text.length > 200) throw new UserError('备注太长了，请控制在 200 字以内。')
  return text || null
}
