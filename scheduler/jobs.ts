import type { Job } from './job'
import { overdueJob } from './overdue'
import { monthlyReviewJob } from './monthly-review'
import { rankingJob } from './ranking'
import { holidaysJob } from './holidays'

/** Every scheduled job, by the name `admin run` takes. */
export const JOBS: readonly Job[] = [overdueJob, monthlyReviewJob, rankingJob, holidaysJob]

export const jobByName = (name: string) => JOBS.find((j) => j.name === name)
