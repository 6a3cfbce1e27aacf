import { z } from 'zod'
import { defineCommand } from './define'
import { date, keys, needed, remark } from './args'
import { taskChoices } from './task-choices'
import { assertTaskWriter, note, TASK_WRITERS, today, visitDate } from './common'
import { rostered } from './rights'
import { text, UserError } from '../src/reply'
import { viewTask } from '../src/views/tasks'
import { doneSource, visitLines } from '../src/views/report'

export default defineCommand({
  path: ['任务', '完成'],
  summary: '把一项任务标记为完成',
  examples: ['/任务 完成 T003 已验收', '/任务 完成 T004 日期=昨天', '/任务 完成'],
  who: TASK_WRITERS,
  allow: rostered,
  // Without a number: the tasks the sender could choose from.
  args: z.tuple([needed('任务编号', z.string().max(40, '任务编号太长了'))]).rest(remark()),
  named: keys({ 备注: remark().optional(), 日期: date() }),
  run: (ctx) => {
    const [code, ...rest] = ctx.args
    if (code === undefined) return taskChoices(ctx, { done: false, command: '/任务 完成', usage: ctx.usage, sample: '已验收' })
    const task = ctx.deps.facts.task(code)
    if (!task) throw new UserError(`没有编号为「${code}」的任务。发送 /任务 查看本村任务及编号。`)
    assertTaskWriter(ctx, task, '标记完成')
    // One state: a task that reached its target by reports is as done as one marked done.
    if (viewTask(task, today(ctx), ctx.deps.settings).done) {
      return text(`任务 ${task.code}「${task.title}」已经是完成状态（${doneSource(ctx.deps, task)}），无需重复，这次没有记录。`)
    }
    const visitedOn = visitDate(ctx, ctx.named.日期)
    const remark = note(rest, ctx.named.备注)
    const id = ctx.deps.records.addCompletion({
      kind: 'completion', townshipCode: task.townshipCode, villageCode: task.villageCode, authorOpenId: ctx.me.openId,
      authorMemberId: ctx.me.memberId, createdAt: ctx.now.getTime(), visitedOn, sourceMessageId: ctx.messageId,
      note: remark,
    }, task.code)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'task.complete', target: `record:${id}` })
    const late = visitedOn > task.dueDate ? `（比截止日期 ${task.dueDate} 晚）` : ''
    return text([
      `已记录 #${id}：任务 ${task.code}「${task.title}」已完成${late}。✅`,
      ...visitLines(visitedOn, remark),
      '逾期提醒不会再提到它；如需重开：/任务 重开 ' + task.code + ' <原因>',
    ].join('\n'))
  },
})
