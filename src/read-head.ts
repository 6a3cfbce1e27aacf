import { closeSync, openSync, readSync } from 'node:fs'

/** The first `bytes` bytes of a file, zeros past its end: what a file is, told by its content. */
export function readHead(path: string, bytes: number): Buffer {
  const head = Buffer.alloc(bytes)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, bytes, 0)
    return head
  } finally {
    closeSync(fd)
  }
}
