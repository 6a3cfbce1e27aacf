import type { JobContext } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import { byLateness, byUrgency, isDueSoon, isOverdue, viewTask, type TaskView } from '../src/views/tasks'
import { groupBy } from '../src/domain/group-by'
import { addDays } from '../src/domain/dates'
import { can } from '../src/permissions'
import { directReminderCard } from '../src/lark/cards/direct-reminder'

/** An urgent (加急) per task at most this often. */
const URGENT_EVERY_DAYS = 7

/**
 * The overdue run's direct messages (reminders.direct): each task owner linked to Feishu gets one, listing
 * only their own overdue and due-soon tasks — unless they paused their own reminders (/提醒 暂停 in a direct
 * chat). Owners not linked stay in their group's digest only, as before. With reminders.urgent = app, a
 * message holding a task overdue past the county threshold is also sent as an in-app urgent, at most once
 * a week per task. Runs inside the overdue job's claim: once a day, never in quiet hours.
 */
export function directReminders(ctx: JobContext): OutgoingMessage[] {
  const { deps, period: date } = ctx
  const { settings } = deps
  if (!settings.reminders.direct) return []
  const paused = deps.reminders.pausedOn(date)
  const due = deps.facts.tasks({ kind: 'county' }).map((t) => viewTask(t, date, settings))
    .filter((t) => t.ownerOpenId !== null && !paused.has(t.ownerOpenId) && (isOverdue(t) || isDueSoon(t, date, settings.dueSoonDays)))
  const urgedRecently = settings.reminders.urgent === 'app' ? deps.reminders.urgedAfter(addDays(date, -URGENT_EVERY_DAYS)) : new Set<string>()
  const out: OutgoingMessage[] = []
  for (const [openId, tasks] of groupBy(due, (t) => t.ownerOpenId!)) {
    const owner = deps.identity.identify(openId)
    const reportable = new Set(tasks.filter((t) => t.villageCode !== null && can(owner, 'write', { kind: 'village', code: t.villageCode, townshipCode: t.townshipCode, zoneId: t.zoneId })).map((t) => t.code))
    const urge = settings.reminders.urgent === 'app'
      ? tasks.filter((t) => isOverdue(t) && t.daysOverdue > settings.escalation.countyAfterDays && !urgedRecently.has(t.code)).map((t) => t.code)
      : []
    if (urge.length > 0) deps.reminders.urged(urge, date, openId)
    const card = directReminderCard({
      date, soonDays: settings.dueSoonDays, reportable,
      overdue: tasks.filter(isOverdue).sort(byLateness),
      dueSoon: tasks.filter((t: TaskView) => !isOverdue(t)).sort(byUrgency),
    })
    out.push({ receiveId: openId, receiveIdType: 'open_id', msgType: 'interactive', content: JSON.stringify(card), ...(urge.length ? { urgentOpenId: openId } : {}) })
  }
  return out
}
