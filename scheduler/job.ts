import type { Deps } from '../src/deps'
import type { Settings } from '../src/settings'
import type { OutgoingMessage } from '../db/repos/outbox'

export interface JobContext {
  deps: Deps
  /** The period being run: YYYY-MM-DD (overdue), YYYY-MM (review, monthly ranking) or YYYY-Qn. */
  period: string
  now: Date
  /** Today in the county's calendar. */
  today: string
  /** When true, nothing may be written: the messages are only shown. */
  dryRun: boolean
  /** What the job's `prepare` computed before the claim, if it has one. */
  prepared?: unknown
}

/** A scheduled job: computes its messages for one period. The runner claims the period and enqueues. */
export interface Job {
  name: string
  summary: string
  /** The period a run at `today` is for when none is given (`admin run`). */
  defaultPeriod: (today: string) => string
  /** The periods a scheduled run at `today` covers (the ranking on a quarter's first day: month and quarter). */
  scheduledPeriods?: (today: string) => string[]
  /** Scheduled runs only on working days (holidays and 调休 from the calendar). */
  workingDaysOnly?: boolean
  /** The config key of its cron expression. */
  schedule: keyof Settings['schedules']
  /** null when the text is a valid period for this job, else what is wrong. */
  checkPeriod: (period: string) => string | null
  /**
   * Heavy reading done before the claim, off the event loop (the ranking's scoring in a worker thread):
   * the claim's transaction is synchronous, and the bot answers nothing while it runs. Not called when the
   * period has already been run.
   */
  prepare?: (ctx: JobContext) => Promise<unknown>
  /** Messages to send, and writes of its own (snapshots) when not a dry run. Runs inside the claim's transaction. */
  run: (ctx: JobContext) => OutgoingMessage[]
}
