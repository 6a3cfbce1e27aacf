import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, extname, join, resolve } from 'node:path'
import type { EvidenceType } from '../../db/repos/evidence'
import { readHead } from '../read-head'

/**
 * The folders of files from chats, beside the database unless FILES_DIR says otherwise:
 * `imports/<id>/` a workbook kept between its check and 确认导入 (deleted on import, expiry or replacement),
 * `evidence/<ab>/<sha256>.<ext>` photos kept as evidence (content-addressed: the same photo is stored once),
 * `incoming/` downloads in progress.
 */
export function fileFolders(o: { databasePath: string; filesDir?: string }) {
  const root = resolve(o.filesDir ?? join(dirname(o.databasePath === ':memory:' ? './data/zhanqu.db' : o.databasePath), 'files'))
  const folders = { root, imports: join(root, 'imports'), evidence: join(root, 'evidence'), incoming: join(root, 'incoming') }
  return {
    ...folders,
    make() {
      for (const dir of Object.values(folders)) mkdirSync(dir, { recursive: true, mode: 0o700 })
    },
    /** A fresh download path (under incoming/). */
    incomingPath: (id: number, n = 0) => join(folders.incoming, `${id}-${n}`),
    importDir: (id: number) => join(folders.imports, String(id)),
    evidencePath: (sha256: string, type: EvidenceType) => join(folders.evidence, sha256.slice(0, 2), `${sha256}${EXTENSIONS[type]}`),
    /** Moves a finished download into the evidence folder (once per content). */
    keepEvidence(from: string, sha256: string, type: EvidenceType): string {
      const to = join(folders.evidence, sha256.slice(0, 2), `${sha256}${EXTENSIONS[type]}`)
      mkdirSync(dirname(to), { recursive: true, mode: 0o700 })
      if (existsSync(to)) rmSync(from, { force: true })
      else renameSync(from, to)
      return to
    },
    /**
     * Deletes what no open row needs (a crash's leftovers) from incoming/ (`<id>-<n>`) and imports/ (`<id>/`);
     * never evidence/. Another process on the same database keeps the files of its open rows.
     */
    sweep(open: ReadonlySet<number>) {
      for (const [dir, idOf] of [[folders.incoming, (n: string) => n.split('-')[0]], [folders.imports, (n: string) => n]] as const) {
        for (const name of safeList(dir)) if (!open.has(Number(idOf(name)))) rmSync(join(dir, name), { recursive: true, force: true })
      }
    },
  }
}
export type FileFolders = ReturnType<typeof fileFolders>

const EXTENSIONS: Record<EvidenceType, string> = { 'image/jpeg': '.jpg', 'image/png': '.png', 'image/gif': '.gif', 'image/webp': '.webp' }

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * A file name from a chat as a name on this disk: the last path segment only, no control or format
 * characters, no leading dots, at most 150 bytes before its extension (file systems allow 255 bytes; a
 * Chinese character takes 3), the extension kept (the CSV reader takes the sheet from the name:
 * 户-2024.csv). It only ever names a file inside a folder made for it.
 */
export function safeFileName(name: string): string {
  const last = name.normalize('NFC').split(/[\\/]/).pop() ?? ''
  const clean = last.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').replace(/[<>:"|?*]/g, '_').trim().replace(/^\.+/, '')
  const ext = extname(clean).slice(0, 10)
  let stem = ''
  for (const c of clean.slice(0, clean.length - ext.length)) {
    if (Buffer.byteLength(stem + c) > 150) break
    stem += c
  }
  stem = stem.trim()
  return stem ? `${stem}${ext}` : `file${ext}`
}

/** What a downloaded picture is, by its first bytes (never by what the sender called it); null: not a photo we keep. */
export function sniffImage(path: string): EvidenceType | null {
  const head = readHead(path, 12)
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg'
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (head.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif'
  if (head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return null
}
