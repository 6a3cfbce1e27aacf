import type { Deps } from '../deps'
import { areaView, threeHaveOf } from '../views/area'
import { householdShare, registeredShare, taskShare, villageShare } from '../views/figures'
import { addDays, monthStart } from '../domain/dates'
import { assessmentDay } from '../scoring/month'
import { biggestGaps, type Gap } from './gaps'
import { dayEndMs, spotFigures, totalFigures, type SpotFigures } from '../views/spot-figures'

export interface Count { target: number; met: number }

/** Whose review: a zone's (its chat), or the county's (the HQ chat). */
export type ReviewPlace = { kind: 'zone'; zoneId: number } | { kind: 'county' }

/** What the monthly review shows for one zone (or the county) on one day. */
export interface ReviewFigures {
  asOf: string
  /** The year's exits against target: 预脱贫村 meeting 一低五有; 当年脱贫 households (and their people) meeting 一超六有. */
  exits: { villages: Count; households: Count; people: Count }
  /** The figures of docs/figures.md: 村达标, 户达标, 建档立卡户达标; and 乡"三有" over townships. */
  standards: { villages: Count; households: Count; registered: Count; townships: Count }
  /** Tasks: done of all (任务完成率); due within the month and done of those; open and past their deadline. */
  tasks: { total: number; done: number; dueThisMonth: number; dueDone: number; overdue: number }
  gaps: Gap[]
}

/**
 * This month's figures (as of its end, or today while it runs) and last month's, as of its end; and the
 * month's spot checks per township, as typed by the end of its assessment day (at most `nowMs`).
 */
export function reviewFigures(deps: Deps, place: ReviewPlace, month: string, today: string, nowMs = Number.MAX_SAFE_INTEGER): { now: ReviewFigures; before: ReviewFigures; spot: ReviewSpot } {
  const prevEnd = addDays(monthStart(month), -1)
  const asOf = assessmentDay(month, today)
  const rows = spotFigures(deps, place.kind === 'zone' ? place : { kind: 'county' }, month, Math.min(nowMs, dayEndMs(asOf, deps.config.TIMEZONE)))
  return {
    now: figuresAt(deps, place, month, asOf),
    before: figuresAt(deps, place, prevEnd.slice(0, 7), prevEnd),
    spot: { rows, total: totalFigures(rows, '合计') },
  }
}

/** The month's spot checks (docs/figures.md, 一致率): per township with activity, and their sum. */
export interface ReviewSpot { rows: SpotFigures[]; total: SpotFigures }

const count = (s: { met: number; of: number }): Count => ({ target: s.of, met: s.met })

function figuresAt(deps: Deps, place: ReviewPlace, month: string, asOf: string): ReviewFigures {
  const view = areaView(deps, place, asOf, { asOf })
  const exiting = view.villages.filter((v) => v.category === '预脱贫村')
  const people = deps.households.exiting(place.kind === 'zone' ? place.zoneId : null, asOf)
  const tasks = taskShare(view.tasks)
  const due = view.tasks.filter((t) => t.dueDate.startsWith(month))
  return {
    asOf,
    exits: {
      villages: { target: exiting.length, met: exiting.filter((v) => v.standard.meets).length },
      households: { target: people.households, met: people.metHouseholds },
      people: { target: people.people, met: people.metPeople },
    },
    standards: {
      villages: count(villageShare(view.villages)),
      households: count(householdShare(view.households)),
      registered: count(registeredShare(view.households)),
      townships: { target: view.townships.length, met: view.townships.filter((t) => threeHaveOf(t).meets).length },
    },
    tasks: { total: tasks.of, done: tasks.met, dueThisMonth: due.length, dueDone: due.filter((t) => t.done).length, overdue: view.tasks.filter((t) => t.open && t.daysOverdue > 0).length },
    gaps: biggestGaps(view, 5),
  }
}
