import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { ChatFile } from '../../db/repos/chat-files'
import type { ChatImportInput, ChatImportOutcome } from '../registry/chat-import'
import { runInWorker } from '../worker/run-in-worker'
import { text, type Reply } from '../reply'
import { cardReply } from '../lark/cards/kit'
import { importReadyCard } from './import-card'
import { CONFIRM_WINDOW_MS, IMPORT_MAX_FILE_BYTES } from './texts'
import { DownloadError, mb } from './download'
import { safeFileName } from './store'
import { shownName } from './route'
import type { FileJobDeps } from './job-deps'

/** A chat message holds this much of the report; the rest is counted, not listed (Lark takes ≤ 150 KB of text). */
const REPORT_CHARS_PER_MESSAGE = 12_000
const REPORT_MESSAGES = 5

/**
 * An admin's workbook, received: downloaded (≤ 20 MB, streamed to disk), checked exactly as
 * `admin import --dry-run` checks it, in a worker thread; answered with the report and, when nothing is
 * wrong, a 确认导入 button. Only then is the file kept (imports/<id>/), for that admin's confirmation.
 */
export async function checkImport(deps: FileJobDeps, f: ChatFile): Promise<void> {
  const name = shownName(f.fileName ?? '')
  const dir = deps.folders.importDir(f.id)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const incoming = deps.folders.incomingPath(f.id)
  const path = join(dir, safeFileName(f.fileName ?? 'file'))
  let outcome: ChatImportOutcome
  try {
    rmSync(incoming, { force: true })
    await deps.download({ messageId: f.messageId, key: f.fileKey, type: 'file', dest: incoming, maxBytes: IMPORT_MAX_FILE_BYTES })
    renameSync(incoming, path)
    outcome = await runImport(deps, f, path, true)
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    if (!(err instanceof DownloadError)) throw err   // a fault of ours: logged and apologised for by the worker
    return deps.finish(f, 'received', 'failed', [text(failure(name, err))])
  }
  if (!outcome.ok) {
    rmSync(dir, { recursive: true, force: true })
    return deps.finish(f, 'received', 'refused', reportMessages(name, outcome, '校验发现问题，没有导入任何数据，也没有保存这个文件。请改正后重新发送。'))
  }
  const now = deps.clock().getTime()
  const expiresAt = now + CONFIRM_WINDOW_MS
  deps.write(() => {
    // One workbook waits per admin: a newer one replaces the one before (its button then says so).
    for (const older of deps.chatFiles.otherReady(f.openId, f.id)) {
      if (deps.chatFiles.finish(older.id, 'ready', 'replaced', now)) rmSync(deps.folders.importDir(older.id), { recursive: true, force: true })
    }
    if (!deps.chatFiles.ready(f.id, path, expiresAt, now)) return
    const intro = '试运行，没有写入任何数据。校验通过；导入将会：'
    for (const r of [...reportMessages(name, outcome, intro), cardReply(importReadyCard({ id: f.id, name, outcome, expiresAt, timeZone: deps.timeZone }))]) deps.reply(f, r, now)
  })
}

/** The import the admin confirmed: from the kept file, all or nothing, with the counts as the answer. */
export async function confirmedImport(deps: FileJobDeps, f: ChatFile): Promise<void> {
  const name = shownName(f.fileName ?? '')
  const dir = deps.folders.importDir(f.id)
  let outcome: ChatImportOutcome
  try {
    if (!f.path || !existsSync(f.path)) throw new Error('the kept workbook is gone')
    outcome = await runImport(deps, f, f.path, false)
  } catch (err) {
    // The import marks its row imported in its own transaction: if it did, the answer is already due.
    if (deps.chatFiles.get(f.id)?.state === 'imported') outcome = { ok: true, written: true, rows: 0, notes: [], problems: [], counts: [], changes: [], heads: 0 }
    else {
      rmSync(dir, { recursive: true, force: true })
      deps.log.error({ err, file: f.id }, 'chat import failed')
      return deps.finish(f, 'confirmed', 'failed', [text(`「${name}」没有导入，数据库没有任何改动（出了问题，已记录）。请重新发送文件。`)])
    }
  }
  rmSync(dir, { recursive: true, force: true })
  if (!outcome.ok) {
    // The registry changed since the check (another import): nothing was written; the problems say why.
    return deps.finish(f, 'confirmed', 'failed', reportMessages(name, outcome, '确认时重新校验发现问题（数据在试运行之后有变化），没有导入任何数据。请重新发送文件。'))
  }
  const now = deps.clock().getTime()
  deps.write(() => {
    deps.chatFiles.finish(f.id, 'imported', 'imported', now)   // sets finished_at; the state was set by the import
    const lines = [`导入完成：「${name}」，共 ${outcome.rows.toLocaleString('en-US')} 行。`, ...outcome.counts]
    deps.reply(f, text(outcome.rows > 0 ? lines.join('\n') : `「${name}」已导入。`), now)
  })
}

function runImport(deps: FileJobDeps, f: ChatFile, file: string, dryRun: boolean): Promise<ChatImportOutcome> {
  const input: ChatImportInput = { dbPath: deps.dbPath, file, limits: deps.limits, nowMs: deps.clock().getTime(), dryRun, fileId: f.id, actor: `admin-chat:${f.openId}` }
  return runInWorker<ChatImportOutcome>({ module: 'registry/chat-import', fn: 'runChatImport', input, maxHeapMb: 512, timeoutMs: 300_000, label: dryRun ? '花名册校验' : '花名册导入' })
}

function failure(name: string, err: DownloadError): string {
  if (err.why === 'too-large') return `「${name}」太大，没有导入：花名册文件最大 ${mb(IMPORT_MAX_FILE_BYTES)}（${err.message}）。可以把表拆成几个文件分别发送。`
  if (err.why === 'gone') return `「${name}」无法下载（${err.message}），没有导入。请重新发送文件。`
  return `「${name}」没有导入：${err.message}。请稍后重新发送。`
}

/**
 * The dry run's report as text messages: notes, every problem (or the counts and the diff), in messages of
 * at most REPORT_CHARS_PER_MESSAGE; what does not fit in REPORT_MESSAGES is counted.
 */
export function reportMessages(name: string, o: ChatImportOutcome, intro: string): Reply[] {
  const head = o.ok ? [`「${name}」${o.rows.toLocaleString('en-US')} 行。${intro}`, ...o.counts] : [`「${name}」共 ${o.problems.length} 个问题。${intro}`]
  const lines = [...head, ...o.notes.map((n) => `提示：${n}`), ...(o.ok ? o.changes : o.problems)]
  const messages: string[] = []
  let current = ''
  let i = 0
  for (; i < lines.length; i++) {
    const line = lines[i]!.length > 1000 ? `${lines[i]!.slice(0, 1000)}…` : lines[i]!
    if (current.length + line.length + 1 > REPORT_CHARS_PER_MESSAGE) {
      if (messages.length + 1 === REPORT_MESSAGES) break
      messages.push(current)
      current = ''
    }
    current += (current ? '\n' : '') + line
  }
  if (i < lines.length) current += `\n……还有 ${lines.length - i} 行没有列出（${o.ok ? '改动' : '问题'}太多）。${o.ok ? '' : '请先改正上面这些，同类问题一并改正，再重新发送。'}`
  messages.push(current)
  return messages.map((m) => text(m))
}
