import type { Deps } from '../deps'
import { addDays, atLocalHour, localDate, monthOf, monthStart } from '../domain/dates'
import { rankingJob } from '../../scheduler/ranking'
import { runJob } from '../../scheduler/run-job'

/** How many monthly rankings the demo county has published (with their quarter, when one ended). */
const MONTHS = 3

/**
 * The rankings the scheduler would have published on the first of each of the last months, through the
 * same job and claim (so a bot started on the demo database does not publish them again). Run before any
 * chat is bound, so nothing is broadcast. Demo scale only: the benchmark county stays as generated.
 */
export async function publishDemoRankings(deps: Deps, now: Date): Promise<string> {
  const today = localDate(now, deps.config.TIMEZONE)
  const firsts = [monthStart(monthOf(today))]
  while (firsts.length < MONTHS) firsts.unshift(monthStart(monthOf(addDays(firsts[0]!, -1))))
  const published: string[] = []
  for (const first of firsts) {
    const at = atLocalHour(first, 9, deps.config.TIMEZONE)
    for (const period of rankingJob.scheduledPeriods!(first)) {
      if ((await runJob(deps, rankingJob, { period, now: at, trigger: 'schedule' })).status === 'sent') published.push(period)
    }
  }
  return `已发布的考核排名 ${published.join('、')}`
}

