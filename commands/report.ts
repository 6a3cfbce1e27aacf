import type { CommandContext } from './define'
import { note, today, visitDate } from './common'
import { text, UserError, type Reply } from '../src/reply'
import { assertOpenForReport, progressLine, refuseStrayDate, splitProgress, storeReport, taskNow, visitLines } from '../src/views/report'
import { viewTask } from '../src/views/tasks'
import type { TaskFact, TaskName } from '../db/repos/facts'
import type { Reading } from '../src/domain/progress-reading'
import { closest } from '../src/text'

/** Where a report goes: a village (一低五有 items) or a township (乡"三有" items), with its tasks. */
export interface ReportPlace {
  townshipCode: string
  villageCode: string | null
  name: string
  /** The place as typed in an example: unambiguous (`团结乡红岩洞村`, `团结乡`). */
  ref: string
  tasks: readonly TaskName[]
  items: readonly string[]
  /** `一低五有` or `乡"三有"`. */
  standard: string
  /** The command that shows the place's items, for the reply's last line. */
  progressCommand: string
}

type Named = { 日期?: string; 备注?: string }

/** What a report stored (or found already stored), for the command's echo and the form's toast. */
export interface Recorded {
  id: number
  duplicate: boolean
  task: TaskFact | null
  item: string | null
  reading: Reading
  visitedOn: string
  remark: string | null
}

/**
 * `/村 上报`, `/乡 上报` and the report form: one parsing, one set of refusals, one write. The figure is
 * read against the task's target and unit (src/views/report.ts); nothing is stored unless it is exactly
 * what was meant.
 */
export function recordReport(ctx: Pick<CommandContext<string[], Named>, 'me' | 'now' | 'deps' | 'named' | 'messageId'>, place: ReportPlace, itemInput: string, rest: string[]): Recorded {
  const target = matchItem(itemInput, place, today(ctx))
  const task = target.kind === 'task' ? ctx.deps.facts.task(target.task.code)! : null
  const item = target.kind === 'item' ? target.item : null
  const { reading, remark: remarkWords } = splitProgress(rest, task ? { kind: 'task', target: task.target, measure: task.measure } : { kind: 'item', item: item! })
  if (ctx.named.日期 === undefined) refuseStrayDate(remarkWords)
  const visitedOn = visitDate(ctx, ctx.named.日期)
  const remark = note(remarkWords, ctx.named.备注)
  if (task) assertOpenForReport(ctx.deps, task, reading, today(ctx))

  const { id, duplicate } = storeReport(ctx.deps, {
    kind: 'report', townshipCode: place.townshipCode, villageCode: place.villageCode,
    authorOpenId: ctx.me.openId, authorMemberId: ctx.me.memberId, createdAt: ctx.now.getTime(), visitedOn,
    sourceMessageId: ctx.messageId, note: remark,
  }, { taskCode: task?.code ?? null, item, reading })
  return { id, duplicate, task, item, reading, visitedOn, remark }
}

/** What a stored report was about: `T001 通村道路硬化` or `卫生室（一低五有）`. */
export const recordedWhat = (r: Recorded, place: ReportPlace) => (r.task ? `${r.task.code} ${r.task.title}` : `${r.item}（${place.standard}）`)

/** The answer to a typed report. */
export function runReport(ctx: CommandContext<string[], Named>, place: ReportPlace, itemInput: string, rest: string[]): Reply {
  const r = recordReport(ctx, place, itemInput, rest)
  if (r.duplicate) return text(duplicateText(r.id))
  const { task, reading } = r
  return text([
    `已记录 #${r.id}：${place.name} · ${recordedWhat(r, place)}`,
    `${task || reading.kind !== 'quantity' ? '进度' : '金额'}：${progressLine(reading, task)}`,
    ...visitLines(r.visitedOn, r.remark),
    task ? `任务当前进度：${taskNow(ctx.deps, task.code, today(ctx))}` : `发送 ${place.progressCommand} 查看${place.standard}。`,
  ].join('\n'))
}

export const duplicateText = (id: number) => `与 #${id} 相同，未重复记录。（10 分钟内同一内容只记一次；要更正请先 /撤销 ${id}）`

