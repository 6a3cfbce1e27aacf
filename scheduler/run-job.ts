import type { Deps } from '../src/deps'
import type { OutgoingMessage } from '../db/repos/outbox'
import type { Job, JobContext } from './job'
import { localDate } from '../src/domain/dates'
import { guardScheduled } from '../src/privacy/reply-guard'

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
  if (!ctx.dryRun && deps.jobRuns.hasRun(job.name, period)) return { status: 'already-done', period, messages: [], ms: Date.now() - started }
  if (job.prepare) ctx.prepared = await job.prepare(ctx)
  if (ctx.dryRun) {
    // A savepoint rolled back: the job may compute through its normal code path and nothing stays.
    let messages: OutgoingMessage[] = []
    try {
      deps.tx.run(() => {
        messages = guarded(job.run(ctx))
        throw new DryRunRollback()
      })
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err
    }
    return { status: 'dry-run', period, messages, ms: Date.now() - started }
  }
  const at = (o.at ?? o.now).getTime()
  return deps.tx.run((): JobOutcome => {
    if (!deps.jobRuns.claim(job.name, period, at, o.trigger)) {
      return { status: 'already-done', period, messages: [], ms: Date.now() - started }
    }
    const messages = guarded(job.run(ctx))
    for (const m of messages) deps.outbox.enqueue({ ...m, source: m.source ?? `job:${job.name}:${period}` }, at)
    deps.jobRuns.finish(job.name, period, at, messages.length)
    deps.audit.record({ at, actor: o.trigger === 'admin' ? 'admin-cli' : 'scheduler', action: `job.${job.name}`, target: period, detail: { messages: messages.length } })
    return { status: 'sent', period, messages, ms: Date.now() - started }
  })
}

/**
 * Every scheduled message passes the same guard as a reply (src/privacy/reply-guard.ts): bound chats are
 * group chats, and a digest, review or ranking shows imported names and typed remarks too. A file
 * message's content is an instruction to the sender, not text.
 */
const guarded = (messages: OutgoingMessage[]) =>
  messages.map((m) => (m.msgType === 'file' ? m : { ...m, content: guardScheduled(m.content) }))

class DryRunRollback extends Error {}
