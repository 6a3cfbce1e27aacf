// A byte-exact multipart/form-data parser. Web `Request.formData()` is not enough: the SDK (axios +
// form-data) sends a Buffer `file` as a part WITHOUT a filename, which Request.formData() turns into a
// UTF-8 string and so corrupts binary content (xlsx, pdf).

export interface Part {
  name: string
  /** undefined when the part's Content-Disposition has no filename (what a Buffer upload produces). */
  filename?: string
  contentType?: string
  data: Buffer
}

export function parseMultipart(contentType: string, body: Buffer): Part[] | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType)
  const boundary = m?.[1] ?? m?.[2]
  if (!boundary) return null
  const delim = Buffer.from(`--${boundary}`)
  const parts: Part[] = []
  let pos = body.indexOf(delim)
  if (pos < 0) return null
  for (;;) {
    pos += delim.length
    // "--" right after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts
    pos += 2 // CRLF after the delimiter
    const headEnd = body.indexOf('\r\n\r\n', pos)
    if (headEnd < 0) return null
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headEnd + 4)
    if (next < 0) return null
    const head = body.subarray(pos, headEnd).toString('utf8')
    const disp = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1]
    const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1]
    const ctype = /content-type:\s*([^\r\n]*)/i.exec(head)?.[1]
    if (name !== undefined) {
      parts.push({ name, filename, contentType: ctype, data: Buffer.from(body.subarray(headEnd + 4, next)) })
    }
    pos = next + 2 // now at the next delimiter
  }
}
