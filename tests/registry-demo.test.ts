import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { validateIdNumber } from '../src/privacy/id-number'
import { generateDemoCounty } from '../src/demo/generator'
import { isGuideTask } from '../src/demo/guide'
import { hasRealRegistry, registryStep, writeDemo } from '../src/demo/steps'
import { testDeps } from './helpers/demo'
import type { DemoStep } from '../src/demo/types'
import { importRegistry } from '../src/registry/import'
import { registryStore } from '../db/repos/registry'
import { requiredTeamSize } from '../src/registry/team'
import { TASK_CATEGORIES, TASK_LISTS, VILLAGE_CATEGORIES } from '../src/registry/sheets'
import { formatProblem } from '../src/registry/types'
import { writeRegistryCsv } from '../src/registry/write-sheets'
import { freshDb, tableCounts } from './fixtures/registry'

const now = new Date('2018-06-15T04:00:00Z') // 2018-06-15 in Asia/Shanghai
const demo = generateDemoCounty({ scale: 'demo', seed: 2018, now })

describe('demo data: determinism', () => {
  it('the same seed and date give the same rows; another seed does not', () => {
    expect(generateDemoCounty({ scale: 'demo', seed: 2018, now })).toEqual(demo)
    expect(generateDemoCounty({ scale: 'demo', seed: 7, now })).not.toEqual(demo)
  })
})

