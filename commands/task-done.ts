import { z } from 'zod'
import { defineCommand } from './define'
import { note, rostered, today, visitDate } from './common'
import { text, UserError } from '../src/reply'
import { can } from '../src/permissions'

export default defineCommand({
  path: ['任务', '完成'],
  summary: '把一项任务标记为完成',
  usage: '/任务 完成 <任务编号> [备注…] [日期=YYYY-MM-DD]',
  examples: ['/任务 完成 T001 已验收', '/任务 完成 T002 日期=2018-06-10'],
  who: '任务责任人；该村工作队；管理员',
  allow: rostered,
  args: z.tuple([z.string().max(40, '任务编号太长了')], { message: '请写任务编号' }).rest(z.string()),
  named: z.object({ 日期: z.string().optional(), 备注: z.string().optional() }).strict(),
  run: (ctx) => {
    const [code, ...rest] = ctx.args
    const task = ctx.deps.facts.task(code)
    if (!task) throw new UserError(`没有编号为「${code}」的任务。发送 /任务 查看本村任务及编号。`)
    const isOwner = task.ownerOpenId !== null && task.ownerOpenId === ctx.me.openId
    const scope = task.villageCode
      ? { kind: 'village' as const, code: task.villageCode, townshipCode: task.townshipCode, zoneId: task.zoneId }
      : null
    const isTeam = scope !== null && ctx.me.role !== '督查' && can(ctx.me, 'write', scope)
    if (!isOwner && !isTeam && ctx.me.role !== '管理员') {
      throw new UserError(`只有任务责任人、该村工作队或管理员可以把任务 ${task.code} 标记为完成。`, { showUsage: false })
    }
    if (task.completed) return text(`任务 ${task.code}「${task.title}」已经标记为完成，无需重复。`)
    const visitedOn = visitDate(ctx, ctx.named.日期)
    const id = ctx.deps.records.addCompletion({
      kind: 'completion', townshipCode: task.townshipCode, villageCode: task.villageCode, authorOpenId: ctx.me.openId,
      authorMemberId: ctx.me.memberId, createdAt: ctx.now.getTime(), visitedOn, sourceMessageId: ctx.messageId,
      note: note(rest, ctx.named.备注),
    }, task.code)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'task.complete', target: `record:${id}` })
    const late = visitedOn > task.dueDate ? `（比截止日期 ${task.dueDate} 晚）` : ''
    return text(`已记录 #${id}：任务 ${task.code}「${task.title}」已完成${late}。✅ 截至 ${today(ctx)}，逾期提醒不会再提到它。`)
  },
})
