import { z } from 'zod'
import { defineCommand } from './define'
import { text, UserError } from '../src/reply'
import { bindingLabel } from '../db/repos/bindings'
import { can } from '../src/permissions'
import { findZone } from '../src/registry/find-zone'

/** /绑定: this group chat speaks for a zone, or for the county HQ. */
export default defineCommand({
  path: ['绑定'],
  summary: '把本群绑定到一个战区或县指挥部（全县）',
  usage: '/绑定 <战区名称 或 全县>',
  examples: ['/绑定 第一战区', '/绑定 全县'],
  who: '管理员；本战区指挥长（只能绑定自己的战区）',
  allow: (me) => (me.role === '管理员' || me.role === '指挥长' ? true : '只有管理员或战区指挥长可以绑定群。'),
  args: z.tuple([z.string().max(30, '名称太长了')], { message: '请写战区名称或「全县」' }),
  run: ({ args: [target], me, chat, deps, now }) => {
    if (chat.type !== 'group') throw new UserError('请在要绑定的群里 @我 发送这条命令，私聊不能绑定。', { showUsage: false })
    const zone = target === '全县' || target === '县指挥部' ? null : findZone(deps.db, target)
    if (zone === null ? me.role !== '管理员' : !can(me, 'bind', { kind: 'zone', zoneId: zone.id })) {
      throw new UserError(zone === null ? '只有管理员可以把群绑定为县指挥部。' : '指挥长只能把群绑定到自己的战区。', { showUsage: false })
    }
    const before = deps.bindings.bind(chat.id, zone?.id ?? null, me.openId, now.getTime())
    const after = bindingLabel({ zoneId: zone?.id ?? null, zoneName: zone?.name ?? null })
    deps.audit.record({ at: now.getTime(), actor: me.openId, action: 'chat.bind', target: chat.id, detail: { zoneId: zone?.id ?? null, before: before?.zoneId } })
    if (!before) return text(`已把本群绑定到「${after}」。之后的提醒、调度和排名会发到这里。`)
    const was = bindingLabel(before)
    return text(was === after ? `本群已经绑定在「${after}」，无需更改。` : `已把本群从「${was}」改绑到「${after}」。`)
  },
})
