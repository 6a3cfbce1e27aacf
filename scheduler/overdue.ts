import { mention } from '../src/lark/cards/kit'
import type { Job, JobContext } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import type { TaskView } from '../src/views/tasks'
import { byLateness, byUrgency, isDueSoon, isOverdue, viewTask } from '../src/views/tasks'
import { isValidDate } from '../src/domain/dates'
import { digestCard, type OverdueDisagreement } from '../src/lark/cards/digest'
import { dayEndMs, DISAGREEMENT_OVERDUE_DAYS, overdueDisagreements } from '../src/views/spot-figures'
import { localDate } from '../src/domain/dates'
import { directReminders } from './direct-reminders'

/**
 * Every working day: one digest per bound zone chat (overdue and due-soon tasks, owners @-mentioned, the
 * commander called on past the first threshold) and one for the county HQ past the second threshold.
 * Tasks that were in the chat's last digest and have not moved shrink to one line each (place, title and
 * owner kept), listed after the others. What the card cannot hold it counts, with the /逾期 that lists it.
 * Each linked task owner also gets their own tasks in a direct message (scheduler/direct-reminders.ts).
 */
export const overdueJob: Job = {
  name: 'overdue',
  summary: '逾期提醒（每个工作日）',
  defaultPeriod: (today) => today,
  workingDaysOnly: true,
  schedule: 'overdue',
  checkPeriod: (p) => (isValidDate(p) ? null : '应为日期 YYYY-MM-DD'),
  run: (ctx) => {
    const { deps, period: date } = ctx
    const { settings } = deps
    const chats = deps.bindings.all()
    const paused = deps.bindings.pausedOn(date)
    const out: OutgoingMessage[] = []
    for (const chat of chats) {
      if (paused.has(chat.chatId)) continue
      const tasks = deps.facts.tasks(chat.zoneId === null ? { kind: 'county' } : { kind: 'zone', zoneId: chat.zoneId }).map((t) => viewTask(t, date, settings))
      const message = chat.zoneId === null ? countyDigest(ctx, chat.chatId, tasks) : zoneDigest(ctx, chat.chatId, chat.zoneId, chat.zoneName ?? '', tasks)
      if (message) out.push(message)
    }
    return [...out, ...directReminders(ctx)]
  },
}

function zoneDigest(ctx: JobContext, chatId: string, zoneId: number, zoneName: string, tasks: TaskView[]): OutgoingMessage | null {
  const { settings } = ctx.deps
  const overdue = tasks.filter(isOverdue).sort(byLateness)
  const dueSoon = tasks.filter((t) => isDueSoon(t, ctx.period, settings.dueSoonDays)).sort(byUrgency)
  const disagreements = lateDisagreements(ctx, zoneId)
  if (overdue.length === 0 && dueSoon.length === 0 && disagreements.length === 0) return null
  const last = lastDigest(ctx, chatId)
  const unchanged = (t: TaskView) => last.has(t.code) && last.get(t.code) === t.actual
  const late = overdue.filter((t) => t.daysOverdue > settings.escalation.commanderAfterDays)
  const commanders = ctx.deps.members.commanderOpenIds(zoneId)
  remember(ctx, chatId, overdue)
  const card = digestCard({
    title: `${zoneName} · 逾期提醒 ${ctx.period}`,
    fresh: overdue.filter((t) => !unchanged(t)),
    stale: overdue.filter(unchanged),
    dueSoon,
    soonDays: settings.dueSoonDays,
    more: { overdue: `/逾期 ${zoneName} 全部`, dueSoon: `/逾期 ${zoneName} 将到期` },
    escalate: late.length > 0
      ? { mention: atCommanders(commanders), count: late.length, days: settings.escalation.commanderAfterDays }
      : undefined,
    disagreements: { days: DISAGREEMENT_OVERDUE_DAYS, households: disagreements },
  })
  return { receiveId: chatId, msgType: 'interactive', content: JSON.stringify(card) }
}

/** The zone's spot-check disagreements open longer than DISAGREEMENT_OVERDUE_DAYS at the digest's day. */
function lateDisagreements(ctx: JobContext, zoneId: number): OverdueDisagreement[] {
  const tz = ctx.deps.config.TIMEZONE
  const at = Math.min(ctx.now.getTime(), dayEndMs(ctx.period, tz))
  return overdueDisagreements(ctx.deps, { kind: 'zone', zoneId }, at).map(({ finding: f, open }) => ({
    householdCode: f.household.householdCode, headName: f.household.headName, villageName: f.household.villageName, drawId: f.household.drawId,
    items: open.map((d) => d.item), openedOn: localDate(new Date(open[0]!.openedAt), tz), daysOpen: Math.floor((at - open[0]!.openedAt) / 86_400_000),
  }))
}

function countyDigest(ctx: JobContext, chatId: string, tasks: TaskView[]): OutgoingMessage | null {
  const days = ctx.deps.settings.escalation.countyAfterDays
  const severe = tasks.filter((t) => isOverdue(t) && t.daysOverdue > days).sort(byLateness)
  if (severe.length === 0) return null
  const last = lastDigest(ctx, chatId)
  remember(ctx, chatId, severe)
  const card = digestCard({
    title: `全县 · 逾期超过 ${days} 天的任务 ${ctx.period}`,
    fresh: severe.filter((t) => !(last.has(t.code) && last.get(t.code) === t.actual)),
    stale: severe.filter((t) => last.has(t.code) && last.get(t.code) === t.actual),
    dueSoon: [],
    soonDays: ctx.deps.settings.dueSoonDays,
    // The county's list holds every overdue task, the longest overdue (these) first.
    more: { overdue: '/逾期 全县 全部', dueSoon: '/逾期 全县 将到期' },
  })
  return { receiveId: chatId, msgType: 'interactive', content: JSON.stringify(card) }
}

/** The tasks (and their progress) of the chat's previous digest. */
const lastDigest = (ctx: JobContext, chatId: string) => ctx.deps.digests.before(chatId, ctx.period)

const remember = (ctx: JobContext, chatId: string, tasks: TaskView[]) =>
  ctx.deps.digests.remember(chatId, ctx.period, tasks.map((t) => ({ code: t.code, ratio: t.actual })))

/** The zone's commanders as mentions, or the word when none can be mentioned (not linked, or an open_id that is not one). */
const atCommanders = (openIds: readonly string[]) => openIds.map(mention).filter((m) => m !== null).join(' ') || '指挥长'
