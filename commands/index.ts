import type { Command } from './define'
import help from './help'
import auth from './auth'
import me from './me'
import bind from './bind'
import villageProgress from './village-progress'
import villageReport from './village-report'
import townshipReport from './township-report'
import householdCheck, { householdCheckAction } from './household-check'
import householdSixiao, { sixiaoAddAction } from './household-sixiao'
import villageSixiao from './village-sixiao'
import zoneProgress from './zone-progress'
import townshipProgress from './township-progress'
import tasks from './tasks'
import taskDone from './task-done'
import taskReopen from './task-reopen'
import overdue from './overdue'
import withdraw from './withdraw'
import { pause, resume } from './reminders'
import ranking from './ranking'
import battleMap from './battle-map'
import spotDraw from './spot-draw'
import { spotList, spotRecords } from './spot-list'
import spotResults from './spot-results'
import spotAssign from './spot-assign'
import spotClose from './spot-close'
import reverify, { reverifyAction } from './reverify'
import { reportOpenAction, reportPickAction, villageReportAction } from './report-form'
import phases from './phases'
import type { CardAction } from '../src/card-actions'
import { importConfirmAction } from '../src/files/import-card'

/** The command table: the router, /帮助 and the README's reference are generated from it. */
export const commands: Command[] = [
  help, auth, me, bind,
  villageProgress, villageReport, householdCheck, householdSixiao, villageSixiao, zoneProgress, townshipProgress, townshipReport,
  tasks, taskDone, taskReopen, overdue, withdraw, pause, resume, ranking, battleMap,
  spotDraw, spotList, reverify, spotRecords, spotResults, spotAssign, spotClose, phases,
]

/** What card buttons and form submits can do, by `value.action`. */
export const cardActions: CardAction[] = [householdCheckAction, sixiaoAddAction, reverifyAction, villageReportAction, reportPickAction, reportOpenAction, importConfirmAction]
