import { rmSync } from 'node:fs'
import type { Transactions } from '../../db/transactions'
import type { ChatFile, ChatFiles } from '../../db/repos/chat-files'
import type { Evidence } from '../../db/repos/evidence'
import type { Outbox } from '../../db/repos/outbox'
import type { ImportLimits } from '../config'
import type { Logger } from '../log'
import { text, toLarkMessage } from '../reply'
import { guardReply } from '../privacy/reply-guard'
import { createPause } from '../pause'
import { isBusy } from '../db-health'
import type { FileJobDeps } from './job-deps'
import type { Download } from './download'
import type { FileFolders } from './store'
import { checkImport, confirmedImport } from './import-job'
import { storePhoto } from './photo-job'

/** How often an idle worker looks for expired confirmations (a notify wakes it at once for new work). */
const IDLE_MS = 60_000
/**
 * How long a file is taken: longer than any download or import (their own timeouts are 2 and 5 minutes),
 * so that only a crash leaves a file to be taken again, this long after.
 */
const LEASE_MS = 10 * 60_000

/**
 * Works through chat_files one file at a time, off the inbox's path: a download or an import may take
 * seconds to minutes, while messages keep being acknowledged and answered. One at a time bounds the disk
 * and memory used (one 20 MB download, one import worker thread). Expired confirmations are deleted as it
 * goes; at start, files no row needs any more (a crash's leftovers) are too.
 */
export function createFileWorker(o: {
  tx: Transactions; chatFiles: ChatFiles; evidence: Evidence; outbox: Outbox; log: Logger; clock: () => Date; folders: FileFolders
  download: Download; dbPath: string; limits: ImportLimits; timeZone: string; onEnqueued: () => void
}) {
  const { tx, chatFiles, log } = o
  let running = false
  let loop: Promise<void> | null = null
  const pause = createPause({ unref: true })

  const deps: FileJobDeps = {
    ...o,
    write: (fn) => {
      tx.immediate(fn)
      o.onEnqueued()
    },
    reply: (f, r, now) => {
      const m = toLarkMessage(r)
      // Workbooks come from direct chats only; a photo's chat may be a group: its answer is guarded as one.
      const chatType = f.kind === 'import' ? 'p2p' : 'group'
      o.outbox.enqueue({ receiveId: f.chatId, replyTo: f.messageId, ...m, content: guardReply(m.content, chatType), source: `chat-file-${f.id}` }, now)
    },
    finish: (f, from, to, replies) => deps.write(() => {
      const now = o.clock().getTime()
      if (chatFiles.finish(f.id, from, to, now)) for (const r of replies) deps.reply(f, r, now)
    }),
  }

  function expire() {
    const now = o.clock().getTime()
    for (const f of chatFiles.expiredBy(now)) {
      if (chatFiles.finish(f.id, 'ready', 'expired', now)) rmSync(o.folders.importDir(f.id), { recursive: true, force: true })
    }
  }

  async function work(f: ChatFile) {
    try {
      if (f.kind === 'photo') await storePhoto(deps, f)
      else if (f.state === 'confirmed') await confirmedImport(deps, f)
      else await checkImport(deps, f)
    } catch (err) {
      if (isBusy(err)) throw err
      // A bug must not make the worker take the same file forever: it ends, with an apology.
      log.error({ err, file: f.id, kind: f.kind }, 'chat file failed')
      deps.finish(f, f.state, 'failed', [text('抱歉，处理这个文件时出了问题，已记录。请稍后重新发送。')])
    }
  }

  async function run() {
    while (running) {
      let next: ChatFile | null = null
      let waitMs = IDLE_MS
      try {
        expire()
        next = chatFiles.takeWork(Date.now(), LEASE_MS)
        if (next) await work(next)
      } catch (err) {
        if (isBusy(err)) log.warn('database busy (another process writes): the file worker looks again shortly')
        else log.error({ err }, 'file worker error')
        next = null
        waitMs = 1000
      }
      if (next) continue
      await pause.sleep(waitMs)
    }
  }

  return {
    start() {
      if (running) return
      o.folders.make()
      try {
        o.folders.sweep(chatFiles.openIds())
      } catch (err) {
        log.warn({ err }, 'could not clear leftover chat files')
      }
      running = true
      loop = run()
    },
    /** Something may have been queued or confirmed: look now. */
    notify() {
      pause.wake()
    },
    /** Finishes the file in hand (a download or import in progress) and stops. */
    async stop() {
      running = false
      pause.wake()
      await loop
    },
  }
}
export type FileWorker = ReturnType<typeof createFileWorker>
