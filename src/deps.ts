import type { Db } from '../db/open'
import type { Config } from './config'
import type { Logger } from './log'
import type { Settings } from './settings'
import { createIdentity, type Identity } from './identity'
import { createTransactions, type Transactions } from '../db/transactions'
import { createChangeStamp } from '../db/changes'
import { createOutbox, type Outbox } from '../db/repos/outbox'
import { createInbox, type Inbox } from '../db/repos/inbox'
import { createWriteProbe, type WriteProbe } from '../db/health'
import { createAudit, type Audit } from '../db/repos/audit'
import { createBindings, type Bindings } from '../db/repos/bindings'
import { createChats, type Chats } from '../db/repos/chats'
import { createMembers, type Members } from '../db/repos/members'
import { createAccountLinks, type AccountLinks } from '../db/repos/account-links'
import { createFacts, type Facts } from '../db/repos/facts'
import { createHouseholds, type Households } from '../db/repos/households'
import { createRecords, type Records } from '../db/repos/records'
import { createSpotDraws, type SpotDraws } from '../db/repos/spot-draws'
import { createSpotFindings, type SpotFindings } from '../db/repos/spot-findings'
import { createRecordExport, type RecordExport } from '../db/repos/record-export'
import { createRegistryRepo, type RegistryRepo } from '../db/repos/registry'
import { createRegistryCache, type RegistryCache } from '../db/repos/registry-cache'
import { createLookup, type Lookup } from '../db/repos/lookup'
import { createRankings, type Rankings } from '../db/repos/rankings'
import { createSixiao, type Sixiao } from '../db/repos/sixiao'
import { createWebAccess } from '../db/repos/web-access'
import { createKeyValues, type KeyValues } from '../db/repos/key-values'
import { createJobRuns, type JobRuns } from '../db/repos/job-runs'
import { createDigests, type Digests } from '../db/repos/digests'
import { createReminders, type Reminders } from '../db/repos/reminders'
import { createChatFiles, type ChatFiles } from '../db/repos/chat-files'
import { createEvidence, type Evidence } from '../db/repos/evidence'
import { createResolver, type Resolver } from './registry/resolve'
import { createPlaces, type Places } from './registry/place'
import { createMapAccess, type MapAccess } from './web/access'

/**
 * Everything commands, views, jobs and the map need, passed in (never imported as singletons), so tests
 * build their own. The repositories of db/ and the transactions are the only way to the database: no code
 * outside db/ holds the connection but the composition roots that open and close it.
 */
export interface Deps {
  config: Config
  settings: Settings
  log: Logger
  /** The database file, for a worker's own connection; null when the database lives in memory. */
  databaseFile: string | null
  tx: Transactions
  identity: Identity
  /** Lark events as they arrive, deduplicated and kept until handled (the durable half of every intake). */
  inbox: Inbox
  outbox: Outbox
  /** The database's part of /healthz: a rolled-back write that finds a read-only or full disk. */
  writeProbe: WriteProbe
  audit: Audit
  bindings: Bindings
  chats: Chats
  members: Members
  accountLinks: AccountLinks
  facts: Facts
  households: Households
  records: Records
  spotDraws: SpotDraws
  spotFindings: SpotFindings
  recordExport: RecordExport
  registry: RegistryRepo
  registryCache: RegistryCache
  lookup: Lookup
  rankings: Rankings
  sixiao: Sixiao
  keyValues: KeyValues
  jobRuns: JobRuns
  digests: Digests
  resolve: Resolver
  places: Places
  mapAccess: MapAccess
  /** Differs after any write to the database, by anyone (db/changes.ts): what the map's caches are checked against. */
  changeStamp: () => string
  reminders: Reminders
  chatFiles: ChatFiles
  evidence: Evidence
}

/** The repositories on an open database, and what is kept per database (caches, the map's access). */
export function createDeps(db: Db, config: Config, settings: Settings, log: Logger): Deps {
  const tx = createTransactions(db)
  const lookup = createLookup(db)
  const resolve = createResolver(lookup)
  const registryCache = createRegistryCache(db)
  const households = createHouseholds(db, settings.incomeLines)
  if (!db.readonly) households.syncIncomeLines()
  const members = createMembers(db)
  const identity = createIdentity(members, config.ADMIN_OPEN_IDS)
  const keyValues = createKeyValues(db)
  return {
    config, settings, log, tx,
    databaseFile: db.memory ? null : db.name,
    identity,
    inbox: createInbox(db),
    outbox: createOutbox(db),
    writeProbe: createWriteProbe(db),
    audit: createAudit(db),
    bindings: createBindings(db),
    chats: createChats(db),
    members,
    accountLinks: createAccountLinks(db),
    facts: createFacts(db, registryCache),
    households,
    records: createRecords(db),
    spotDraws: createSpotDraws(db),
    spotFindings: createSpotFindings(db),
    recordExport: createRecordExport(db),
    registry: createRegistryRepo(db),
    registryCache,
    lookup,
    rankings: createRankings(db),
    sixiao: createSixiao(db, registryCache),
    keyValues,
    jobRuns: createJobRuns(db),
    digests: createDigests(db),
    resolve,
    places: createPlaces(lookup, resolve),
    mapAccess: createMapAccess({ webAccess: createWebAccess(db), keyValues, tx, identity, webSecret: config.WEB_SECRET }),
    changeStamp: createChangeStamp(db),
    reminders: createReminders(db),
    chatFiles: createChatFiles(db),
    evidence: createEvidence(db),
  }
}
