import type { Db } from '../db/open'
import type { Config } from './config'
import type { Logger } from './log'
import { createIdentity, type Identity } from './identity'
import { createOutbox, type Outbox } from '../db/repos/outbox'
import { createAudit, type Audit } from '../db/repos/audit'
import { createBindings, type Bindings } from '../db/repos/bindings'

/** Everything commands and jobs need, passed in (never imported as singletons), so tests build their own. */
export interface Deps {
  db: Db
  config: Config
  log: Logger
  identity: Identity
  outbox: Outbox
  audit: Audit
  bindings: Bindings
}

/** The repositories on an open database. */
export function createDeps(db: Db, config: Config, log: Logger): Deps {
  return {
    db, config, log,
    identity: createIdentity(db, config.ADMIN_OPEN_IDS),
    outbox: createOutbox(db),
    audit: createAudit(db),
    bindings: createBindings(db),
  }
}
