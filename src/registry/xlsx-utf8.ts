import { Transform } from 'node:stream'
import type { TransformCallback } from 'node:stream'

/**
 * exceljs 4.4's streaming reader decodes every inflated chunk of sheet XML to text on its own
 * (utils/parse-sax.js), so a Chinese character whose UTF-8 bytes straddle two chunks turns into "��"
 * — in a 200,000-row sheet that garbles dozens of cells. These helpers re-cut the byte stream so that no
 * chunk ends inside a character; `patchWorkbookReader` applies them to the two places that parse XML.
 */

/** Splits a buffer into the part that ends on a character boundary and the incomplete tail. */
export function splitAtCharBoundary(buf: Buffer): [Buffer, Buffer] {
  let i = buf.length - 1
  while (i >= 0 && buf.length - i <= 4 && (buf[i]! & 0xc0) === 0x80) i-- // continuation bytes
  if (i < 0 || buf.length - i > 4) return [buf, Buffer.alloc(0)]
  const lead = buf[i]!
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1
  return buf.length - i < need ? [buf.subarray(0, i), buf.subarray(i)] : [buf, Buffer.alloc(0)]
}

export async function* utf8Chunks(source: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let carry: Buffer = Buffer.alloc(0)
  for await (const chunk of source) {
    const [whole, tail] = splitAtCharBoundary(Buffer.concat([carry, Buffer.from(chunk)]))
    carry = tail
    if (whole.length) yield whole
  }
  if (carry.length) yield carry
}

export class Utf8ChunkStream extends Transform {
  private carry: Buffer = Buffer.alloc(0)
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    const [whole, tail] = splitAtCharBoundary(Buffer.concat([this.carry, chunk]))
    this.carry = tail
    done(null, whole.length ? whole : undefined)
  }
  override _flush(done: TransformCallback) {
    done(null, this.carry.length ? this.carry : undefined)
  }
}

interface ReaderInternals {
  model?: { sheets?: { id: number; name: string; rId: string }[] }
  workbookRels?: { Id: string; Target: string }[]
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<unknown>
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>
}

/**
 * Wraps the reader's worksheet and shared-string parsing so their input never splits a character.
 * Also: when a worksheet comes before xl/workbook.xml in the zip (LibreOffice and exceljs's own writer do
 * that), exceljs crashes looking up its name; it then gets no name and `sheetNameAfterRead` finds it later.
 */
export function patchWorkbookReader(reader: object): void {
  const r = reader as unknown as ReaderInternals
  const parseWorksheet = r._parseWorksheet.bind(r)
  const parseSharedStrings = r._parseSharedStrings.bind(r)
  r._parseWorksheet = function* (iterator, sheetNo) {
    const placeholder = r.model === undefined ? { sheets: [] } : null
    if (placeholder) r.model = placeholder
    try {
      yield* parseWorksheet(utf8Chunks(iterator), sheetNo)
    } finally {
      if (placeholder && r.model === placeholder) r.model = undefined
    }
  }
  r._parseSharedStrings = async function* (entry) {
    yield* parseSharedStrings(entry.pipe(new Utf8ChunkStream()))
  }
}

/** The name of worksheet file `sheetN.xml`, once the whole zip (workbook.xml included) has been read. */
export function sheetNameAfterRead(reader: object, sheetNo: string): string | undefined {
  const r = reader as unknown as ReaderInternals
  const rel = r.workbookRels?.find((x) => x.Target === `worksheets/sheet${sheetNo}.xml` || x.Target === `/xl/worksheets/sheet${sheetNo}.xml`)
  return rel && r.model?.sheets?.find((s) => s.rId === rel.Id)?.name
}
