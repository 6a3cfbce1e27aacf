import { rmSync } from 'node:fs'
import type { ChatFile } from '../../db/repos/chat-files'
import { text } from '../reply'
import { DownloadError, mb } from './download'
import { sniffImage } from './store'
import { PHOTO_MAX_BYTES } from './texts'
import type { FileJobDeps } from './job-deps'

/**
 * A photo replied to the bot's answer: downloaded (type=image, ≤ 10 MB), checked to be a picture by its
 * bytes, stored once by its sha256 and linked to the record it answers. The answer is short; nothing asks
 * for photos and nothing counts them.
 */
export async function storePhoto(deps: FileJobDeps, f: ChatFile): Promise<void> {
  const incoming = deps.folders.incomingPath(f.id)
  rmSync(incoming, { force: true })
  let got: { bytes: number; sha256: string }
  try {
    got = await deps.download({ messageId: f.messageId, key: f.fileKey, type: 'image', dest: incoming, maxBytes: PHOTO_MAX_BYTES })
  } catch (err) {
    const why = err instanceof DownloadError && err.why === 'too-large' ? `照片超过 ${mb(PHOTO_MAX_BYTES)}` : '照片下载失败，请稍后重新回复'
    return deps.finish(f, 'received', 'failed', [text(`${why}，没有保存到记录 #${f.recordId}。`)])
  }
  const type = sniffImage(incoming)
  if (!type) {
    rmSync(incoming, { force: true })
    return deps.finish(f, 'received', 'failed', [text(`收到的不是 JPG、PNG、GIF 或 WebP 照片，没有保存到记录 #${f.recordId}。`)])
  }
  deps.folders.keepEvidence(incoming, got.sha256, type)
  const now = deps.clock().getTime()
  deps.write(() => {
    if (!deps.chatFiles.finish(f.id, 'received', 'stored', now)) return
    deps.evidence.add({ recordId: f.recordId!, sha256: got.sha256, bytes: got.bytes, type, authorOpenId: f.openId }, now)
    // One answer per message, after its last picture: a post of three photos is not answered three times.
    if (deps.chatFiles.pendingOf(f.messageId) > 0) return
    const count = deps.evidence.countOf(f.recordId!)
    deps.reply(f, text(`📷 已保存为记录 #${f.recordId} 的现场照片（这条记录共 ${count} 张）。`), now)
  })
}
