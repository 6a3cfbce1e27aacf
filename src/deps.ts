import type { Db } from '../db/open'
import type { Config } from './config'
import type { Identity } from './identity'
import type { Logger } from './log'
import type { Outbox } from '../db/repos/outbox'

/** Everything commands and jobs need, passed in (never imported as singletons), so tests build their own. */
export interface Deps {
  db: Db
  config: Config
  log: Logger
  identity: Identity
  outbox: Outbox
}
