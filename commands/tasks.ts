import { z } from 'zod'
import { defineCommand } from './define'
import { today, villageFor } from './common'
import { rostered } from './rights'
import { whoMay } from '../src/permissions'
import { viewTask, byUrgency } from '../src/views/tasks'
import { taskListCard } from '../src/lark/cards/tasks'
import { cardReply } from '../src/lark/cards/kit'
import { anyOrder, free, page } from './any-order'

export default defineCommand({
  path: ['任务'],
  summary: '未完成的任务：截止日期和红黄绿灯；「我的」只看自己负责的',
  examples: ['/任务', '/任务 红岩洞村', '/任务 我的'],
  who: `${whoMay('readVillage')}。「我的」：花名册中的所有人`,
  allow: rostered,
  args: anyOrder({ village: free('村 或 我的', (t) => `看不懂「${t}」：请只写一个村名，或「我的」。`), page: page() }, z.string().max(40, '名称太长了')),
  run: (ctx) => {
    const t = today(ctx)
    const direct = ctx.chat.type === 'p2p'
    const { village: word, page } = ctx.args
    if (word === '我的') {
      const mine = ctx.deps.members.ownedTaskCodes(ctx.me.memberId)
      const tasks = mine.map((code) => viewTask(ctx.deps.facts.task(code)!, t, ctx.deps.settings)).filter((x) => !x.done).sort(byUrgency)
      const command = (n: number) => `/任务 我的${n > 1 ? ` 第 ${n} 页` : ''}`
      return cardReply(taskListCard({ title: '我负责的任务', subtitle: `截至 ${t}`, tasks, page, command, empty: '您没有未完成的任务。👍', direct }))
    }
    const village = villageFor(ctx, word, 'read')
    const command = (n: number) => `/任务 ${village.code}${n > 1 ? ` 第 ${n} 页` : ''}`
    const tasks = ctx.deps.facts.tasks({ kind: 'village', code: village.code }).map((x) => viewTask(x, t, ctx.deps.settings)).filter((x) => !x.done).sort(byUrgency)
    return cardReply(taskListCard({
      title: `${village.townshipName}${village.name} · 未完成任务 ${tasks.length} 项`, subtitle: `截至 ${t}`, tasks, direct, page, command,
      empty: '该村没有未完成的任务。👍', footer: '完成后发送 /任务 完成 <任务编号>，进度用 /村 上报',
    }))
  },
})
