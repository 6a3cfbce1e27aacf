import { openDatabase } from '../../db/open'
import type { Config } from '../config'
import { createDeps } from '../deps'
import { parsePeriod } from '../domain/dates'
import type { Logger } from '../log'
import type { Settings } from '../settings'
import { computeRanking } from './publish'
import type { Snapshot } from '../domain/ranking'

export interface RankingInput {
  dbPath: string
  config: Config
  settings: Settings
  period: string
  today: string
  nowMs: number
}

/**
 * Runs in a worker thread (src/worker/run-in-worker.ts): the county's ranking takes a few hundred
 * milliseconds of scoring, which on the bot's event loop would hold every webhook answer that long. A
 * read-only connection of its own, in one read transaction, sees the records as they stood at one moment.
 */
export function rankingFromDatabase(i: RankingInput): Snapshot {
  const db = openDatabase(i.dbPath, { readonly: true, skipIntegrityCheck: true })
  try {
    const deps = createDeps(db, i.config, i.settings, SILENT)
    return deps.tx.run(() => computeRanking(deps, parsePeriod(i.period)!, i.today, new Date(i.nowMs)))
  } finally {
    db.close()
  }
}

/** Scoring logs nothing; a logger of our own keeps pino out of the worker. */
const SILENT = new Proxy({}, { get: () => () => SILENT }) as unknown as Logger
