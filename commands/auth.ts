import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { text, UserError } from '../src/reply'

const MAX_FAILURES = 5
const LOCK_MS = 60 * 60 * 1000

/** The one answer in a group, whatever was typed: nothing in it is read, checked or counted there. */
export const AUTH_IN_GROUP = '认证要在私聊里办理，群里不处理：请点我的头像 → 发消息，在私聊中发送「/认证 姓名 手机后四位」。刚才那条消息可以撤回。'
/** One answer for a wrong name, a wrong phone, several matches and a row linked to another account: nothing to probe. */
export const NO_MATCH = '信息不匹配或已被关联，请联系管理员。'

/** /认证: links a Feishu account to its roster row by name and phone suffix, in a direct chat only. */
export default defineCommand({
  path: ['认证'],
  aliases: [['注册']],
  summary: '用姓名和手机后四位关联花名册，关联后才能上报和查询（只在私聊中办理）',
  examples: ['/认证 何伟 5678'],
  who: '还没有认证的人，在与我的私聊中',
  allow: (me, chat) => {
    if (chat.type !== 'p2p') return AUTH_IN_GROUP
    if (me.memberId !== null) return `您已认证为 ${me.name}（${me.role}），无需重复认证。发送 /我 查看您的信息。`
    return true
  },
  args: z.tuple([
    arg('姓名', z.string().max(20, '姓名太长了')),
    arg('手机后四位', z.string().regex(/^\d{4}$/, '手机后四位应为 4 位数字')),
  ], { message: '请写姓名和手机后四位，中间用空格隔开' }),
  run: ({ args: [name, suffix], me, deps, now }) => {
    const links = deps.accountLinks
    const failures = links.failuresSince(me.openId, now.getTime() - LOCK_MS)
    if (failures >= MAX_FAILURES) throw new UserError('认证失败次数过多，已锁定一小时，请稍后再试或联系管理员。', { showUsage: false })
    const rows = links.candidates(name, suffix)
    const row = rows.length === 1 ? rows[0]! : null
    if (!row || !links.link(row.id, me.openId)) {
      // A refusal is a reply, not a thrown error: the router rolls a thrown error back, and the try must count.
      links.fail(me.openId, now.getTime())
      const left = MAX_FAILURES - failures - 1
      return text(`${NO_MATCH}${left > 0 ? `姓名或手机后四位输错了可以再试（还可尝试 ${left} 次）。` : '已锁定一小时。'}`)
    }
    deps.audit.record({ at: now.getTime(), actor: me.openId, action: 'member.link', target: `member:${row.id}` })
    return text(`认证成功：${name}（${row.role}）。发送 /我 查看您的信息，发送 /帮助 查看您可以用的命令。`)
  },
})
