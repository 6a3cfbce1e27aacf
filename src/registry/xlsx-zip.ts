import { createInflateRaw, inflateRawSync } from 'node:zlib'
import { Readable } from 'node:stream'

/**
 * Just enough of the zip format to read an .xlsx: the central directory, stored and deflated entries.
 * (exceljs's streaming reader drops entries at random when workbook.xml comes last in the zip, and
 * garbles Chinese characters that straddle its chunks; its full reader needs ~1 GB for 200,000 rows.)
 */
export interface ZipEntry { name: string; method: number; compressedSize: number; localOffset: number }

export class XlsxFormatError extends Error {}

export function listZip(buf: Buffer): Map<string, ZipEntry> {
  const eocd = findEndOfCentralDirectory(buf)
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  if (p === 0xffffffff) throw new XlsxFormatError('文件太大（ZIP64），请拆成几个文件导入')
  const entries = new Map<string, ZipEntry>()
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new XlsxFormatError('文件已损坏（zip 目录无效）')
    const nameLength = buf.readUInt16LE(p + 28)
    const extraLength = buf.readUInt16LE(p + 30)
    const commentLength = buf.readUInt16LE(p + 32)
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength).replace(/\\/g, '/')
    entries.set(name.replace(/^\//, ''), {
      name, method: buf.readUInt16LE(p + 10), compressedSize: buf.readUInt32LE(p + 20), localOffset: buf.readUInt32LE(p + 42),
    })
    p += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

function findEndOfCentralDirectory(buf: Buffer): number {
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 65_535); p--) {
    if (buf.readUInt32LE(p) === 0x06054b50) return p
  }
  throw new XlsxFormatError('不是有效的 .xlsx 文件（可能是改了扩展名的其他文件，或文件已损坏）')
}

function dataRange(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset
  if (buf.readUInt32LE(p) !== 0x04034b50) throw new XlsxFormatError('文件已损坏（zip 条目无效）')
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28)
  return buf.subarray(start, start + e.compressedSize)
}

/** A small entry as text (workbook, rels, styles, shared strings). */
export function entryText(buf: Buffer, e: ZipEntry): string {
  const data = dataRange(buf, e)
  if (e.method === 0) return data.toString('utf8')
  if (e.method === 8) return inflateRawSync(data).toString('utf8')
  throw new XlsxFormatError(`不支持的压缩方式（${e.method}）`)
}

/** A large entry (a worksheet) as a stream of bytes, inflated as it is read. */
export function entryStream(buf: Buffer, e: ZipEntry): Readable {
  const data = dataRange(buf, e)
  if (e.method === 0) return Readable.from([data])
  if (e.method === 8) return Readable.from([data]).pipe(createInflateRaw())
  throw new XlsxFormatError(`不支持的压缩方式（${e.method}）`)
}
