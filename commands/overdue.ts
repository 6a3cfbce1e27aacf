import { z } from 'zod'
import { defineCommand } from './define'
import { may, today } from './common'
import { whoMay } from '../src/permissions'
import { placeFor, placeWord } from './places'
import { takePage } from './pages'
import { addDays } from '../src/domain/dates'
import { byLateness, byUrgency, isDueSoon, isOverdue, viewTask } from '../src/views/tasks'
import { PAGE_SIZE, taskListCard } from '../src/lark/cards/tasks'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'

/** The words that pick what to list besides the place; the first of each is the one the bot writes. */
const MODES = { all: ['全部', '所有'], soon: ['将到期', '即将到期', '快到期'] } as const

export default defineCommand({
  path: ['逾期'],
  summary: '逾期任务，逾期最久的在前，附责任人；「全部」一项一行列完，「将到期」看几天内到期的',
  usage: '/逾期 [战区 或 乡镇 或 村] [全部 或 将到期] [第 N 页]',
  examples: ['/逾期', '/逾期 团结乡', '/逾期 全县 全部'],
  who: `${whoMay('summary')}。单个村：${whoMay('readVillage')}`,
  allow: may('summary'),
  args: z.array(z.string().max(40, '名称太长了')).max(6, '参数太多了'),
  run: (ctx) => {
    const { words, page } = takePage(ctx.args)
    const all = words.filter((w) => (MODES.all as readonly string[]).includes(w))
    const soon = words.filter((w) => (MODES.soon as readonly string[]).includes(w))
    const names = words.filter((w) => !all.includes(w) && !soon.includes(w))
    if (all.length && soon.length) throw new UserError('「全部」和「将到期」请只写一个。')
    if (names.length > 1) throw new UserError(`看不懂「${names.join(' ')}」：范围只写一个战区、乡镇或村的名称。`)
    const place = placeFor(ctx, names[0])
    const t = today(ctx)
    const days = ctx.deps.settings.dueSoonDays
    const word = placeWord(ctx, place)
    const mode = soon.length ? MODES.soon[0] : all.length ? MODES.all[0] : ''
    const command = (n: number) => ['/逾期', word, mode, n > 1 ? `第 ${n} 页` : ''].filter(Boolean).join(' ')
    // Only tasks due by then can be overdue (or due soon): the county's others are never read.
    const views = ctx.deps.facts.tasksDueBefore(place.filter, soon.length ? addDays(t, days + 1) : t).map((x) => viewTask(x, t, ctx.deps.settings))
    const tasks = soon.length ? views.filter((x) => isDueSoon(x, t, days)).sort(byUrgency) : views.filter(isOverdue).sort(byLateness)
    return cardReply(taskListCard({
      title: soon.length ? `${place.label} · ${days} 天内到期 ${tasks.length} 项` : `${place.label} · 逾期任务 ${tasks.length} 项`,
      subtitle: `截至 ${t}`, tasks, page, compact: all.length > 0, command,
      empty: soon.length ? `${days} 天内没有到期的任务。` : '没有逾期任务。👍', direct: ctx.chat.type === 'p2p',
      footer: !mode && tasks.length > PAGE_SIZE ? `一项一行列完：/逾期 ${word} 全部` : undefined,
    }))
  },
})
