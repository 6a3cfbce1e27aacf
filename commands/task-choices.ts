import type { CommandContext } from './define'
import { mayWriteTask, today } from './common'
import { text, type Reply } from '../src/reply'
import { byUrgency, lightIcon, viewTask } from '../src/views/tasks'
import { doneSource, taskNow } from '../src/views/report'

/** Tasks listed by a bare `/任务 完成` or `/任务 重开`; the rest are counted. */
const SHOWN = 8

/**
 * `/任务 完成` or `/任务 重开` without a task number: the tasks the sender may mark done (the open ones) or
 * reopen (the done ones) — those they own, their village's, every task for an admin — with the usage and
 * an example made of the first one.
 */
export function taskChoices(ctx: Pick<CommandContext, 'me' | 'deps' | 'now'>, o: { done: boolean; command: string; usage: string; sample: string }): Reply {
  const day = today(ctx)
  const tasks = ctx.deps.facts.tasks({ kind: 'county' })
    .filter((t) => mayWriteTask(ctx.me, t))
    .map((t) => viewTask(t, day, ctx.deps.settings))
    .filter((t) => t.done === o.done)
    .sort(byUrgency)
  const what = o.done ? '重开的已完成任务' : '标记完成的任务'
  const place = (t: (typeof tasks)[number]) => `${t.townshipName}${t.villageName ?? ''}`
  const lines = tasks.length === 0
    ? [`您负责的和您村里的任务中，没有可以${what}。`]
    : [
      `您可以${what}（${tasks.length} 项）：`,
      ...tasks.slice(0, SHOWN).map((t) => `${lightIcon(t)} ${t.code} ${place(t)} · ${t.title}　${o.done ? `已完成（${doneSource(ctx.deps, t)}）` : taskNow(ctx.deps, t.code, day)}`),
      ...(tasks.length > SHOWN ? [`还有 ${tasks.length - SHOWN} 项`] : []),
    ]
  const example = tasks[0] ? [`例如：${o.command} ${tasks[0].code} ${o.sample}`] : []
  return text([...lines, `用法：${o.usage}`, ...example].join('\n'))
}
