import type { Actor } from '../src/identity'
import { reachOf, whoMay, type Right } from '../src/permissions'

/*
 * Who may run a command, before anything it was given is read (the remit table is src/permissions.ts).
 * A command that needs one right declares it as data (`right:` in ./define.ts); these are its checks.
 */

export const NOT_ROSTERED = '您还没有关联花名册，暂时不能使用这个命令。请先私聊我发送「/认证 姓名 手机后四位」；不在花名册中的，请联系县扶贫办。'

/** allow hook: anyone on the roster (or an admin by ADMIN_OPEN_IDS). */
export const rostered = (me: Actor) => (me.role !== null ? true : NOT_ROSTERED)

/**
 * allow hook factory: those whose role has `right` (src/permissions.ts). Where it reaches — which village,
 * township or zone — is checked when the command knows the place.
 */
export const may = (right: Right) => (me: Actor) =>
  me.role === null ? NOT_ROSTERED : reachOf(me, right) !== null ? true : `您的角色（${me.role}）不能用这个命令：只有${whoMay(right)}可以用。`
