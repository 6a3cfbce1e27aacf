import { chmodSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ENCRYPT_KEY, startSim, VERIFICATION_TOKEN } from './helpers/bot'
import { freePort, seedReliabilityFixture, sleep, startProcessAs } from './helpers/reliability'
import { tempDir } from './helpers/temp'

/**
 * A database the bot may not write, wherever the reason lies — the file, its folder, a folder it cannot
 * make — is reported as read-only with what to do: by `npm start` (which stays up and tries again, see
 * tests/reliability-db.test.ts) and by the admin CLI (exit 1), never as a stack trace or an "internal error".
 */
const sim = await startSim()
const dir = tempDir()
chmodSync(dir, 0o755)
// Root ignores file modes: the processes run as nobody when we are root.
const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null
const locked = join(dir, 'locked')   // a folder nobody may write, holding a database nobody may write
mkdirSync(locked)
seedReliabilityFixture(join(locked, 'zhanqu.db'))
chmodSync(join(locked, 'zhanqu.db'), 0o444)
chmodSync(locked, 0o555)
const READ_ONLY = '数据库文件不可写（只读）'
const STACK = /\n\s+at /

describe('a read-only database at start-up', () => {
  it('npm start says read-only, without a stack, when the folder cannot be made or the file cannot be created', async () => {
    const paths = { 'a folder it cannot make': join(locked, 'sub', 'zhanqu.db'), 'a file it cannot create': join(locked, 'new.db') }
    const bots = await Promise.all(Object.values(paths).map(async (dbPath) => startProcessAs(asUser, 'src/main.ts', {
      LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url, LARK_MODE: 'webhook', LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN, PORT: String(await freePort()), DATABASE_PATH: dbPath, SCHEDULER: 'off',
    })))
    const deadline = Date.now() + 45_000
    while (bots.some((b) => !b.out.stderr.includes('不能写入') && b.child.exitCode === null) && Date.now() < deadline) await sleep(50)
    const said = Object.fromEntries(Object.keys(paths).map((k, i) => [k, { readOnly: bots[i]!.out.stderr.includes(READ_ONLY), stack: STACK.test(bots[i]!.out.stderr), running: bots[i]!.child.exitCode === null }]))
    for (const b of bots) b.child.kill('SIGKILL')
    await Promise.all(bots.map((b) => b.exited))
    expect(said).toEqual({
      'a folder it cannot make': { readOnly: true, stack: false, running: true },
      'a file it cannot create': { readOnly: true, stack: false, running: true },
    })
  }, 60_000)

  it('the admin CLI says read-only with what to do, exit 1, for a command that writes and for one that cannot open', async () => {
    const cli = (dbPath: string, ...args: string[]) => {
      const p = startProcessAs(asUser, 'src/admin/cli.ts', { DATABASE_PATH: dbPath }, args)
      return p.exited.then((code) => ({ code, stderr: p.out.stderr.trim() }))
    }
    const [writes, cannotOpen] = await Promise.all([cli(join(locked, 'zhanqu.db'), 'bind', 'oc_ro', '全县'), cli(join(locked, 'sub', 'zhanqu.db'), 'stats')])
    for (const r of [writes, cannotOpen]) {
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(READ_ONLY)
      expect(r.stderr).toContain('检查文件及所在目录的权限')
      expect(r.stderr).not.toContain('内部错误')
      expect(r.stderr).not.toMatch(STACK)
    }
  }, 60_000)
})
