import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { schemaText } from '../db/schema'

const root = new URL('..', import.meta.url).pathname

/** Every `.md` a source file, a migration or a doc names: the repository's own docs, so a reader can open them. */
function citedDocs(): { where: string; doc: string }[] {
  const out = execFileSync('git', ['grep', '-n', '-o', '-E', '[A-Za-z0-9_./-]+\\.md\\b', '--', 'src', 'commands', 'scheduler', 'db', 'tests', 'docs', 'README.md'], { cwd: root, encoding: 'utf8' })
  return out.trim().split('\n').filter(Boolean).map((line) => {
    const [file, lineNo, doc] = line.split(':') as [string, string, string]
    return { where: `${file}:${lineNo}`, doc }
  })
}

describe('docs', () => {
  it('the code cites only docs that are in the repository', () => {
    const missing = citedDocs().filter(({ where, doc }) => {
      if (!/[A-Za-z]\.md$/.test(doc)) return false   // `…md` in a comment, not a file name
      const file = where.split(':')[0]!
      // A doc links its neighbours by bare name; code names a path from the root, or relative to itself.
      const from = doc.startsWith('.') || file.startsWith('docs/') ? dirname(resolve(root, file)) : root
      return !existsSync(resolve(from, doc)) && !existsSync(resolve(root, doc))
    })
    expect(missing.map((m) => `${m.where} → ${m.doc}`)).toEqual([])
  })
})

describe('small rooms', () => {
  it('no source file is over 250 lines: a file that needs more is two ideas', () => {
    const files = execFileSync('git', ['ls-files', '--', 'src', 'commands', 'scheduler', 'db', 'deploy'], { cwd: root, encoding: 'utf8' })
      .split('\n').filter((f) => /\.(ts|mjs|js|sql)$/.test(f) && f !== 'db/schema.sql' && existsSync(`${root}${f}`))
    const long = files.map((f) => ({ f, lines: readFileSync(`${root}${f}`, 'utf8').split('\n').length - 1 })).filter((x) => x.lines > 250)
    expect(long.map((x) => `${x.f}: ${x.lines}`)).toEqual([])
  })
})

/** The lines of src/, commands/ and scheduler/ that match `pattern` (git grep -E), as `file:line: text`. */
const grepOutsideDb = (pattern: string): string[] => {
  try {
    return execFileSync('git', ['grep', '-n', '-E', pattern, '--', 'src', 'commands', 'scheduler'], { cwd: root, encoding: 'utf8' }).trim().split('\n')
  } catch {
    return []   // git grep exits 1 when nothing matches
  }
}

describe('SQL only in db/', () => {
  it('no statement is prepared, run or wrapped in a transaction outside db/', () => {
    // `job.prepare(ctx)` is a scheduled job's own step, not SQL.
    expect(grepOutsideDb('\\.(prepare|pragma|transaction)\\(|\\.exec\\([`\'"]').filter((l) => !/job\.prepare\(/.test(l))).toEqual([])
  })

  it('db/ imports from src/ only the pure domain rules of src/domain', () => {
    const out = execFileSync('git', ['grep', '-n', '-E', String.raw`from '(\.\./)+src/`, '--', 'db'], { cwd: root, encoding: 'utf8' }).trim().split('\n')
    expect(out.filter((l) => !/from '(\.\.\/)+src\/domain\//.test(l))).toEqual([])
  })

  it('db/schema.sql is the schema after every migration (run `npm run schema` after adding one)', () => {
    expect(readFileSync(`${root}db/schema.sql`, 'utf8')).toBe(schemaText())
  })
})
