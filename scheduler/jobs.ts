import type { Job } from './job'
import { overdueJob } from './overdue'

/** Every scheduled job, by the name `admin run` takes. */
export const JOBS: readonly Job[] = [overdueJob]

export const jobByName = (name: string) => JOBS.find((j) => j.name === name)
