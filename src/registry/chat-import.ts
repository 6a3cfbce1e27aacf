import { openDatabase } from '../../db/open'
import { createChatFiles } from '../../db/repos/chat-files'
import { registryStore } from '../../db/repos/registry'
import type { ImportLimits } from '../config'
import { changeLines, countLines } from './change-report'
import { importRegistry } from './import'
import { formatProblem } from './types'

export interface ChatImportInput {
  dbPath: string
  /** The kept copy of the workbook, named as it was sent (the CSV readers take the sheet from the name). */
  file: string
  limits: ImportLimits
  nowMs: number
  /** The check (a dry run) or the import the admin confirmed (chat_files row `fileId`, now confirmed). */
  dryRun: boolean
  fileId: number
  actor: string
}

/** What the chat shows: plain lines, since a workbook's rows cannot cross to the main thread cheaply. */
export interface ChatImportOutcome {
  ok: boolean
  written: boolean
  rows: number
  notes: string[]
  problems: string[]
  counts: string[]
  changes: string[]
  /** Households whose head or ID number the import replaces (listed first under 请核对). */
  heads: number
}

/**
 * Runs in a worker thread (src/worker/run-in-worker.ts): `admin import` itself — the same reading,
 * checks, diff and all-or-nothing write — on a connection of its own, so the bot's event loop keeps
 * answering Lark. Pressing 确认导入 is the admin's confirmation of replaced heads (the check listed them
 * under 请核对). The import marks the chat_files row imported in its own transaction: a crash leaves the
 * registry and the row agreeing, and a restart does not import twice.
 */
export async function runChatImport(i: ChatImportInput): Promise<ChatImportOutcome> {
  const db = openDatabase(i.dbPath, { readonly: i.dryRun, skipIntegrityCheck: true })
  try {
    const chatFiles = createChatFiles(db)
    const result = await importRegistry({
      ...registryStore(db), now: () => new Date(i.nowMs), limits: i.limits, actor: i.actor,
      alsoWrite: () => {
        if (!chatFiles.finish(i.fileId, 'confirmed', 'imported', i.nowMs)) throw new Error('chat import is no longer confirmed')
      },
    }, [i.file], { dryRun: i.dryRun, confirmHeads: true })
    if (!result.ok) {
      return { ok: false, written: false, rows: 0, notes: result.notes, problems: result.problems.map(formatProblem), counts: [], changes: [], heads: 0 }
    }
    return {
      ok: true, written: result.written, rows: result.rows, notes: result.notes, problems: [],
      counts: countLines(result, i.dryRun),
      changes: i.dryRun ? changeLines(result.changes, undefined, { allHint: '确认导入后全部写入（管理员可用 admin import --report 导出全部改动）' }) : [],
      heads: result.changes.filter((c) => c.heads).length,
    }
  } finally {
    db.close()
  }
}
