import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../db/open'
import { runProcess, startProcess } from './helpers/process'
import { runAdmin } from './helpers/admin'
import { tempDbPath, tempDir } from './helpers/temp'
import { GOOD, tableCounts, withRows, writeCsvSet } from './fixtures/registry'
import { seedDemo } from './helpers/demo'

const dir = tempDir('zhanqu-admin-')
const admin = (dbPath: string, args: string[], env: Record<string, string> = {}) => runAdmin(args, { DATABASE_PATH: dbPath, ...env })
/** The entry point as npm starts it: its exit status and streams, for the cases about the process itself. */
const adminProcess = (dbPath: string, args: string[], env: Record<string, string> = {}) =>
  runProcess('src/admin/cli.ts', { DATABASE_PATH: dbPath, ...env }, args)

describe('admin CLI: usage and exit codes', () => {
  const db = tempDbPath(dir)

  it('no subcommand → usage on stderr, exit 2', async () => {
    const r = await adminProcess(db, [])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('用法：npm run admin -- <子命令>')
    for (const name of ['template', 'import', 'bind', 'stats', 'backup', 'demo-data']) expect(r.stderr).toContain(name)
  })

  it('--help and <subcommand> --help → exit 0', async () => {
    const all = await admin(db, ['--help'])
    expect(all.code).toBe(0)
    expect(all.stdout).toContain('demo-data')
    const one = await admin(db, ['import', '--help'])
    expect(one.code).toBe(0)
    expect(one.stdout).toContain('用法：npm run admin -- import <file> [<file>…] [--dry-run] [--report <file>] [--confirm-heads]')
    expect(one.stdout).toContain('--dry-run')
  })

  it('bad input → exit 2 with the problem and the usage line', async () => {
    const cases: [string[], string][] = [
      [['frobnicate'], '未知的子命令：frobnicate'],
      [['template'], '缺少参数（需要 1 个，收到 0 个）'],
      [['bind', 'oc_x'], '缺少参数（需要 2 个，收到 1 个）'],
      [['stats', 'extra'], '参数太多：extra'],
      [['import', 'a.csv', '--bogus'], '未知选项：--bogus'],
      [['import', 'a.csv', '--report', 'x.txt'], '--report 的文件应以 .csv 结尾：x.txt'],
      [['template', 'out.txt'], '输出文件应以 .xlsx 结尾：out.txt'],
      [['demo-data', '--scale', 'city'], '--scale 应为 demo 或 county，收到：city'],
    ]
    for (const [args, message] of cases) {
      const r = await admin(db, args)
      expect({ args, code: r.code }).toEqual({ args, code: 2 })
      expect(r.stderr).toContain(message)
    }
    expect((await admin(db, ['template'])).stderr).toContain('用法：npm run admin -- template <out.xlsx>')
  }, 30_000)

  it('an internal error → exit 1, one line, a stack only with LOG_LEVEL=debug', async () => {
    const bad = join(dir, 'not-a-db.db')
    writeFileSync(bad, 'this is not a database, just text that is long enough to look like a header'.repeat(20))
    const r = await adminProcess(bad, ['stats'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^内部错误：/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    const d = await admin(bad, ['stats'], { LOG_LEVEL: 'debug' })   // the same runCli decides, in-process
    expect(d.code).toBe(1)
    expect(d.stderr).toMatch(/\n\s+at /)
  })
})

describe('admin CLI: template and import', () => {
  it('template → import refuses its example rows; filled in (markers removed) it imports, and re-import changes nothing', async () => {
    const db = tempDbPath(dir)
    const file = join(dir, '模板.xlsx')
    expect((await admin(db, ['template', file])).code).toBe(0)
    const untouched = await admin(db, ['import', file])
    expect(untouched.code).toBe(2)
    expect(untouched.stdout).toContain('户 第 2 行：这是模板的示例行（内容以「示例」开头），请删除示例行后再导入')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(file)
    for (const ws of wb.worksheets) {
      const cell = ws.getCell('A2')
      if (typeof cell.value === 'string') cell.value = cell.value.replace(/^示例-/, '')
    }
    const filled = join(dir, '花名册.xlsx')
    await wb.xlsx.writeFile(filled)
    const first = await admin(db, ['import', filled])
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(/户\s+新增 1，更新 0，未变 0/)
    const again = await admin(db, ['import', filled])
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/户\s+新增 0，更新 0，未变 1/)
    expect(again.stdout).toContain('没有任何变化')
  })

  it('a file with one bad row → exit 2, every problem listed, nothing imported', async () => {
    const db = tempDbPath(dir)
    const files = writeCsvSet(join(dir, 'bad'), withRows({ 村: ['511922204209,谷仓村,511922204,贫困,,100,300,0'] }))
    const r = await admin(db, ['import', ...files])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('村 第 5 行 D 列「类别」："贫困" 不是有效类别（应为 已脱贫村/预脱贫村/贫困村/非贫困村）')
    expect(r.stderr).toContain('共 1 个问题，没有导入任何数据')
    const check = openDatabase(db)
    expect(Object.values(tableCounts(check))).toEqual([0, 0, 0, 0, 0, 0])
    check.close()
  })

  it('--dry-run reports what would change and writes nothing', async () => {
    const db = tempDbPath(dir)
    const files = writeCsvSet(join(dir, 'dry'), GOOD)
    const r = await admin(db, ['import', '--dry-run', ...files])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('试运行，没有写入任何数据')
    expect(r.stdout).toMatch(/成员\s+新增 4，更新 0，未变 0/)
    const check = openDatabase(db)
    expect(tableCounts(check).members).toBe(0)
    check.close()
  })
  it('--report writes every change; replacing a household head needs --confirm-heads (exit 2 without, nothing written)', async () => {
    const db = tempDbPath(dir)
    expect((await admin(db, ['import', ...writeCsvSet(join(dir, 'heads-base'), GOOD)])).code).toBe(0)
    const [file] = writeCsvSet(join(dir, 'heads'), { 户: [GOOD.户![0]!, GOOD.户![1]!.replace('王大明', '王小明'), GOOD.户![2]!] })
    const report = join(dir, 'heads', '改动.csv')
    const dry = await admin(db, ['import', file!, '--dry-run', '--report', report])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('  户 5119222042070001：户主姓名 王大明 → 王小明（户.csv 第 2 行）')
    expect(dry.stdout).toContain(`全部改动（1 处）已写入 ${report}`)
    expect(readFileSync(report, 'utf8')).toContain('户,5119222042070001,请核对,户主姓名,王大明,王小明,户.csv,2')
    const headName = () => {
      const check = openDatabase(db)
      try { return check.prepare(`SELECT head_name FROM households WHERE code = '5119222042070001'`).pluck().get() } finally { check.close() }
    }
    const refused = await admin(db, ['import', file!])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('核对无误后，加 --confirm-heads 重新导入')
    expect(headName()).toBe('王大明')
    expect((await admin(db, ['import', file!, '--confirm-heads'])).code).toBe(0)
    expect(headName()).toBe('王小明')
  })
})

describe('admin CLI: stats, bind, backup', () => {
  const db = tempDbPath(dir)
  const seeded = openDatabase(db)
  seedDemo(seeded, { scale: 'demo', seed: 2018, now: new Date('2018-06-15T04:00:00Z') })
  seeded.close()

  it('stats --json is one flat object of numbers with the contract keys', async () => {
    const r = await admin(db, ['stats', '--json'])
    expect(r.code).toBe(0)
    const stats = JSON.parse(r.stdout) as Record<string, unknown>
    for (const key of ['zones', 'townships', 'villages', 'households', 'members', 'tasks', 'reports', 'checks',
      'outbox_pending', 'outbox_sent', 'outbox_failed']) expect(typeof stats[key]).toBe('number')
    expect(stats.zones).toBe(5)
    expect(Object.values(stats).every((v) => typeof v === 'number')).toBe(true)
    const plain = await admin(db, ['stats'])
    expect(plain.stdout).toContain('驻村工作队人数不足的村')
    expect(plain.stdout).toContain('未关联飞书的任务责任人')
    expect(plain.stdout).not.toMatch(/1[3-9]\d{9}/) // phones only masked
  })

  it('stats counts reports and checks that are not withdrawn, and says how many records were', async () => {
    const own = tempDbPath(dir)
    const d = openDatabase(own)
    seedDemo(d, { scale: 'demo', seed: 7, now: new Date('2018-06-15T04:00:00Z') })
    const count = (sql: string) => d.prepare(sql).pluck().get() as number
    const [reports, checks] = [count(`SELECT COUNT(*) FROM reports`), count(`SELECT COUNT(*) FROM checks`)]
    d.prepare(`UPDATE records SET withdrawn_at = 1, withdrawn_by = 'ou_test' WHERE id IN ((SELECT MIN(record_id) FROM reports), (SELECT MIN(record_id) FROM checks))`).run()
    d.close()
    const stats = JSON.parse((await admin(own, ['stats', '--json'])).stdout) as Record<string, number>
    expect(stats).toMatchObject({ reports: reports - 1, checks: checks - 1, records_withdrawn: 2 })
    expect((await admin(own, ['stats'])).stdout).toContain(`入户核查 ${(checks - 1).toLocaleString('en-US')}（不含已撤销的 2 条记录）`)
  })

  it('bind, rebind (says what changed), unknown zone → exit 2; each change is audited', async () => {
    const a = await admin(db, ['bind', 'oc_test1', '第一战区'])
    expect(a.code).toBe(0)
    expect(a.stdout).toContain('已绑定：群 oc_test1 → 第一战区')
    const b = await admin(db, ['bind', 'oc_test1', '全县'])
    expect(b.stdout).toContain('已改绑：群 oc_test1 从 第一战区 改为 全县（县指挥部）')
    const c = await admin(db, ['bind', 'oc_test1', '全县'])
    expect(c.stdout).toContain('未变')
    const d = await admin(db, ['bind', 'oc_test1', '第九战区'])
    expect(d.code).toBe(2)
    expect(d.stderr).toContain('现有战区：第一战区、第二战区、第三战区、第四战区、第五战区')
    const check = new Database(db, { readonly: true })
    expect(check.prepare(`SELECT zone_id FROM chat_bindings WHERE chat_id = 'oc_test1'`).pluck().get()).toBeNull()
    const audit = check.prepare(`SELECT actor, action, target FROM audit_log WHERE action = 'chat.bind'`).all()
    expect(audit).toEqual([
      { actor: 'admin-cli', action: 'chat.bind', target: 'oc_test1' },
      { actor: 'admin-cli', action: 'chat.bind', target: 'oc_test1' },
    ])
    check.close()
  })

  it('backup gives a consistent copy while another connection keeps writing', async () => {
    const out = join(dir, 'backup.db')
    const writer = openDatabase(db)
    const insert = writer.prepare(`INSERT INTO audit_log (at, actor, action) VALUES (?, 'test', 'write-during-backup')`)
    let writes = 0
    const timer = setInterval(() => { for (let i = 0; i < 20; i++) insert.run(Date.now()); writes += 20 }, 2)
    const p = startProcess('src/admin/cli.ts', { DATABASE_PATH: db }, ['backup', out])
    p.child.stdin!.end()
    const code = await p.exited
    clearInterval(timer)
    expect({ code, stderr: p.stderr }).toEqual({ code: 0, stderr: '' })
    expect(p.stdout).toContain('完整性检查通过')
    expect(writes).toBeGreaterThan(0)
    const copy = new Database(out, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.prepare('SELECT count(*) FROM households').pluck().get())
      .toBe(writer.prepare('SELECT count(*) FROM households').pluck().get())
    const copied = copy.prepare(`SELECT count(*) FROM audit_log WHERE action = 'write-during-backup'`).pluck().get() as number
    expect(copied).toBeLessThanOrEqual(writes)
    copy.close()
    writer.close()
    const again = await admin(db, ['backup', out])
    expect(again.code).toBe(2)
    expect(again.stderr).toContain('文件已存在，不会覆盖')
  })

  it('demo-data writes the demo county with the last three months\' rankings, claimed as the scheduler would', async () => {
    const db = tempDbPath(dir)
    const r = await admin(db, ['demo-data'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/已发布的考核排名 \d{4}-\d{2}、/)
    const check = new Database(db, { readonly: true })
    const periods = check.prepare(`SELECT period FROM rankings WHERE kind = 'month'`).pluck().all()
    const claims = check.prepare(`SELECT count(*) FROM job_runs WHERE job = 'ranking'`).pluck().get()
    check.close()
    expect(periods).toHaveLength(3)
    expect(claims).toBeGreaterThanOrEqual(3)   // as the scheduler's runs: a bot started on it does not publish them again
  })

  it('demo-data refuses a database with real (imported) data', async () => {
    const real = tempDbPath(dir)
    expect((await admin(real, ['import', ...writeCsvSet(join(dir, 'real'), GOOD)])).code).toBe(0)
    const r = await admin(real, ['demo-data'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('数据库里已有正式导入的战区/乡镇数据')
  })
})
