import type { Db } from '../open'

export type JobTrigger = 'schedule' | 'catch-up' | 'admin'

/**
 * Which job ran for which period (migration 0004). The claim is a row inserted in the job's transaction:
 * a second run of the same period, in this process or another, finds it and sends nothing.
 */
export function createJobRuns(db: Db) {
  const hasRun = db.prepare(`SELECT 1 FROM job_runs WHERE job = ? AND period = ?`)
  const claim = db.prepare(`INSERT OR IGNORE INTO job_runs (job, period, started_at, finished_at, trigger, messages) VALUES (?, ?, ?, ?, ?, 0)`)
  const finish = db.prepare(`UPDATE job_runs SET finished_at = ?, messages = ? WHERE job = ? AND period = ?`)
  return {
    hasRun: (job: string, period: string) => hasRun.get(job, period) !== undefined,
    /** true when this call claimed the period (false: it had been claimed already). */
    claim: (job: string, period: string, at: number, trigger: JobTrigger) => claim.run(job, period, at, at, trigger).changes > 0,
    finish: (job: string, period: string, at: number, messages: number) => void finish.run(at, messages, job, period),
  }
}
export type JobRuns = ReturnType<typeof createJobRuns>
