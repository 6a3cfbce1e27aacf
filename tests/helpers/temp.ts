import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** A fresh folder for this test file's SQLite files, removed afterwards. */
export function tempDir(prefix = 'zhanqu-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

let n = 0
export function tempDbPath(dir: string): string {
  return join(dir, `db-${process.pid}-${++n}.db`)
}
