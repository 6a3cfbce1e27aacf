import { describe, expect, it } from 'vitest'
import { runAdmin } from './helpers/admin'
import { seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { startSim } from './helpers/bot'

const dbPath = tempDbPath(tempDir())
seedFixture(dbPath)
const sim = await startSim()
const admin = (args: string[], env: Record<string, string> = {}) => runAdmin(args, { DATABASE_PATH: dbPath, ...env })

describe('npm run admin -- run', () => {
  it('refuses unknown jobs and bad dates with exit 2', async () => {
    const r = await admin(['run', 'coffee', '--date', '2018-02-30'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('没有任务「coffee」')
    expect(r.stderr).toContain('--date「2018-02-30」不是有效日期')
  })

  it('shows the digests with --dry-run and records nothing', async () => {
    expect((await admin(['bind', 'oc_zone1', '第一战区'])).code).toBe(0)
    const dry = await admin(['run', 'overdue', '--date', '2018-06-15', '--dry-run'])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain('试运行，未记录、未发送')
    expect(dry.stdout).toContain('第一战区 · 逾期提醒 2018-06-15')
    expect(dry.stdout).toContain('T004')
    const again = await admin(['run', 'overdue', '--date', '2018-06-15', '--dry-run'])
    expect(again.stdout).toContain('试运行')
  })

  it('sends through Lark when credentials are set, and nothing the second time', async () => {
    const env = { LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url }
    const r = await admin(['run', 'overdue', '--date', '2018-06-15'], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('已生成 4 条消息')   // the zone's digest, and each linked owner's own (T002, T003, T004)
    expect(r.stdout).toContain('已发送')
    expect(sim.messages.filter((m) => m.chat_id === 'oc_zone1')).toHaveLength(1)
    expect(sim.messages.filter((m) => m.receive_id_type === 'open_id').map((m) => m.receive_id).sort()).toEqual(['ou_cadre', 'ou_team1', 'ou_team3'])
    const second = await admin(['run', 'overdue', '--date', '2018-06-15'], env)
    expect(second.stdout).toContain('已经运行过')
    expect(sim.messages.filter((m) => m.chat_id === 'oc_zone1')).toHaveLength(1)
  })

  it('queues for the running bot when there are no credentials', async () => {
    const r = await admin(['run', 'overdue', '--date', '2018-06-18'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('已加入发送队列')
    const stats = JSON.parse((await admin(['stats', '--json'])).stdout)
    expect(stats.outbox_pending).toBe(4)
  })

  it('runs as of 09:00 on --date in TIMEZONE, not at a fixed +08:00', async () => {
    // 09:00 +08:00 on 1 June is still 31 May in Honolulu (UTC−10): the month would not have begun.
    const r = await admin(['run', 'monthly-review', '--date', '2018-06-01', '--dry-run'], { TIMEZONE: 'Pacific/Honolulu' })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('monthly-review 2018-06（试运行')
  })

  it('sends a run as of a future day now, not on that day', async () => {
    const env = { LARK_APP_ID: sim.appId, LARK_APP_SECRET: 'secret', LARK_DOMAIN: sim.url }
    const started = Date.now()
    const r = await admin(['run', 'overdue', '--date', '2030-06-17'], env)
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toContain('已发送')
    const digest = sim.messages.find((m) => m.chat_id === 'oc_zone1' && JSON.stringify(m.content).includes('逾期提醒 2030-06-17'))
    expect(digest).toBeDefined()
    expect(digest!.at - started).toBeLessThan(15_000)
  })

  it('binds by the same zone-naming rule as /绑定 in chat, one chat per zone', async () => {
    expect((await admin(['bind', 'oc_short_name', '第二'])).stdout).toContain('→ 第二战区')
    const moved = await admin(['bind', 'oc_new_zone2', '第二战区'])
    expect(moved.stdout).toContain('已绑定：群 oc_new_zone2 → 第二战区')
    expect(moved.stdout).toContain('群 oc_short_name 原来绑定 第二战区，已解除')
  })
})
