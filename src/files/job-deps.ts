import type { ChatFile, ChatFiles, ChatFileState } from '../../db/repos/chat-files'
import type { Evidence } from '../../db/repos/evidence'
import type { ImportLimits } from '../config'
import type { Logger } from '../log'
import type { Reply } from '../reply'
import type { Download } from './download'
import type { FileFolders } from './store'

/** What the jobs (./import-job.ts, ./photo-job.ts) work with. */
export interface FileJobDeps {
  chatFiles: ChatFiles
  evidence: Evidence
  folders: FileFolders
  download: Download
  clock: () => Date
  dbPath: string
  limits: ImportLimits
  timeZone: string
  log: Logger
  /** Runs `fn` in one IMMEDIATE transaction, then wakes the sender for what it queued. */
  write: (fn: () => void) => void
  /** Queues an answer to the message that carried the file (inside the caller's transaction). */
  reply: (f: ChatFile, r: Reply, now: number) => void
  /** Ends a file's work with these answers, in one transaction; nothing when the row left `from` meanwhile. */
  finish: (f: ChatFile, from: ChatFileState, to: ChatFileState, replies: Reply[]) => void
}
