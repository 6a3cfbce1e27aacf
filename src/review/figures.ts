import type { Deps } from '../deps'
import { areaView, taskTally, threeHaveOf } from '../views/area'
import { addDays, monthStart } from '../domain/dates'
import { meetsSql } from '../../db/repos/households'
import { meetingAsOfSql } from '../../db/repos/standing-as-of'
import { assessmentDay } from '../scoring/month'
import { biggestGaps, type Gap } from './gaps'

export interface Count { target: number; met: number }

/** What the monthly review shows for one zone on one day. */
export interface ReviewFigures {
  asOf: string
  /** The year's exits against target: 预脱贫村 meeting 一低五有; 当年脱贫 households (and their people) meeting 一超六有. */
  exits: { villages: Count; households: Count; people: Count }
  /** Standards met: 一低五有 over all villages, 一超六有 over poor households, 乡三有 over townships. */
  standards: { villages: Count; households: Count; townships: Count }
  /** Tasks: done of all; due within the month and done of those; open and past their deadline. */
  tasks: { total: number; done: number; dueThisMonth: number; dueDone: number; overdue: number }
  gaps: Gap[]
}

/** This month's figures (as of its end, or today while it runs) and last month's, as of its end. */
export function reviewFigures(deps: Deps, zoneId: number, month: string, today: string): { now: ReviewFigures; before: ReviewFigures } {
  const prevEnd = addDays(monthStart(month), -1)
  return { now: figuresAt(deps, zoneId, month, assessmentDay(month, today)), before: figuresAt(deps, zoneId, prevEnd.slice(0, 7), prevEnd) }
}

function figuresAt(deps: Deps, zoneId: number, month: string, asOf: string): ReviewFigures {
  const view = areaView(deps, { kind: 'zone', zoneId }, asOf, { asOf })
  const exiting = view.villages.filter((v) => v.category === '预脱贫村')
  const people = exitingHouseholds(deps, zoneId, asOf)
  const tally = taskTally(view.tasks)
  const due = view.tasks.filter((t) => t.dueDate.startsWith(month))
  return {
    asOf,
    exits: {
      villages: { target: exiting.length, met: exiting.filter((v) => v.standard.meets).length },
      households: { target: people.households, met: people.metHouseholds },
      people: { target: people.people, met: people.metPeople },
    },
    standards: {
      villages: { target: view.villages.length, met: view.villages.filter((v) => v.standard.meets).length },
      households: { target: view.households.poor, met: view.households.poorMeeting },
      townships: { target: view.townships.length, met: view.townships.filter((t) => threeHaveOf(t).meets).length },
    },
    tasks: { total: tally.total, done: tally.done, dueThisMonth: due.length, dueDone: due.filter((t) => t.done).length, overdue: view.tasks.filter((t) => t.open && t.daysOverdue > 0).length },
    gaps: biggestGaps(view, 5),
  }
}

/** 当年脱贫 households of the zone and their people, and how many meet 一超六有 on the checks visited by `asOf`. */
function exitingHouseholds(deps: Deps, zoneId: number, asOf: string) {
  const place = `JOIN villages v ON v.code = h.village_code JOIN townships t ON t.code = v.township_code
                 WHERE t.zone_id = @zoneId AND h.status = '当年脱贫'`
  const all = deps.db.prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(h.size), 0) AS people FROM households h ${place}`)
    .get({ zoneId }) as { n: number; people: number }
  // Only the households meeting the standard, each joined to its household by primary key.
  const met = deps.db.prepare(`
    SELECT COUNT(*) AS n, COALESCE(SUM(h.size), 0) AS people
    FROM ${meetingAsOfSql(meetsSql(deps.settings.incomeLines))} m JOIN households h ON h.code = m.household_code ${place}`)
    .get({ zoneId, asOf }) as { n: number; people: number }
  return { households: all.n, people: all.people, metHouseholds: met.n, metPeople: met.people }
}
