import type { Deps } from '../deps'
import type { VillageRef } from '../../db/repos/lookup'
import { FIVE_ITEMS } from '../domain/standards'
import { fmt } from '../domain/progress-reading'
import { taskUnit } from '../domain/units'
import { itemRef, taskRef } from '../lark/cards/refs'
import { viewTask, byUrgency, type TaskView } from './tasks'
import { itemStatuses } from './village'

/** One option of the report form: an opaque reference, and what the person reads. */
export interface ReportChoice { ref: string; label: string; unit: string | null; taskCode: string | null }

/** What the report form offers for a village: its open tasks (most urgent first), then 一低五有. */
export function reportChoices(deps: Deps, village: VillageRef, today: string): ReportChoice[] {
  const tasks = deps.facts.tasks({ kind: 'village', code: village.code }).map((t) => viewTask(t, today, deps.settings)).sort(byUrgency)
  const items = itemStatuses(deps.facts.villageItems([village.code]).get(village.code) ?? {}, tasks)
  return [
    ...tasks.filter((t) => !t.done).map((t) => ({ ref: taskRef(t.code), label: `${cut(t.title)}（${taskNowShort(t)}）`, unit: taskUnit(t.measure)?.name ?? null, taskCode: t.code })),
    ...FIVE_ITEMS.map((item) => ({
      ref: itemRef(item),
      label: `${item}（一低五有：${items[item].met === true ? '已达标' : items[item].met === false ? '未达标' : '尚无上报'}）`,
      unit: null, taskCode: null,
    })),
  ]
}

/** `已完成 0/3 公里`, or `已完成 40%` for a task without a target. */
function taskNowShort(t: TaskView): string {
  const late = t.daysOverdue > 0 ? `，逾期 ${t.daysOverdue} 天` : ''
  if (t.target === null) return `已完成 ${Math.round(t.actual * 100)}%${late}`
  const unit = taskUnit(t.measure)
  return `已完成 ${fmt(t.actual * t.target)}/${fmt(t.target)}${unit ? ` ${unit.name}` : ''}${late}`
}

/** Option texts stay one line on a phone. */
const cut = (title: string) => ([...title].length > 24 ? `${[...title].slice(0, 24).join('')}…` : title)
