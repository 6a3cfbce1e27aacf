import { z } from 'zod'
import { defineCommand } from './define'
import { needed, rest } from './args'
import { taskChoices } from './task-choices'
import { assertTaskWriter, note, TASK_WRITERS, today } from './common'
import { rostered } from './rights'
import { text, UserError } from '../src/reply'
import { viewTask } from '../src/views/tasks'
import { taskNow } from '../src/views/report'

const KIND: Record<string, string> = { completion: '任务完成', report: '上报' }

/**
 * A done task stays done (a lower figure is refused), so reopening is its own, deliberate step: the records
 * that make the task done — its `/任务 完成` and its reports that reached the target — are withdrawn, kept
 * in the audit trail, and the task's progress falls back to the latest report below the target.
 */
export default defineCommand({
  path: ['任务', '重开'],
  summary: '重开一项已完成的任务（撤回使它完成的记录），之后可以重新上报进度',
  examples: ['/任务 重开 T002 验收发现一户屋面未完工', '/任务 重开'],
  who: TASK_WRITERS,
  allow: rostered,
  // Without a number: the tasks the sender could choose from.
  args: z.tuple([needed('任务编号', z.string().max(40, '任务编号太长了'))]).rest(rest('原因…', { needed: true })),
  run: (ctx) => {
    const [code, ...rest] = ctx.args
    if (code === undefined) return taskChoices(ctx, { done: true, command: '/任务 重开', usage: ctx.usage, sample: '验收发现问题' })
    const task = ctx.deps.facts.task(code)
    if (!task) throw new UserError(`没有编号为「${code}」的任务。发送 /任务 查看本村任务及编号。`)
    assertTaskWriter(ctx, task, '重开')
    if (!viewTask(task, today(ctx), ctx.deps.settings).done) {
      return text(`任务 ${task.code}「${task.title}」还没有完成，不用重开，直接 /村 上报 新的进度即可。`)
    }
    const reason = note(rest)
    if (!reason) throw new UserError('请写上重开的原因。')
    const records = ctx.deps.records.doneRecords(task.code)
    for (const r of records) ctx.deps.records.withdraw(r.id, ctx.me.openId, ctx.now.getTime())
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'task.reopen', target: `task:${task.code}`, detail: reason })
    return text([
      `已重开任务 ${task.code}「${task.title}」：撤回了 ${records.map((r) => `#${r.id}（${KIND[r.kind]}）`).join('、')}，记录仍保留在审计中。`,
      `原因：${reason}`,
      `当前进度：${taskNow(ctx.deps, task.code, today(ctx))}`,
      `现在可以用 /村 上报 报新的进度。`,
    ].join('\n'))
  },
})
