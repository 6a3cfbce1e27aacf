import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { oldDemoDatabase } from './helpers/demo'
import { seedFixture } from './helpers/fixture'
import { runProcess, startProcess } from './helpers/process'
import { tempDir } from './helpers/temp'

const cwd = tempDir()

describe('npm run demo, driven through stdin', () => {
  it('answers each line through the real router and exits 0 at the end of input', async () => {
    const script = [
      '/帮助',
      '/村 进度',
      '/村 上报 团结乡红岩洞村 卫生室 完成',
      '/户 核查 没有这户',
      ':as 不存在的人',
      ':chat 全县',
      '/战区 进度',
      ':run overdue 2026-11-30',
      '/nonsense',
    ].join('\n')
    const r = await runProcess('src/demo.ts', {}, [], `${script}\n`, cwd)
    expect(r.code, r.stderr).toBe(0)
    const out = r.stdout
    expect(out).toContain('战区助手 · 终端演示')
    expect(out).toContain('命令一览')
    expect(out).toContain('团结乡红岩洞村 · 脱贫进度')
    expect(out).toMatch(/已记录 #\d+：红岩洞村 · 卫生室（一低五有）\n进度：已完成/)
    expect(out).toContain('没有找到户「没有这户」')
    expect(out).toContain('花名册里没有「不存在的人」')
    expect(out).toContain('已切换到 县指挥部群')
    expect(out).toContain('· 攻坚进度')
    expect(out).toMatch(/定时任务 overdue 2026-11-30 会发送 \d+ 条消息/)
    expect(out).toContain('没有找到命令「nonsense」')
    expect(out).not.toMatch(/\x1b\[/)   // piped: no colour codes
  }, 60_000)

  it('serves the battle map on a local port and prints its address; /作战图 in the direct chat links to it', async () => {
    const p = startProcess('src/demo.ts', { PORT: '0' }, [], cwd)
    try {
      await p.waitForOutput('试试：', 60_000)
      const home = /作战图网页：(http:\/\/127\.0\.0\.1:\d+)/.exec(p.stdout)![1]!
      p.child.stdin!.write(':chat 私聊\n/作战图\n')
      await p.waitForOutput('/map?token=')
      const link = /(http:\/\/\S+\/map\?token=\S+)/.exec(p.stdout)![1]!
      expect(link.startsWith(`${home}/map?token=`)).toBe(true)
      const page = await fetch(link, { redirect: 'manual' })
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('第四战区')
      p.child.stdin!.end()
      expect(await p.exited).toBe(0)
    } finally {
      p.child.kill()
    }
  }, 60_000)

  it('reuses the demo database on the next start', async () => {
    const r = await runProcess('src/demo.ts', {}, [], '/我\n', cwd)
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('使用已有的演示数据库')
    expect(r.stdout).toContain('角色：第一书记')
  }, 60_000)

  // The cases in between (a stamp, a digest, a half-made database, other files) are tests/demo-file.test.ts's.
  it('makes a data/demo.db an older version made again, saying so in one line', async () => {
    const older = tempDir()
    mkdirSync(join(older, 'data'))
    writeFileSync(join(older, 'data', 'demo.db'), oldDemoDatabase())
    const r = await runProcess('src/demo.ts', {}, [], '/我\n', older)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('./data/demo.db 是旧版本生成的演示数据，已删除并按当前版本重新生成（其中只有演示数据）。')
    expect(r.stdout).toContain('角色：第一书记')
  }, 60_000)

  it('refuses a data/demo.db that is not demo data: exit 1, what to do, the file as it was', async () => {
    const other = tempDir()
    const path = join(other, 'data', 'demo.db')
    seedFixture(path)
    const before = createHash('sha256').update(readFileSync(path)).digest('hex')
    const r = await runProcess('src/demo.ts', {}, [], '/我\n', other)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('./data/demo.db 是战区助手的数据库，但不是演示数据（没有演示标记）。演示不会改动它：请把它移走或改名')
    expect(r.stdout).toBe('')
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before)
  }, 60_000)
})
