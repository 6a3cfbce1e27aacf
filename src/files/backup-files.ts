import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { StoredFile } from '../../db/repos/evidence'
import type { FileFolders } from './store'

/** A file the database refers to that the backup could not keep, and why. */
export interface FileProblem { file: StoredFile; path: string; why: string }

export interface FilesCopied { files: number; bytes: number; problems: FileProblem[] }

/**
 * Copies each evidence file a database refers to from the live folders into a backup's (the same layout,
 * so a restore copies them back as they are). A file is read once, checked against its size and sha256
 * before anything is written, written to a new file, synced, and read back and checked again: the backup
 * holds only photos that are what the records say. One that is missing or damaged on disk is reported, not
 * copied; a backup's own write that fails (its disk full) throws.
 */
export function copyEvidence(files: readonly StoredFile[], from: FileFolders, to: FileFolders): FilesCopied {
  const out: FilesCopied = { files: 0, bytes: 0, problems: [] }
  for (const file of files) {
    const source = from.evidencePath(file.sha256, file.type)
    const data = readChecked(source, file)
    if (typeof data === 'string') {
      out.problems.push({ file, path: relative(from.root, source), why: data })
      continue
    }
    const target = to.evidencePath(file.sha256, file.type)
    writeNew(target, data)
    if (sha256Of(readFileSync(target)) !== file.sha256) throw new Error(`备份的照片写入后校验不符：${target}`)
    out.files++
    out.bytes += file.bytes
  }
  return out
}

/** The live file's bytes, when they are what the database says (size and sha256); otherwise why not. */
function readChecked(path: string, file: StoredFile): Buffer | string {
  try {
    const stat = statSync(path)
    if (!stat.isFile()) return '不是普通文件'
    // Checked before reading: a photo is at most 10 MB, whatever may have replaced it need not be.
    if (stat.size !== file.bytes) return `大小不符（应为 ${file.bytes} 字节，实为 ${stat.size} 字节）`
    const data = readFileSync(path)
    return sha256Of(data) === file.sha256 ? data : '内容与 sha256 不符（文件已损坏）'
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    return code === 'ENOENT' ? '文件不存在' : `无法读取（${code ?? String(err)}）`
  }
}

/**
 * Writes a file that must not exist yet, and syncs it: a backup said to be done is on the disk. Its error
 * names the backup's folder, never passing for one of the database's (the CLI reads a bare ENOSPC so).
 */
function writeNew(path: string, data: Buffer) {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    const fd = openSync(path, 'wx', 0o600)
    try {
      writeFileSync(fd, data)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
  } catch (err) {
    throw new Error(`写入备份的照片失败（${path}）：${err instanceof Error ? err.message : String(err)}`)
  }
}

const sha256Of = (data: Buffer) => createHash('sha256').update(data).digest('hex')
