import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync, statSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startBot, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { FIXTURE_NOW, PEOPLE } from './helpers/fixture'
import { runProcess, startProcess, type Started } from './helpers/process'
import { freePort, personalDataIn, seedReliabilityFixture, sleep, startProcessAs } from './helpers/reliability'
import { tempDbPath, tempDir } from './helpers/temp'
import { DatabaseCorruptError, openDatabase } from '../db/open'
import { createBot } from '../src/app'
import { loadConfig } from '../src/config'
import { createHouseholds } from '../db/repos/households'
import { DEFAULT_SETTINGS } from '../src/settings'

const sim = await startSim()
const dir = tempDir()
const botEnv = (dbPath: string, port: number) => ({
  LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook',
  LARK_ENCRYPT_KEY: ENCRYPT_KEY, LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
  PORT: String(port), DATABASE_PATH: dbPath, SCHEDULER: 'off', LOG_LEVEL: 'info',
})
const count = (dbPath: string, sql: string, ...params: unknown[]) => {
  const db = new Database(dbPath, { readonly: true })
  try {
    return db.prepare(sql).pluck().get(...params) as number
  } finally {
    db.close()
  }
}
let n = 0
const report = (i: number, tag: string) => sim.messageEvent({
  // A remark of its own per event: the same report sent twice within ten minutes is recorded once.
  text: `/村 上报 红岩洞村@团结乡 T001 ${(i % 14) + 1}/15 ${tag}第${i}条`, messageId: `om_${tag}_${++n}`, openId: PEOPLE.team1,
  chatId: `oc_${tag}_${i % 8}`, chatType: 'group', mentionBot: true,
})
const repliesTo = (prefix: string) => sim.messages.filter((m) => m.reply_to?.startsWith(prefix))

describe('start-up checks: a corrupt database is refused with instructions', () => {
  const start = (dbPath: string) => runProcess('src/main.ts', botEnv(dbPath, 0))

  it('refuses a file with damaged pages, a file that is not a database, and broken foreign keys', async () => {
    const damaged = tempDbPath(dir)
    seedReliabilityFixture(damaged)
    const size = statSync(damaged).size
    const fd = openSync(damaged, 'r+')
    // Overwrite the middle of every page after the first two (headers and schema stay readable).
    for (let page = 2; page * 4096 < size; page++) writeSync(fd, Buffer.alloc(600, 0xa5), 0, 600, page * 4096 + 1000)
    closeSync(fd)
    const notADb = tempDbPath(dir)
    writeFileSync(notADb, 'SQLite format 2\0'.padEnd(8192, 'x'))
    const dangling = tempDbPath(dir)
    seedReliabilityFixture(dangling)
    const raw = new Database(dangling)
    raw.pragma('foreign_keys = OFF')
    raw.exec(`INSERT INTO checks (record_id, household_code, income) VALUES (999999, 'H404', 1)`)
    raw.close()

    // Each is refused by the start-up's own check, before anything is served …
    for (const file of [damaged, notADb, dangling]) {
      let refusal: unknown = null
      try {
        createBot({ config: loadConfig(botEnv(file, 0)) })
      } catch (err) {
        refusal = err
      }
      expect(refusal, file).toBeInstanceOf(DatabaseCorruptError)
      expect((refusal as Error).message).toContain('已损坏')
      expect((refusal as Error).message).toContain('Restore')
    }
    // … and `npm start` says so and exits 1 (one file will do: every refusal leaves by the same path).
    const r = await start(damaged)
    expect(r.code, r.stderr).toBe(1)
    expect(r.stderr).toContain('已损坏')
    expect(r.stderr).toContain('Restore')
    expect(r.stderr).not.toMatch(/\n\s+at /)   // instructions, not a stack trace
  }, 60_000)
})

