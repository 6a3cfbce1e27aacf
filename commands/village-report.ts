import { z } from 'zod'
import { defineCommand } from './define'
import { note, rostered, today, villageFor, visitDate } from './common'
import { text, UserError } from '../src/reply'
import { FIVE_ITEMS, type FiveItem } from '../src/domain/standards'
import { assertOpenForReport, progressLine, refuseStrayDate, splitProgress, storeReport, taskNow, visitLines } from '../src/views/report'
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
    const [villageInput, itemInput, ...rest] = ctx.args
    const village = villageFor(ctx, villageInput, 'write')
    const target = matchItem(itemInput, ctx.deps.facts.taskNames(village.code))
    const task = target.kind === 'task' ? ctx.deps.facts.task(target.task.code)! : null
    const { reading, remark: remarkWords } = splitProgress(rest, task ? { kind: 'task', target: task.target, measure: task.measure } : { kind: 'item', item: target.kind === 'item' ? target.item : '' })
    if (ctx.named.日期 === undefined) refuseStrayDate(remarkWords)
    const visitedOn = visitDate(ctx, ctx.named.日期)
    const remark = note(remarkWords, ctx.named.备注)
    if (task) assertOpenForReport(ctx.deps, task, reading, today(ctx))

    const { id, duplicate } = storeReport(ctx.deps, {
      kind: 'report', townshipCode: village.townshipCode, villageCode: village.code,
      authorOpenId: ctx.me.openId, authorMemberId: ctx.me.memberId, createdAt: ctx.now.getTime(), visitedOn,
      sourceMessageId: ctx.messageId, note: remark,
    }, { taskCode: task?.code ?? null, item: target.kind === 'item' ? target.item : null, reading })
    if (duplicate) return text(`与 #${id} 相同，未重复记录。（10 分钟内同一内容只记一次；要更正请先 /撤销 ${id}）`)

    const what = task ? `${task.code} ${task.title}` : `${target.kind === 'item' ? target.item : ''}（一低五有）`
    const lines = [`已记录 #${id}：${village.name} · ${what}`, `${task || reading.kind !== 'quantity' ? '进度' : '金额'}：${progressLine(reading, task)}`, ...visitLines(visitedOn, remark)]
    lines.push(task ? `任务当前进度：${taskNow(ctx.deps, task.code, today(ctx))}` : `发送 /村 进度 ${village.name} 查看一低五有。`)
    return text(lines.join('\n'))
  },
})

type Target = { kind: 'task'; task: TaskName } | { kind: 'item'; item: FiveItem }

/** 事项: a task code, a task title (or a unique part of it), or one of the 五有 items. */
function matchItem(input: string, tasks: readonly TaskName[]): Target {
  const byCode = tasks.find((t) => t.code === input)
  if (byCode) return { kind: 'task', task: byCode }
  const exact = tasks.filter((t) => t.title === input)
  if (exact.length === 1) return { kind: 'task', task: exact[0]! }
  // The 一低五有 item typed by its exact name is that item, even when task titles contain the name.
  if (exact.length === 0 && (FIVE_ITEMS as readonly string[]).includes(input)) return { kind: 'item', item: input as FiveItem }
  const partial = exact.length > 1 ? exact : tasks.filter((t) => t.title.includes(input))
  if (partial.length === 1) return { kind: 'task', task: partial[0]! }
  if (partial.length > 1) {
    throw new UserError(`「${input}」对应多项任务，请用任务编号：${partial.slice(0, 6).map((t) => `${t.code} ${t.title}`).join('；')}。`)
  }
  const names = [...tasks.map((t) => t.title), ...FIVE_ITEMS]
  const guesses = closest(input, names)
  const valid = [...tasks.slice(0, 8).map((t) => `${t.code} ${t.title}`), ...FIVE_ITEMS].join('、')
  throw new UserError(`该村没有「${input}」这个事项。${guesses.length ? `您是不是要找：${guesses.join('、')}？\n` : ''}可上报的事项：${valid}${tasks.length > 8 ? ` 等 ${tasks.length} 项任务` : ''}。`)
}
