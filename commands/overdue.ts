import { z } from 'zod'
import { defineCommand } from './define'
import { rostered, today } from './common'
import { placeFor } from './places'
import { viewTask } from '../src/views/tasks'
import { taskListCard } from '../src/lark/cards/tasks'
import { cardReply } from '../src/lark/cards/kit'

export default defineCommand({
  path: ['逾期'],
  summary: '逾期任务，逾期最久的在前，附责任人',
  usage: '/逾期 [战区 或 乡镇 或 村]',
  examples: ['/逾期', '/逾期 团结乡', '/逾期 全县'],
  who: '同 /战区 进度',
  allow: rostered,
  args: z.tuple([z.string().max(40, '名称太长了').optional()]),
  run: (ctx) => {
    const place = placeFor(ctx, ctx.args[0])
    const t = today(ctx)
    const tasks = ctx.deps.facts.tasksDueBefore(place.filter, t).map((x) => viewTask(x, t, ctx.deps.settings))
      .filter((x) => x.daysOverdue > 0)
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.code.localeCompare(b.code))
    return cardReply(taskListCard({
      title: `${place.label} · 逾期任务 ${tasks.length} 项`, subtitle: `截至 ${t}`, tasks,
      empty: '没有逾期任务。👍', direct: ctx.chat.type === 'p2p',
    }))
  },
})
