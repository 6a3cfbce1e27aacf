import type * as lark from '@larksuiteoapi/node-sdk'
import { createHash } from 'node:crypto'
import { createWriteStream, rmSync } from 'node:fs'
import type { Readable } from 'node:stream'
import type { TokenCache } from '../lark/client'

/** Why a download gave nothing: too large (Lark's size or ours), gone (recalled, deleted, no access), or failed. */
export class DownloadError extends Error {
  constructor(readonly why: 'too-large' | 'gone' | 'failed', message: string, readonly code: number | null = null) {
    super(message)
  }
}

export interface Downloaded { bytes: number; sha256: string }

/** A whole download may take this long (a 20 MB file over a slow county line); a stall ends sooner (the HTTP timeout). */
const DOWNLOAD_DEADLINE_MS = 120_000
const TOKEN_ERRORS = new Set([99991661, 99991663, 99991671])
// Lark's answers that mean the file will not come, whatever we retry (获取消息中的资源文件, error codes).
const GONE = new Set([230110, 234003, 234004, 234009, 234038, 234040, 234043])

/**
 * GET /open-apis/im/v1/messages/{message_id}/resources/{file_key}?type=file|image, streamed to `dest`:
 * never more than one chunk is held in memory, and the download stops as soon as it passes `maxBytes`
 * (Content-Length says so before the first byte when Lark sends it). The file at `dest` is removed on any
 * failure. A revoked token is fetched anew once, as the sender does.
 */
export function createDownloader(client: lark.Client, cache: TokenCache) {
  async function open(p: { messageId: string; key: string; type: 'file' | 'image' }, retried = false): Promise<{ stream: Readable; length: number | null }> {
    try {
      const res = await client.im.messageResource.get({ path: { message_id: p.messageId, file_key: p.key }, params: { type: p.type } })
      const length = Number(res.headers?.['content-length'])
      return { stream: res.getReadableStream(), length: Number.isFinite(length) && length >= 0 ? length : null }
    } catch (err) {
      const code = await errorCode(err)
      if (code !== null && TOKEN_ERRORS.has(code) && !retried) {
        cache.clear()
        return open(p, true)
      }
      if (code === 234037) throw new DownloadError('too-large', '文件超过飞书允许下载的大小', code)
      if (code !== null && GONE.has(code)) throw new DownloadError('gone', '文件已撤回、删除或无权下载', code)
      throw new DownloadError('failed', code === null ? '下载失败（网络）' : `下载失败（飞书错误码 ${code}）`, code)
    }
  }

  return async function download(p: { messageId: string; key: string; type: 'file' | 'image'; dest: string; maxBytes: number }): Promise<Downloaded> {
    const { stream, length } = await open(p)
    if (length !== null && length > p.maxBytes) {
      stream.destroy()
      throw new DownloadError('too-large', `文件有 ${mb(length)}，超过 ${mb(p.maxBytes)}`)
    }
    const hash = createHash('sha256')
    const out = createWriteStream(p.dest, { flags: 'wx' })   // never over a file that is there
    let bytes = 0
    const deadline = setTimeout(() => stream.destroy(new DownloadError('failed', '下载超时')), DOWNLOAD_DEADLINE_MS)
    try {
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (bytes > p.maxBytes) return void stream.destroy(new DownloadError('too-large', `文件超过 ${mb(p.maxBytes)}`))
          hash.update(chunk)
          if (!out.write(chunk)) {
            stream.pause()
            out.once('drain', () => stream.resume())
          }
        })
        stream.once('error', reject)
        stream.once('end', () => out.end())
        out.once('error', reject)
        out.once('finish', resolve)
      })
    } catch (err) {
      stream.destroy()
      out.destroy()
      rmSync(p.dest, { force: true })
      throw err instanceof DownloadError ? err : new DownloadError('failed', '下载中断')
    } finally {
      clearTimeout(deadline)
    }
    return { bytes, sha256: hash.digest('hex') }
  }
}
export type Download = ReturnType<typeof createDownloader>

/** Lark's error code from a failed download: its body is a stream then (responseType: 'stream'), read up to 4 KB. */
async function errorCode(err: unknown): Promise<number | null> {
  const data = (err as { response?: { data?: unknown } })?.response?.data
  if (data && typeof (data as Readable).on === 'function') {
    const text = await new Promise<string>((resolve) => {
      let s = ''
      const r = data as Readable
      r.on('data', (c: Buffer) => { s += c.toString('utf8'); if (s.length > 4096) r.destroy() })
      r.once('end', () => resolve(s))
      r.once('close', () => resolve(s))
      r.once('error', () => resolve(s))
    })
    try {
      const code = JSON.parse(text)?.code
      return typeof code === 'number' ? code : null
    } catch {
      return null
    }
  }
  const code = (data as { code?: unknown } | undefined)?.code
  return typeof code === 'number' ? code : null
}

export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e6 ? 2 : 1)} MB`
