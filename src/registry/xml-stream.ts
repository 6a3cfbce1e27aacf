import { StringDecoder } from 'node:string_decoder'
import { SaxesParser } from 'saxes'
import { XlsxFormatError } from './xlsx-zip'

export type Attrs = Record<string, string>

/** What a part reader listens to. Names are local (`x:row` → `row`): some generators prefix every tag. */
export interface XmlHandlers {
  open?(name: string, attrs: Attrs): void
  text?(text: string): void
  close?(name: string): void
}

/**
 * The longest stretch of a part without a `<`. A cell holds at most 32,767 characters, so a longer run is
 * not a spreadsheet: it is refused before the parser buffers it (its text or tag would otherwise grow with
 * the file, as in a shared-strings bomb).
 */
const MAX_RUN = 1 << 20

/**
 * Streams one XML part through saxes, a conforming parser: every part is scanned once, in linear time, and
 * a part that is not well-formed (an unclosed row, a tag cut off) is refused rather than read as far as it
 * looks plausible. Bytes are decoded with a StringDecoder, so a character split between chunks stays whole.
 * `what` names the part for the official (工作表「户」).
 */
export async function readXml(bytes: AsyncIterable<Buffer>, what: string, h: XmlHandlers): Promise<void> {
  const parser = new SaxesParser({ position: false })
  if (h.open) parser.on('opentag', (tag) => h.open!(localName(tag.name), tag.attributes as Attrs))
  if (h.close) parser.on('closetag', (tag) => h.close!(localName(tag.name)))
  if (h.text) {
    parser.on('text', h.text)
    parser.on('cdata', h.text)
  }
  const decoder = new StringDecoder('utf8')
  let run = 0 // characters since the last `<`
  const feed = (s: string) => {
    const first = s.indexOf('<')
    if (first === -1) run += s.length
    else {
      if (run + first > MAX_RUN) run += first
      else run = s.length - s.lastIndexOf('<') - 1
    }
    if (run > MAX_RUN) {
      throw new XlsxFormatError(`${what}中有一段超过 100 万个字符的内容（Excel 的单元格最多 32,767 个字符）：` +
        '文件已损坏或是恶意构造的，不导入')
    }
    parser.write(s)
  }
  try {
    for await (const chunk of bytes) feed(decoder.write(chunk))
    feed(decoder.end())
    parser.close()
  } catch (err) {
    if (err instanceof XlsxFormatError) throw err
    throw new XlsxFormatError(`${what}不是完整有效的 XML（${(err as Error).message}）：文件已损坏，或不是 Excel/WPS 保存的。` +
      '请在 Excel/WPS 中打开并另存为 .xlsx 后再导入')
  }
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1)

/** An attribute by its local name (`r:id` and `id` alike). */
export function attr(attrs: Attrs, local: string): string | undefined {
  if (local in attrs) return attrs[local]
  for (const [k, v] of Object.entries(attrs)) if (localName(k) === local) return v
  return undefined
}

export const isTrue = (v: string | undefined) => v === '1' || v === 'true'
