import type { Deps } from '../src/deps'
import type { OutgoingMessage } from '../db/repos/outbox'
import type { Job, JobContext } from './job'
import { localDate } from '../src/domain/dates'

export type JobOutcome =
  | { status: 'sent'; period: string; messages: OutgoingMessage[]; ms: number }
  | { status: 'already-done'; period: string; messages: []; ms: number }
  | { status: 'dry-run'; period: string; messages: OutgoingMessage[]; ms: number }

/**
 * Runs a job for one period exactly once: the job_runs claim, the job's own writes and its messages are
 * one transaction, so a crash leaves either all of it or none, and a second run finds the claim. A job's
 * `prepare` (heavy reading, off the event loop) runs before it; the claim is what decides, so a second
 * process that prepared the same period in the meantime finds it taken.
 * The scheduler and `admin run` both come through here.
 *
 * `now` is the moment the job computes as of; `at`, when it really runs (default: `now`). They differ for
 * `admin run --date`: the run is recorded, audited and its messages are due at `at` — a run "as of" a
 * future day must not queue its messages until that day.
 */
export async function runJob(deps: Deps, job: Job, o: { period?: string; now: Date; at?: Date; dryRun?: boolean; trigger: 'schedule' | 'catch-up' | 'admin' }): Promise<JobOutcome> {
  const started = Date.now()
  const today = localDate(o.now, deps.config.TIMEZONE)
  const period = o.period ?? job.defaultPeriod(today)
  const ctx: JobContext = { deps, period, now: o.now, today, dryRun: o.dryRun ?? false }
  const hasRun = deps.db.prepare(`SELECT 1 FROM job_runs WHERE job = ? AND period = ?`)
  if (!ctx.dryRun && hasRun.get(job.name, period)) return { status: 'already-done', period, messages: [], ms: Date.now() - started }
  if (job.prepare) ctx.prepared = await job.prepare(ctx)
  if (ctx.dryRun) {
    // A savepoint rolled back: the job may compute through its normal code path and nothing stays.
    let messages: OutgoingMessage[] = []
    try {
      deps.db.transaction(() => {
        messages = job.run(ctx)
        throw new DryRunRollback()
      })()
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err
    }
    return { status: 'dry-run', period, messages, ms: Date.now() - started }
  }
  const at = (o.at ?? o.now).getTime()
  const claim = deps.db.prepare(`INSERT OR IGNORE INTO job_runs (job, period, started_at, finished_at, trigger, messages) VALUES (?, ?, ?, ?, ?, 0)`)
  const finish = deps.db.prepare(`UPDATE job_runs SET finished_at = ?, messages = ? WHERE job = ? AND period = ?`)
  return deps.db.transaction((): JobOutcome => {
    if (claim.run(job.name, period, at, at, o.trigger).changes === 0) {
      return { status: 'already-done', period, messages: [], ms: Date.now() - started }
    }
    const messages = job.run(ctx)
    for (const m of messages) deps.outbox.enqueue({ ...m, source: m.source ?? `job:${job.name}:${period}` }, at)
    finish.run(at, messages.length, job.name, period)
    deps.audit.record({ at, actor: o.trigger === 'admin' ? 'admin-cli' : 'scheduler', action: `job.${job.name}`, target: period, detail: { messages: messages.length } })
    return { status: 'sent', period, messages, ms: Date.now() - started }
  })()
}

class DryRunRollback extends Error {}