describe('disk full or read-only while running (in-process, SQLite limits on the bot\'s own connection)', () => {
  it('answers 503 without acknowledging, says why on /healthz, does not crash, and recovers by itself', async () => {
    const dbPath = tempDbPath(dir)
    seedReliabilityFixture(dbPath)
    const bot = await startBot(sim, { dbPath, clock: () => FIXTURE_NOW })
    const db = bot.bot.db
    const webhook = `${bot.url}/webhook/event`
    const health = async () => { const r = await fetch(`${bot.url}/healthz`); return { status: r.status, body: await r.json() as any } }
    expect((await health()).status).toBe(200)
    // max_page_count stands in for a full disk only while the file has no free pages to reuse (migrations
    // that drop an index leave some); a real full disk refuses even those, as every write appends to the WAL.
    db.exec('VACUUM')

    for (const [fault, heal, state] of [
      // "Disk full": the database may not grow by a single page (PRAGMA max_page_count).
      [() => db.pragma('max_page_count = 1'), () => db.pragma('max_page_count = 1073741823'), 'full'],
      // "Read-only": this connection refuses every write (PRAGMA query_only), as a read-only mount would.
      [() => db.pragma('query_only = ON'), () => db.pragma('query_only = OFF'), 'read-only'],
    ] as const) {
      fault()
      const h = await health()
      expect(h.status).toBe(503)
      expect(h.body).toMatchObject({ status: 'unavailable', database: state, sender: 'ok' })
      expect(h.body.action).toMatch(/磁盘|只读/)
      // A write that still fits may go through (then the event is acknowledged, and must be kept); one
      // that needs room is refused with 503, so Lark redelivers it later.
      const events = Array.from({ length: 40 }, (_, i) => report(i, `disk_${state}`))
      const statuses: number[] = []
      for (const e of events) statuses.push((await sim.postEvent(webhook, e)).status)
      expect(statuses.filter((s) => s !== 200 && s !== 503)).toEqual([])
      expect(statuses).toContain(503)
      await sleep(300)
      expect((await health()).status).toBe(503)                                          // still up, still saying why
      heal()
      expect((await health()).body).toMatchObject({ status: 'ok', database: 'ok' })
      // What was acknowledged is answered without any help from Lark (the bot retries unhandled rows) …
      const acked = events.filter((_, i) => statuses[i] === 200).map((e: any) => e.event.message.message_id as string)
      await sim.waitFor(() => acked.every((id) => sim.messages.some((m) => m.reply_to === id)), 15_000, `replies to what was acknowledged during ${state}`)
      // … and Lark's redelivery: what got no 200, and (harmlessly) what did.
      for (const e of events) expect((await sim.postEvent(webhook, e)).status).toBe(200)
      await sim.waitFor(() => repliesTo(`om_disk_${state}`).length >= events.length, 15_000, `replies after ${state}`)
      await sleep(300)
      expect(repliesTo(`om_disk_${state}`)).toHaveLength(events.length)
      for (const m of repliesTo(`om_disk_${state}`)) expect(m.content.text).toMatch(/^已记录 #\d+/)
      expect(count(dbPath, `SELECT COUNT(*) FROM records WHERE source_message_id LIKE ?`, `om_disk_${state}%`)).toBe(events.length)
    }
    expect(personalDataIn(bot.logs)).toEqual([])
  }, 60_000)
})

describe('start-up on a read-only disk', () => {
  it('says so when only the file is read-only and its schema is current (opening alone writes nothing)', async () => {
    if (process.getuid?.() !== 0) return   // needs to run the bot as another user
    const folder = join(dir, 'readonly-file')
    chmodSync(dir, 0o755)
    mkdirSync(folder, { mode: 0o777 })
    chmodSync(folder, 0o777)
    const dbPath = join(folder, 'zhanqu.db')
    seedReliabilityFixture(dbPath)
    const ran = openDatabase(dbPath)   // as after a first run: nothing is left for start-up to write
    createHouseholds(ran, DEFAULT_SETTINGS.incomeLines).syncIncomeLines()
    ran.close()
    chmodSync(dbPath, 0o444)
    const port = await freePort()
    const p = startProcessAs({ uid: 65534, gid: 65534 }, 'src/main.ts', botEnv(dbPath, port))
    const deadline = Date.now() + 20_000
    while (!p.out.stderr.includes('不能写入') && !p.out.stdout.includes('bot started') && Date.now() < deadline) await sleep(50)
    expect(p.out.stdout).not.toContain('bot started')
    expect(p.out.stderr).toContain('数据库文件不可写（只读）')
    p.child.kill('SIGKILL')
    await p.exited
  }, 30_000)


  it('stays up answering 503 with the reason (no crash loop), and starts by itself once the disk is writable', async () => {
    const folder = join(dir, 'readonly')
    mkdirSync(folder)
    const dbPath = join(folder, 'zhanqu.db')
    seedReliabilityFixture(dbPath)
    // Root ignores file modes: the bot runs as nobody when we are root.
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null
    chmodSync(dir, 0o755)
    chmodSync(folder, 0o555)
    chmodSync(dbPath, 0o444)
    const port = await freePort()
    const p = startProcessAs(asUser, 'src/main.ts', botEnv(dbPath, port))
    const deadline = Date.now() + 20_000
    while (!p.out.stderr.includes('不能写入') && Date.now() < deadline && p.child.exitCode === null) await sleep(50)
    expect(p.out.stderr).toContain('数据库文件不可写（只读）')
    let health = await fetch(`http://127.0.0.1:${port}/healthz`).then(async (r) => ({ status: r.status, body: await r.json() as any }), () => null)
    for (let i = 0; !health && i < 50; i++) {
      await sleep(100)
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(async (r) => ({ status: r.status, body: await r.json() as any }), () => null)
    }
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable', database: 'read-only' } })
    expect((await sim.postEvent(`http://127.0.0.1:${port}/webhook/event`, report(1, 'ro'))).status).toBe(503)
    await sleep(1500)
    expect(p.child.exitCode).toBeNull()      // no exit, so no restart loop
    chmodSync(folder, 0o777)
    chmodSync(dbPath, 0o666)
    const started = Date.now() + 20_000
    while (!p.out.stdout.includes('bot started') && Date.now() < started) await sleep(50)
    expect(p.out.stdout).toContain('bot started')
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200)
    const e = report(2, 'ro')
    expect((await sim.postEvent(`http://127.0.0.1:${port}/webhook/event`, e)).status).toBe(200)
    await sim.waitFor(() => repliesTo('om_ro').length >= 1, 10_000, 'a reply after recovery').catch((e) => { console.log(p.out.stdout, p.out.stderr); throw e })
    p.child.kill('SIGTERM')
    expect(await p.exited).toBe(0)
  }, 60_000)
})

