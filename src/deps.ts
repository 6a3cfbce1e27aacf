import type { Db } from '../db/open'
import type { Config } from './config'
import type { Logger } from './log'
import type { Settings } from './settings'
import { createIdentity, type Identity } from './identity'
import { createOutbox, type Outbox } from '../db/repos/outbox'
import { createAudit, type Audit } from '../db/repos/audit'
import { createBindings, type Bindings } from '../db/repos/bindings'
import { createFacts, type Facts } from '../db/repos/facts'
import { createHouseholds, type Households } from '../db/repos/households'
import { createRecords, type Records } from '../db/repos/records'
import { createSpotDraws, type SpotDraws } from '../db/repos/spot-draws'
import { createSpotFindings, type SpotFindings } from '../db/repos/spot-findings'
import { createResolver, type Resolver } from './registry/resolve'
import { createPlaces, type Places } from './registry/place'

/** Everything commands and jobs need, passed in (never imported as singletons), so tests build their own. */
export interface Deps {
  db: Db
  config: Config
  settings: Settings
  log: Logger
  identity: Identity
  outbox: Outbox
  audit: Audit
  bindings: Bindings
  facts: Facts
  households: Households
  records: Records
  spotDraws: SpotDraws
  spotFindings: SpotFindings
  resolve: Resolver
  places: Places
}

/** The repositories on an open database. */
export function createDeps(db: Db, config: Config, settings: Settings, log: Logger): Deps {
  const resolve = createResolver(db)
  const households = createHouseholds(db, settings.incomeLines)
  if (!db.readonly) households.syncIncomeLines()
  return {
    db, config, settings, log,
    identity: createIdentity(db, config.ADMIN_OPEN_IDS),
    outbox: createOutbox(db),
    audit: createAudit(db),
    bindings: createBindings(db),
    facts: createFacts(db),
    households,
    records: createRecords(db),
    spotDraws: createSpotDraws(db),
    spotFindings: createSpotFindings(db),
    resolve,
    places: createPlaces(db, resolve),
  }
}
