import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { registryBook } from '../src/export/registry'
import { writeBook } from '../src/export/render'
import { changeText } from '../src/registry/changes'
import { seedDemo } from './helpers/demo'
import { importRegistry } from '../src/registry/import'
import { createRegistryRepo, registryStore } from '../db/repos/registry'
import { formatProblem } from '../src/registry/types'
import { freshDb } from './fixtures/registry'
import { runAdmin } from './helpers/admin'

const now = new Date('2018-06-15T04:00:00Z')

/** Seeds a demo county and exports its registry in the template's shape. */
async function exported(seed: number) {
  const { db, dir, path } = freshDb()
  seedDemo(db, { scale: 'demo', seed, now })
  const file = join(dir, `花名册-${seed}.xlsx`)
  await writeBook(registryBook(createRegistryRepo(db)).book, file)
  return { db, dir, path, file }
}

describe('registry export → import: the round trip changes nothing', () => {
  it.each([2018, 7, 42])('seed %i: the dry run of the exported registry says 0 changes', async (seed) => {
    const { db, file } = await exported(seed)
    const r = await importRegistry({ ...registryStore(db), now: () => now }, [file], { dryRun: true })
    expect(r.ok ? [] : r.problems.slice(0, 5).map(formatProblem)).toEqual([])
    if (!r.ok) return
    expect(r.changes.map(changeText)).toEqual([])
    const households = (db.prepare('SELECT count(*) FROM households').pluck().get() as number)
    expect(r.counts.households).toEqual({ added: 0, updated: 0, unchanged: households })
    expect(households).toBeGreaterThan(100)
  })

  it('an edited cell is the one change the dry run lists', async () => {
    const { db, dir, file } = await exported(2018)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    const ws = wb.getWorksheet('村')!
    const code = String(ws.getCell('A2').value)
    const before = db.prepare('SELECT name, households FROM villages WHERE code = ?').get(code) as { name: string; households: number }
    ws.getCell('F2').value = before.households + 1
    const edited = join(dir, 'edited.xlsx')
    await wb.xlsx.writeFile(edited)
    const r = await importRegistry({ ...registryStore(db), now: () => now }, [edited], { dryRun: true })
    expect(r.ok && r.changes.map(changeText)).toEqual([`村 ${code} ${before.name}：总户数 ${before.households} → ${before.households + 1}`])
  })

  it('through the CLI: export registry, then import --dry-run reports no change', async () => {
    const { db, dir, path } = await exported(2018)
    db.close()
    const out = join(dir, 'cli.xlsx')
    const exp = await runAdmin(['export', 'registry', out], { DATABASE_PATH: path })
    expect(exp.code).toBe(0)
    expect(exp.stdout).toMatch(/已导出 花名册（战区 \d+，乡镇 \d+，村 \d+，户 \d+，成员 \d+，任务 \d+）/)
    const imp = await runAdmin(['import', out, '--dry-run'], { DATABASE_PATH: path })
    expect(imp.code).toBe(0)
    expect(imp.stdout).toContain('导入不会带来任何变化')
    const check = openDatabase(path)
    expect(check.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get('registry.import')).toBe(0)
    check.close()
  })
})
