import { crc32 } from 'node:zlib'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'

/** A workbook that cannot be read as it is: the message says why and what to do, in the official's words. */
export class XlsxFormatError extends Error {}

const RESAVE = '请在 Excel/WPS 中打开并另存为 .xlsx 后再导入'

/**
 * An .xlsx opened for reading, on yauzl: the central directory (ZIP64 too) is read from the file, and each
 * part is inflated as a stream that yauzl stops as soon as it grows past the size the directory declares.
 * So `size(part)` is what reading the part will cost, known before a byte of it is inflated (the import's
 * budget is charged with it: a zip bomb is refused at once, not after filling the memory). yauzl does not
 * check CRCs; each part is read through a CRC-32 check here, so a damaged file is refused, not misread.
 */
export interface WorkbookZip {
  has(part: string): boolean
  /** The part's size once inflated (0 when there is no such part). */
  size(part: string): number
  read(part: string): AsyncIterable<Buffer>
  close(): void
}

export async function openWorkbookZip(path: string): Promise<WorkbookZip> {
  const zip = await new Promise<ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(zipError(err)) : resolve(z))))
  let entries: Map<string, Entry>
  try {
    entries = await listEntries(zip)
  } catch (err) {
    zip.close()
    throw err
  }
  return {
    has: (part) => entries.has(part),
    size: (part) => entries.get(part)?.uncompressedSize ?? 0,
    read(part) {
      const entry = entries.get(part)
      if (!entry) throw new XlsxFormatError(`文件不完整（缺少 ${part}）。${RESAVE}`)
      return checked(zip, entry)
    },
    close: () => zip.close(),
  }
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>()
  return new Promise((resolve, reject) => {
    zip.on('entry', (e: Entry) => {
      entries.set(e.fileName.replace(/^\//, ''), e)
      zip.readEntry()
    })
    zip.on('end', () => resolve(entries))
    zip.on('error', (err: Error) => reject(zipError(err)))
    zip.readEntry()
  })
}

async function* checked(zip: ZipFile, entry: Entry): AsyncGenerator<Buffer> {
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err ? reject(zipError(err)) : resolve(s))))
  let crc = 0
  try {
    for await (const chunk of stream) {
      if ((chunk as Buffer).length > 0) crc = crc32(chunk as Buffer, crc) // an empty chunk would reset it to 0
      yield chunk as Buffer
    }
  } catch (err) {
    throw zipError(err as Error)
  } finally {
    stream.destroy()
  }
  if (crc !== entry.crc32) throw new XlsxFormatError(`文件已损坏（${entry.fileName} 的校验和不符，可能没有下载或复制完整）。${RESAVE}`)
}

function zipError(err: Error): XlsxFormatError {
  if (err instanceof XlsxFormatError) return err
  if (/end of central directory record signature not found/i.test(err.message)) {
    return new XlsxFormatError('不是有效的 .xlsx 文件（可能是改了扩展名的其他文件，或文件已损坏）')
  }
  if (/compression method/.test(err.message)) return new XlsxFormatError(`不支持的压缩方式。${RESAVE}`)
  if (/encrypted/.test(err.message)) return new XlsxFormatError('文件设置了密码（已加密）：请在 Excel/WPS 中取消密码后再导入')
  return new XlsxFormatError(`文件已损坏（zip：${err.message}）。${RESAVE}`)
}