/** Open tasks listed by a bare `/村 上报` or `/乡 上报`; the rest are counted. */
const GUIDE_TASKS = 8

/**
 * `/乡 上报` with no 事项 (a village has its form, commands/report-form.ts): what the sender can report here — the open tasks with their
 * progress in their unit, the standard's items — and the usage with an example made of this place's names.
 */
export function reportGuide(ctx: CommandContext<string[], Named>, place: ReportPlace, how: { command: string; usage: string }): Reply {
  const day = today(ctx)
  const open = place.tasks.filter((t) => !viewTask(ctx.deps.facts.task(t.code)!, day, ctx.deps.settings).done)
  const amounts = place.items.includes('集体经济') ? '；集体经济也可写金额，如 3.2万元' : ''
  return text([
    `${place.ref} 可以上报：`,
    open.length ? `任务（未完成 ${open.length} 项，写编号或名称）` : '任务：没有未完成的任务。',
    ...open.slice(0, GUIDE_TASKS).map((t) => `  ${t.code} ${t.title}　${taskNow(ctx.deps, t.code, day)}`),
    ...(open.length > GUIDE_TASKS ? [`  还有 ${open.length - GUIDE_TASKS} 项，写编号上报`] : []),
    `${place.standard}：${place.items.join('、')}（写 完成、未开工 或百分比${amounts}）`,
    `用法：${how.usage}`,
    `例如：${reportExample(place, open, how.command)}`,
  ].join('\n'))
}

/** A report typed with this place's names, for those who would rather type than tap. */
export function reportExample(place: ReportPlace, open: readonly TaskName[], command: string): string {
  return `${command} ${place.ref} ${open[0] ? `${taskWord(open[0], place.tasks)} ${sampleFigure(open[0])}` : `${place.items.find((i) => i !== '集体经济')} 完成`}`
}

/** A task as typed: its title when that names only it, else its code. */
const taskWord = (t: TaskName, all: readonly TaskName[]) =>
  /\s/.test(t.title) || all.filter((x) => x.title === t.title).length > 1 ? t.code : t.title

/** A figure the task takes: done/total in its unit (`12/15`), or a percentage when it has no target. */
const sampleFigure = (t: TaskName) => (t.target !== null && t.target >= 2 ? `${Math.ceil(t.target * 0.8)}/${t.target}` : '80%')

type Target = { kind: 'task'; task: TaskName } | { kind: 'item'; item: string }

/** 事项: a task code, a task title (or a unique part of it), or one of the place's standard items. */
function matchItem(input: string, place: ReportPlace, day: string): Target {
  const { tasks, items } = place
  const byCode = tasks.find((t) => t.code === input)
  if (byCode) return { kind: 'task', task: byCode }
  const exact = tasks.filter((t) => t.title === input)
  if (exact.length === 1) return { kind: 'task', task: exact[0]! }
  // A standard item by its name goes where its status comes from (src/domain/item-status.ts): to the task
  // named after it once that has started, else to the item itself (a clinic that exists before its
  // renovation starts is reported as the item).
  const started = tasks.filter((t) => t.startDate === null || t.startDate <= day)
  if (exact.length === 0 && items.includes(input) && !started.some((t) => t.title.includes(input))) return { kind: 'item', item: input }
  const partial = exact.length > 1 ? exact : (items.includes(input) ? started : tasks).filter((t) => t.title.includes(input))
  if (partial.length === 1) return { kind: 'task', task: partial[0]! }
  if (partial.length > 1) {
    throw new UserError(`「${input}」对应多项任务，请用任务编号：${partial.slice(0, 6).map((t) => `${t.code} ${t.title}`).join('；')}。`)
  }
  const guesses = closest(input, [...tasks.map((t) => t.title), ...items])
  const valid = [...tasks.slice(0, 8).map((t) => `${t.code} ${t.title}`), ...items].join('、')
  throw new UserError(`${place.name}没有「${input}」这个事项。${guesses.length ? `您是不是要找：${guesses.join('、')}？\n` : ''}可上报的事项：${valid}${tasks.length > 8 ? ` 等 ${tasks.length} 项任务` : ''}。`)
}