describe('admin backup while the bot writes, and the README restore procedure', () => {
  it('backs up a consistent snapshot mid-stream; restoring it by the README gives a bot that works and loses nothing after', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const restore = /\*\*Restore\*\*:([^\n]*\n)+?(?=\n|- \*\*)/.exec(readme)?.[0] ?? ''
    // The steps this test performs are the ones the README gives.
    expect(readme).toMatch(/npm run admin -- backup/)
    for (const step of ['stop the bot', 'DATABASE_PATH', '-wal', '-shm', 'start the bot']) expect(restore).toContain(step)

    const dbPath = tempDbPath(dir)
    seedReliabilityFixture(dbPath)
    const port = await freePort()
    const url = `http://127.0.0.1:${port}/webhook/event`
    const env = botEnv(dbPath, port)
    let bot: Started = startProcess('src/main.ts', env)
    await bot.waitForOutput('bot started')

    // The bot writes (reports from 8 chats) while `admin backup` runs in another process.
    let writing = true
    let sent = 0
    const writer = (async () => {
      // 40 reports a second, about what Lark lets the bot answer in 8 chats (5 a second each).
      while (writing && sent < 400) {
        await Promise.all(Array.from({ length: 8 }, () => sim.postEvent(url, report(sent++, 'bk'))))
        await sleep(200)
      }
    })()
    await sleep(400)
    const backupFile = join(dir, 'backup.db')
    const backup = await runProcess('src/admin/cli.ts', { DATABASE_PATH: dbPath }, ['backup', backupFile])
    await sleep(200)
    writing = false
    await writer
    expect(backup.code, backup.stderr).toBe(0)
    expect(backup.stdout).toContain('完整性检查通过')
    // The copy is one moment of the database: every report has its reply queued with it, no more, no less.
    const copy = new Database(backupFile, { readonly: true })
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(copy.pragma('foreign_key_check')).toEqual([])
    const inCopy = copy.prepare(`SELECT COUNT(*) FROM records WHERE source_message_id LIKE 'om_bk_%'`).pluck().get() as number
    expect(copy.prepare(`SELECT COUNT(*) FROM reports r JOIN records c ON c.id = r.record_id WHERE c.source_message_id LIKE 'om_bk_%'`).pluck().get()).toBe(inCopy)
    expect(copy.prepare(`SELECT COUNT(*) FROM outbox WHERE reply_to LIKE 'om_bk_%'`).pluck().get()).toBe(inCopy)
    expect(copy.prepare(`SELECT COUNT(*) FROM inbox WHERE message_id LIKE 'om_bk_%' AND handled_at IS NOT NULL`).pluck().get()).toBe(inCopy)
    // Acknowledged a moment before the copy, handled after it: in the copy as accepted work, handled on restore.
    const acceptedInCopy = copy.prepare(`SELECT COUNT(*) FROM inbox WHERE message_id LIKE 'om_bk_%' AND handled_at IS NULL`).pluck().get() as number
    copy.close()
    await sim.waitFor(() => repliesTo('om_bk_').length === sent, 20_000, 'every reply before the restore')
    const live = count(dbPath, `SELECT COUNT(*) FROM records WHERE source_message_id LIKE 'om_bk_%'`)
    expect(inCopy).toBeGreaterThan(0)
    expect(inCopy).toBeLessThan(live)   // writes went on during and after the backup

    // README, Restore: stop the bot, copy the backup over DATABASE_PATH, delete -wal/-shm, start the bot.
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    copyFileSync(backupFile, dbPath)
    for (const suffix of ['-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true })
    bot = startProcess('src/main.ts', env)
    await bot.waitForOutput('bot started')
    const restored = () => count(dbPath, `SELECT COUNT(*) FROM records WHERE source_message_id LIKE 'om_bk_%'`)
    await sim.waitFor(() => restored() === inCopy + acceptedInCopy, 5000, 'the restored work handled')
    await sleep(200)
    expect(restored()).toBe(inCopy + acceptedInCopy)
    // New messages after the restore get their replies, although the restored outbox numbers its rows
    // from where the backup left off (the ids were used once already, within Lark's 1-hour uuid window).
    const after = Array.from({ length: 20 }, (_, i) => report(i, 'restored'))
    for (const e of after) expect((await sim.postEvent(url, e)).status).toBe(200)
    await sim.waitFor(() => repliesTo('om_restored').length === after.length, 15_000, 'replies after the restore')
    for (const m of repliesTo('om_restored')) expect(m.content.text).toMatch(/^已记录 #\d+/)
    bot.child.kill('SIGTERM')
    expect(await bot.exited).toBe(0)
    expect(existsSync(dbPath)).toBe(true)
  }, 90_000)
})