describe('demo data: the demo scale', () => {
  it('has 5 zones with commanders, real townships and village names, the category mix', () => {
    expect(demo.zones.map((z) => z.name)).toEqual(['第一战区', '第二战区', '第三战区', '第四战区', '第五战区'])
    for (const z of demo.zones) {
      expect(demo.members).toContainEqual(expect.objectContaining({ role: '指挥长', zoneName: z.name, phone: z.commanderPhone }))
    }
    expect(demo.townships.map((t) => `${t.code}${t.name}`)).toContain('511922204团结乡')
    expect(demo.villages.filter((v) => v.townshipCode === '511922204').map((v) => v.name))
      .toEqual(['周山村', '亭子村', '谷仓村', '回龙村', '安山村', '筒车村', '红岩洞村', '梭坡村', '罗沟村', '井田村'])
    expect(demo.villages.length).toBeGreaterThanOrEqual(20)
    expect(demo.villages.length).toBeLessThanOrEqual(40)
    expect(new Set(demo.villages.map((v) => v.category))).toEqual(new Set(VILLAGE_CATEGORIES))
    for (const v of demo.villages) {
      const n = demo.households.filter((h) => h.villageCode === v.code).length
      expect(n).toBeGreaterThanOrEqual(15)
      expect(n).toBeLessThanOrEqual(40)
    }
  })

  it('people are made up but valid: ID check digits, unique member phones', () => {
    for (const h of demo.households) if (h.idNumber) expect(validateIdNumber(h.idNumber).ok).toBe(true)
    expect(new Set(demo.households.map((h) => h.idNumber)).size).toBe(demo.households.length)
    expect(new Set(demo.members.map((m) => m.phone)).size).toBe(demo.members.length)
    for (const m of demo.members) expect(m.phone).toMatch(/^1[3-9]\d{9}$/)
    for (const role of ['县领导', '督查', '管理员', '乡镇干部', '第一书记', '队长', '队员']) {
      expect(demo.members.some((m) => m.role === role)).toBe(true)
    }
  })

  it('most work teams meet their minimum, a few do not', () => {
    const short = demo.villages.filter((v) =>
      demo.members.filter((m) => m.villageCode === v.code && ['第一书记', '队长', '队员'].includes(m.role)).length < requiredTeamSize(v))
    expect(short.length).toBeGreaterThan(0)
    expect(short.length).toBeLessThan(demo.villages.length / 4)
  })

  it('tasks cover every category and list, dated around today, some overdue, some not started', () => {
    expect(new Set(demo.tasks.map((t) => t.category))).toEqual(new Set(TASK_CATEGORIES))
    expect(new Set(demo.tasks.map((t) => t.list))).toEqual(new Set(TASK_LISTS))
    expect(demo.tasks.some((t) => t.dueDate < '2018-06-15')).toBe(true)
    expect(demo.tasks.some((t) => t.startDate! > '2018-06-15')).toBe(true)
    expect(demo.tasks.some((t) => t.startDate! <= '2018-06-15' && t.dueDate >= '2018-06-15')).toBe(true)
    for (const t of demo.tasks) expect(t.dueDate >= t.startDate!).toBe(true)
  })

  it('holds the names README.md uses: 红岩洞村\'s 队长 何伟 (not yet linked), three households, tasks T001–T005', () => {
    const code = '511922204207'
    expect(demo.villages.find((v) => v.code === code)?.name).toBe('红岩洞村')
    const team = demo.members.filter((m) => m.villageCode === code)
    expect(demo.members.filter((m) => m.name === '何伟')).toEqual([expect.objectContaining({ role: '队长', villageCode: code, phone: '13812345678', openId: null })])
    const own = demo.households.filter((h) => h.villageCode === code)
    expect(own.slice(0, 3).map((h) => [h.code, h.headName, h.status])).toEqual([
      [`${code}0001`, '何桂英', '当年脱贫'], [`${code}0002`, '李明', '未脱贫'], [`${code}0003`, '周大', '非贫困户'],
    ])
    for (const name of ['何桂英', '李明', '周大']) expect(own.filter((h) => h.headName === name)).toHaveLength(1)
    const tasks = demo.tasks.filter((t) => t.villageCode === code)
    expect(tasks.map((t) => `${t.code} ${t.title} ${t.target} ${t.measure}`)).toEqual([
      'T001 通村道路硬化 15 公里', 'T002 危房改造 8 户', 'T003 饮水工程 3 处', 'T004 院坝会 6 次', 'T005 残疾人帮扶 12 人',
    ])
    for (const t of tasks) expect(team.map((m) => m.phone)).toContain(t.ownerPhone)
    expect(new Set(demo.tasks.map((t) => t.code)).size).toBe(demo.tasks.length)
  })

  it('passes the import validation unchanged (written as CSV, then imported)', async () => {
    const { db, dir } = freshDb()
    const files = writeRegistryCsv(join(dir, 'demo'), demo)
    const r = await importRegistry({ ...registryStore(db), now: () => now }, files)
    expect(r.ok ? [] : r.problems.slice(0, 5).map(formatProblem)).toEqual([])
    expect(tableCounts(db)).toEqual({
      zones: 5, townships: demo.townships.length, villages: demo.villages.length, households: demo.households.length,
      members: demo.members.length, tasks: demo.tasks.length,
    })
  })

  it('writes through the upsert, marks the database, and runs extra steps in the same transaction', () => {
    const { db } = freshDb()
    const seen: string[] = []
    const extra: DemoStep = { name: 'probe', run: ({ rows, seed }) => { seen.push(`${rows.villages.length}/${seed}`); return 'probe' } }
    const deps = testDeps(db)
    const lines = writeDemo(deps, { scale: 'demo', seed: 2018, now, steps: [registryStep, extra] })
    expect(lines).toHaveLength(2)
    expect(seen).toEqual([`${demo.villages.length}/2018`])
    expect(tableCounts(db).households).toBe(demo.households.length)
    expect(hasRealRegistry(deps)).toBe(false) // demo data may be re-seeded
  })
})

describe('demo data: the county scale', () => {
  it('has the benchmark county\'s shape and writes all of it', () => {
    const county = generateDemoCounty({ scale: 'county', seed: 2018, now })
    expect(county.zones).toHaveLength(5)
    expect(county.townships).toHaveLength(48)
    expect(county.townships.filter((s) => s.kind === '镇')).toHaveLength(27)
    expect(county.villages).toHaveLength(516)
    expect(county.households).toHaveLength(200_000)
    const mix = Object.fromEntries(VILLAGE_CATEGORIES.map((c) => [c, county.villages.filter((v) => v.category === c).length]))
    expect(mix).toEqual({ 已脱贫村: 92, 预脱贫村: 45, 贫困村: 19, 非贫困村: 360 })
    expect(county.tasks.length).toBeGreaterThan(4500)
    expect(county.tasks.length).toBeLessThan(5500)
    expect(county.villages.reduce((n, v) => n + v.households, 0)).toBe(200_000)
    expect(county.tasks.filter((t) => isGuideTask(t.code))).toEqual([])   // README's names are the demo scale's only
    expect(county.members.filter((m) => m.name === '何伟')).toEqual([])
    // Writing it (200,000 households through the import's upsert) is `npm run bench`'s to run and time.
  })
})
