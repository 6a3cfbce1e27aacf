import cron, { type ScheduledTask } from 'node-cron'
import type { Deps } from '../src/deps'
import type { Job } from './job'
import { runJob } from './run-job'
import { isBusy } from '../src/db-health'
import { localDate, localHour, utcOffsetMinutes } from '../src/domain/dates'
import { dayOverrides, isQuietHour, isWorkingDay } from '../src/domain/calendar'

const MINUTE = 60_000
const BUSY_RETRY_MS = 2_000
const BUSY_ATTEMPTS = 30

/**
 * Fires each job on its cron expression in the county's time zone, on working days where the job says so
 * and never in quiet hours. On start it catches up a run missed while the bot was down, if it is at most
 * `catchUpDays` late. Exactly-once is runJob's claim, so a restart or a second process sends nothing twice.
 */
export function createScheduler(deps: Deps, jobs: readonly Job[], clock: () => Date) {
  const { settings, log, config } = deps
  const tz = config.TIMEZONE
  // Created now but started by start(): catchUp() uses their expressions to find missed runs.
  const tasks: ScheduledTask[] = jobs.map((job) => cron.createTask(settings.schedules[job.schedule], () => track(tick(job, clock(), 'schedule')), { timezone: tz, name: job.name, noOverlap: true }))
  const days = dayOverrides(settings.calendar, settings.calendarOverrides)

  // Runs in progress (a job may await its preparation): stop() waits for them before the database closes.
  const running = new Set<Promise<unknown>>()
  let stopped = false
  function track<T>(p: Promise<T>): Promise<T> {
    running.add(p)
    void p.finally(() => running.delete(p)).catch(() => {})
    return p
  }

  /**
   * The bot waits at most a second for another process's write lock (an admin import holds it longer): a
   * scheduled run that meets it is tried again a few seconds later, for up to a minute, not lost.
   */
  async function runWhenUnlocked(job: Job, o: Parameters<typeof runJob>[2]) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await runJob(deps, job, o)
      } catch (err) {
        if (!isBusy(err) || attempt >= BUSY_ATTEMPTS || stopped) throw err
        log.warn({ job: job.name, period: o.period, attempt }, 'database busy (another process writes): job tried again shortly')
        await new Promise((r) => setTimeout(r, BUSY_RETRY_MS))
      }
    }
  }

  /** Runs `job` for what is due at `now`; returns the periods sent. */
  async function tick(job: Job, now: Date, trigger: 'schedule' | 'catch-up'): Promise<string[]> {
    const today = localDate(now, tz)
    if (job.workingDaysOnly && !isWorkingDay(today, days)) {
      log.info({ job: job.name, today }, 'not a working day: job skipped')
      return []
    }
    if (isQuietHour(localHour(now, tz), settings.quietHours)) {
      log.info({ job: job.name }, 'quiet hours: job skipped')
      return []
    }
    const sent: string[] = []
    for (const period of job.scheduledPeriods?.(today) ?? [job.defaultPeriod(today)]) {
      try {
        const outcome = await runWhenUnlocked(job, { period, now, trigger })
        log.info({ job: job.name, period, status: outcome.status, messages: outcome.messages.length, ms: outcome.ms }, 'job run')
        if (outcome.status === 'sent') sent.push(period)
      } catch (err) {
        log.error({ err, job: job.name, period }, 'job failed')
      }
    }
    return sent
  }

  /**
   * The latest time, at most `days` back, at which the job's expression fired. task.match() is slow
   * (~10 µs), so only minutes whose minute-of-hour is in the expression are asked.
   */
  function lastFireTime(job: Job, task: ScheduledTask, now: Date, days: number): Date | null {
    const minutes = new Set(cron.parse(settings.schedules[job.schedule]).minute)
    const offset = utcOffsetMinutes(tz, now)
    const earliest = now.getTime() - days * 86_400_000
    for (let t = Math.floor(now.getTime() / MINUTE) * MINUTE; t >= earliest; t -= MINUTE) {
      const localMinute = (((t / MINUTE + offset) % 60) + 60) % 60
      if (minutes.has(localMinute) && task.match(new Date(t))) return new Date(t)
    }
    return null
  }

  async function catchUp(now: Date) {
    for (const [i, job] of jobs.entries()) {
      // Look back a month so a run missed by more than the window is reported, not silently dropped.
      const fired = lastFireTime(job, tasks[i]!, now, 35)
      if (!fired) continue
      if (now.getTime() - fired.getTime() > settings.catchUpDays * 86_400_000) {
        const day = localDate(fired, tz)
        const missed = (job.scheduledPeriods?.(day) ?? [job.defaultPeriod(day)]).filter((p) => !deps.jobRuns.hasRun(job.name, p))
        if (missed.length) log.warn({ job: job.name, missed, firedAt: fired.toISOString() }, `missed run more than ${settings.catchUpDays} days late: skipped (an admin can run it)`)
        continue
      }
      const day = localDate(fired, tz)
      if (job.workingDaysOnly && !isWorkingDay(day, days)) continue
      const missed = (job.scheduledPeriods?.(day) ?? [job.defaultPeriod(day)]).filter((p) => !deps.jobRuns.hasRun(job.name, p))
      if (missed.length === 0) continue
      if (isQuietHour(localHour(now, tz), settings.quietHours)) {
        log.warn({ job: job.name, missed }, 'missed run not caught up: quiet hours now (an admin can run it)')
        continue
      }
      for (const period of missed) {
        try {
          const outcome = await runWhenUnlocked(job, { period, now, trigger: 'catch-up' })
          log.info({ job: job.name, period, status: outcome.status, messages: outcome.messages.length }, 'missed run caught up')
        } catch (err) {
          // e.g. a full disk at start-up: the bot must still come up (and say so on /healthz)
          log.error({ err, job: job.name, period }, 'missed run could not be caught up')
        }
      }
    }
  }

  return {
    start() {
      stopped = false
      for (const task of tasks) void task.start()
      void track(catchUp(clock()))
    },
    /** Stops firing, and waits for the runs in progress. */
    async stop() {
      stopped = true
      for (const task of tasks) void task.stop()
      await Promise.allSettled([...running])
    },
    tick,
    catchUp,
  }
}
export type Scheduler = ReturnType<typeof createScheduler>
