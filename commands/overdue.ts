import { z } from 'zod'
import { defineCommand } from './define'
import { today } from './common'
import { may } from './rights'
import { whoMay } from '../src/permissions'
import { placeFor, placeWord } from './places'
import { anyOrder, choice, free, page } from './any-order'
import { addDays } from '../src/domain/dates'
import { byLateness, byUrgency, isDueSoon, isOverdue, viewTask } from '../src/views/tasks'
import { PAGE_SIZE, taskListCard } from '../src/lark/cards/tasks'
import { cardReply } from '../src/lark/cards/kit'

export default defineCommand({
  path: ['逾期'],
  summary: '逾期任务，逾期最久的在前，附责任人；「全部」一项一行列完，「将到期」看几天内到期的',
  examples: ['/逾期', '/逾期 团结乡', '/逾期 全县 全部'],
  who: `${whoMay('summary')}。单个村：${whoMay('readVillage')}`,
  allow: may('summary'),
  args: anyOrder({
    place: free('战区 或 乡镇 或 村', (t) => `看不懂「${t}」：范围只写一个战区、乡镇或村的名称。`),
    // What to list besides the place: each with the words that ask for it.
    mode: choice({ 全部: ['全部', '所有'], 将到期: ['将到期', '即将到期', '快到期'] }),
    page: page(),
  }, z.string().max(40, '名称太长了')),
  run: (ctx) => {
    const { mode, page } = ctx.args
    const soon = mode === '将到期'
    const place = placeFor(ctx, ctx.args.place)
    const t = today(ctx)
    const days = ctx.deps.settings.dueSoonDays
    const word = placeWord(ctx, place)
    const command = (n: number) => ['/逾期', word, mode, n > 1 ? `第 ${n} 页` : ''].filter(Boolean).join(' ')
    // Only tasks due by then can be overdue (or due soon): the county's others are never read.
    const views = ctx.deps.facts.tasksDueBefore(place.filter, soon ? addDays(t, days + 1) : t).map((x) => viewTask(x, t, ctx.deps.settings))
    const tasks = soon ? views.filter((x) => isDueSoon(x, t, days)).sort(byUrgency) : views.filter(isOverdue).sort(byLateness)
    return cardReply(taskListCard({
      title: soon ? `${place.label} · ${days} 天内到期 ${tasks.length} 项` : `${place.label} · 逾期任务 ${tasks.length} 项`,
      subtitle: `截至 ${t}`, tasks, page, compact: mode === '全部', command,
      empty: soon ? `${days} 天内没有到期的任务。` : '没有逾期任务。👍', direct: ctx.chat.type === 'p2p',
      footer: !mode && tasks.length > PAGE_SIZE ? `一项一行列完：/逾期 ${word} 全部` : undefined,
    }))
  },
})
