import { z } from 'zod'
import { defineCommand } from './define'
import { note, rostered, today, villageFor, visitDate } from './common'
import { text, UserError } from '../src/reply'
import { FIVE_ITEMS, type FiveItem } from '../src/domain/standards'
import { describeProgress, parseProgress, progressRatio } from '../src/domain/progress'
import { viewTask } from '../src/views/tasks'
import { bar } from '../src/lark/cards/kit'
import type { TaskName } from '../db/repos/facts'
import { closest } from '../src/text'

export default defineCommand({
  path: ['村', '上报'],
  aliases: [['上报']],
  summary: '上报村里一项任务或一低五有事项的进度',
  usage: '/村 上报 <村> <事项> <进度> [备注…] [日期=YYYY-MM-DD]',
  examples: ['/村 上报 红岩洞村 通村道路硬化 12/15 已完成路基', '/村 上报 红岩洞 卫生室 完成', '/村 上报 红岩洞 集体经济 3.2万元 日期=2018-06-20'],
  who: '该村工作队；督查；管理员',
  allow: rostered,
  args: z.tuple([z.string(), z.string(), z.string()], { message: '缺少参数：村、事项、进度都要写' }).rest(z.string()),
  named: z.object({ 日期: z.string().optional(), 备注: z.string().optional() }).strict(),
  run: (ctx) => {
    const [villageInput, itemInput, progressInput, ...rest] = ctx.args
    const village = villageFor(ctx, villageInput, 'write')
    const visitedOn = visitDate(ctx, ctx.named.日期)
    const remark = note(rest, ctx.named.备注)
    const tasks = ctx.deps.facts.taskNames(village.code)
    const target = matchItem(itemInput, tasks)
    const parsed = parseProgress(progressInput)
    if (!parsed.ok) throw new UserError(`进度「${progressInput}」看不懂：${parsed.reason}。`)
    const p = parsed.value

    let ratio: number | null = null
    let amount: number | null = null
    if (p.kind === 'amount' || p.kind === 'number') amount = p.value
    if (target.kind === 'task' || !(target.item === '集体经济' && amount !== null)) {
      const r = progressRatio(p, target.kind === 'task' ? target.task.target : null)
      if (!r.ok) throw new UserError(`${r.reason}。`)
      ratio = r.ratio
    }
    const done = p.kind === 'done' || (ratio ?? 0) >= 1
    const base = {
      kind: 'report' as const, townshipCode: village.townshipCode, villageCode: village.code,
      authorOpenId: ctx.me.openId, authorMemberId: ctx.me.memberId, createdAt: ctx.now.getTime(), visitedOn,
      sourceMessageId: ctx.messageId, note: remark,
    }
    const id = ctx.deps.records.addReport(base, {
      taskCode: target.kind === 'task' ? target.task.code : null,
      item: target.kind === 'item' ? target.item : null,
      input: describeProgress(p), ratio: done ? 1 : ratio, amount, done,
    })
    ctx.deps.audit.record({ at: base.createdAt, actor: ctx.me.openId, action: 'report.add', target: `record:${id}` })

    if (target.kind === 'item') {
      return text(`已记录 #${id}：${village.name} · ${target.item} ${describeProgress(p)}（走访 ${visitedOn}）。发送 /村 进度 ${village.name} 查看一低五有。`)
    }
    const fresh = ctx.deps.facts.task(target.task.code)!
    const view = viewTask(fresh, today(ctx), ctx.deps.settings)
    const status = view.done ? '✅ 已完成' : `${bar(view.actual)}${view.light ? `，${view.light}灯` : ''}${view.daysOverdue > 0 ? `，逾期 ${view.daysOverdue} 天` : ''}`
    return text(`已记录 #${id}：${village.name} · ${target.task.title} ${describeProgress(p)}（走访 ${visitedOn}）。\n任务 ${target.task.code} 当前进度：${status}`)
  },
})

type Target = { kind: 'task'; task: TaskName } | { kind: 'item'; item: FiveItem }

/** 事项: a task code, a task title (or a unique part of it), or one of the 五有 items. */
function matchItem(input: string, tasks: readonly TaskName[]): Target {
  const byCode = tasks.find((t) => t.code === input)
  if (byCode) return { kind: 'task', task: byCode }
  const exact = tasks.filter((t) => t.title === input)
  if (exact.length === 1) return { kind: 'task', task: exact[0]! }
  const partial = exact.length > 1 ? exact : tasks.filter((t) => t.title.includes(input))
  if (partial.length === 1) return { kind: 'task', task: partial[0]! }
  if (partial.length > 1) {
    throw new UserError(`「${input}」对应多项任务，请用任务编号：${partial.slice(0, 6).map((t) => `${t.code} ${t.title}`).join('；')}。`)
  }
  if ((FIVE_ITEMS as readonly string[]).includes(input)) return { kind: 'item', item: input as FiveItem }
  const names = [...tasks.map((t) => t.title), ...FIVE_ITEMS]
  const guesses = closest(input, names)
  const valid = [...tasks.slice(0, 8).map((t) => `${t.code} ${t.title}`), ...FIVE_ITEMS].join('、')
  throw new UserError(`该村没有「${input}」这个事项。${guesses.length ? `您是不是要找：${guesses.join('、')}？\n` : ''}可上报的事项：${valid}${tasks.length > 8 ? ` 等 ${tasks.length} 项任务` : ''}。`)
}
