import { z } from 'zod'
import { defineCommand } from './define'
import { text, UserError } from '../src/reply'
import { maskName } from '../src/privacy/mask'

const MAX_FAILURES = 5
const LOCK_MS = 60 * 60 * 1000

/** /认证: links a Feishu account to its roster row by name and phone suffix. */
export default defineCommand({
  path: ['认证'],
  aliases: [['注册']],
  summary: '用姓名和手机后四位关联花名册，关联后才能上报和查询',
  usage: '/认证 <姓名> <手机后四位>',
  examples: ['/认证 何伟 5678'],
  who: '所有人',
  allow: () => true,
  args: z.tuple([
    z.string().max(20, '姓名太长了'),
    z.string().regex(/^\d{4}$/, '手机后四位应为 4 位数字'),
  ], { message: '请写姓名和手机后四位，中间用空格隔开' }),
  run: ({ args: [name, suffix], me, deps, now, chat }) => {
    const { db, audit } = deps
    const shown = chat.type === 'p2p' ? name : maskName(name)
    if (me.memberId !== null) {
      return text(`您已认证为 ${chat.type === 'p2p' ? me.name : maskName(me.name ?? '')}（${me.role}），无需重复认证。`)
    }
    const since = now.getTime() - LOCK_MS
    const failures = (db.prepare(`SELECT COUNT(*) AS n FROM auth_failures WHERE open_id = ? AND at > ?`).get(me.openId, since) as { n: number }).n
    if (failures >= MAX_FAILURES) throw new UserError('认证失败次数过多，已锁定一小时，请稍后再试或联系管理员。', { showUsage: false })

    const rows = db.prepare(`SELECT id, role, open_id AS openId FROM members WHERE name = ? AND substr(phone, -4) = ?`).all(name, suffix) as
      { id: number; role: string; openId: string | null }[]
    if (rows.length !== 1) {
      db.prepare(`INSERT INTO auth_failures (open_id, at) VALUES (?, ?)`).run(me.openId, now.getTime())
      const left = MAX_FAILURES - failures - 1
      if (rows.length > 1) return text(`花名册里有多位「${shown}」手机后四位相同，请联系管理员处理。`)
      return text(`花名册里没有找到姓名「${shown}」、手机后四位 ${suffix} 的成员。请核对后重试${left > 0 ? `（还可尝试 ${left} 次）` : '（已锁定一小时）'}；不在花名册中请联系县扶贫办。`)
    }
    const row = rows[0]!
    if (row.openId) {
      throw new UserError('该花名册成员已关联了另一个飞书账号。如需更换账号，请联系管理员。', { showUsage: false })
    }
    db.prepare(`UPDATE members SET open_id = ? WHERE id = ?`).run(me.openId, row.id)
    audit.record({ at: now.getTime(), actor: me.openId, action: 'member.link', target: `member:${row.id}` })
    return text(`认证成功：${shown}（${row.role}）。发送 /我 查看您的信息，发送 /帮助 查看可用命令。`)
  },
})
