// Run as a child process (so its TZ is the one the test sets): imports each file given into its own fresh
// database on top of optional base files, and prints the stored registry of each as one JSON object.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { openDatabase } from '../../db/open'
import { importRegistry } from '../../src/registry/import'
import { registryStore } from '../../db/repos/registry'
import { formatProblem } from '../../src/registry/types'

const [base = '', ...files] = process.argv.slice(2)
const out: Record<string, unknown> = { tz: Intl.DateTimeFormat().resolvedOptions().timeZone }
for (const file of files) {
  const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'zhanqu-tz-')), 'db.sqlite'))
  const now = () => new Date('2018-06-15T04:00:00Z')
  if (base) await importRegistry({ ...registryStore(db), now }, base.split(','))
  const r = await importRegistry({ ...registryStore(db), now }, [file])
  out[basename(file)] = r.ok
    ? db.prepare('SELECT code, start_date AS startDate, due_date AS dueDate FROM tasks ORDER BY code').all()
    : r.problems.map(formatProblem)
  db.close()
}
process.stdout.write(JSON.stringify(out))
