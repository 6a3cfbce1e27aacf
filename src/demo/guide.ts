import type { DemoScale, DemoStep } from './types'
import type { RegistryRows, TaskRow, VillageRow } from '../../db/repos/registry-rows'
import { addDays, localDate } from '../domain/dates'
import { expectedProgress } from '../domain/lights'
import { FIVE_ITEMS } from '../domain/standards'
import type { NewRecord } from '../../db/repos/records'

/**
 * The names README.md and the commands' examples use, made real in the demo county (demo scale only), so
 * that a newcomer's first commands work as written: 团结乡红岩洞村's 队长 何伟 (not yet linked: `/认证 何伟
 * 5678`), three of its households and its tasks T001–T005 with a known history; and villages that meet
 * 一低五有, so the battle map is not all red. Dates are relative to the day the demo is generated.
 */
const SHOWCASE = { township: '团结乡', village: '红岩洞村' } as const

const LEADER = { name: '何伟', phone: '13812345678' }

/** A team member of another village of the township, whom `/抽查 指派 1 钱进` assigns to re-verify. */
const ASSIGNEE = '钱进'

const HOUSEHOLDS = [
  { headName: '何桂英', size: 4, attribute: '一般贫困户', status: '当年脱贫' },
  { headName: '李明', size: 3, attribute: '低保贫困户', status: '未脱贫' },
  { headName: '周大', size: 2, attribute: null, status: '非贫困户' },
] as const

interface GuideTask {
  row: Omit<TaskRow, 'villageCode' | 'townshipCode' | 'ownerPhone' | 'startDate' | 'dueDate'>
  owner: '第一书记' | '队长'
  /** Start and deadline, in days from the day the demo is generated. */
  start: number
  due: number
  /** Reports: [days from that day, share of the target]. */
  reports: readonly (readonly [number, number])[]
  /** A `/任务 完成` this many days ago. */
  completed?: number
}

// T001 under way (`/村 上报 红岩洞村 通村道路硬化 12/15`), T002 done (`/任务 重开 T002 …`), T003 and T004
// open (`/任务 完成 T003 已验收`), T005 overdue (so the village's card and /逾期 have something to show).
const TASKS: readonly GuideTask[] = [
  { row: { code: 'T001', list: '行业投入', category: '基础设施', title: '通村道路硬化', unit: '县交通运输局', target: 15, measure: '公里' },
    owner: '队长', start: -75, due: 60, reports: [[-52, 0.2], [-27, 0.4], [-6, 0.6]] },
  { row: { code: 'T002', list: '村社责任', category: '安全住房', title: '危房改造', unit: '团结乡人民政府', target: 8, measure: '户' },
    owner: '第一书记', start: -150, due: -20, reports: [[-110, 0.25], [-70, 0.75]], completed: -26 },
  { row: { code: 'T003', list: '行业投入', category: '基础设施', title: '饮水工程', unit: '县水务局', target: 3, measure: '处' },
    owner: '队长', start: -40, due: 50, reports: [[-25, 1 / 3], [-5, 2 / 3]] },
  { row: { code: 'T004', list: '村社责任', category: '群众工作', title: '院坝会', unit: '团结乡人民政府', target: 6, measure: '次' },
    owner: '第一书记', start: -60, due: 20, reports: [[-33, 1 / 3], [-4, 2 / 3]] },
  { row: { code: 'T005', list: '部门帮扶', category: '特殊群体帮扶', title: '残疾人帮扶', unit: '县残联', target: 12, measure: '人' },
    owner: '队长', start: -120, due: -25, reports: [[-90, 0.25], [-47, 0.5]] },
]

export const isGuideTask = (code: string) => TASKS.some((t) => t.row.code === code)

/** 团结乡红岩洞村, where the README's examples happen. */
export function showcaseVillage(rows: Pick<RegistryRows, 'townships' | 'villages'>): VillageRow | undefined {
  const township = rows.townships.find((t) => t.name === SHOWCASE.township)
  return rows.villages.find((v) => v.townshipCode === township?.code && v.name === SHOWCASE.village)
}

/** Puts the guide's people, households and tasks into the generated rows (demo scale). */
export function addGuideRows(rows: RegistryRows, today: string, year: number) {
  const village = showcaseVillage(rows)
  if (!village) return
  const team = rows.members.filter((m) => m.villageCode === village.code)
  const leader = team.find((m) => m.role === '队长')!
  for (const h of rows.households) if (h.helper === leader.name) h.helper = LEADER.name
  Object.assign(leader, { ...LEADER, openId: null })
  const neighbour = rows.villages.find((v) => v.townshipCode === village.townshipCode && v.code !== village.code)
  const assignee = rows.members.find((m) => m.villageCode === neighbour?.code && m.role === '队员')
  if (assignee) assignee.name = ASSIGNEE
  const own = rows.households.filter((h) => h.villageCode === village.code)
  HOUSEHOLDS.forEach((g, i) => Object.assign(own[i]!, g, { exitYear: g.status === '当年脱贫' ? year : null }))

  const phoneOf = { 第一书记: team.find((m) => m.role === '第一书记')!.phone, 队长: LEADER.phone }
  const guide: TaskRow[] = TASKS.map((t) => ({
    ...t.row, villageCode: village.code, townshipCode: null, ownerPhone: phoneOf[t.owner],
    startDate: addDays(today, t.start), dueDate: addDays(today, t.due),
  }))
  const at = rows.tasks.findIndex((t) => t.villageCode === village.code)
  const others = rows.tasks.filter((t) => t.villageCode !== village.code)
  others.splice(at < 0 ? others.length : at, 0, ...guide)
  rows.tasks = others
}

/** Villages that meet 一低五有 in the demo: every 已脱贫村. Their item history is the guide's, not random. */
export const isModelVillage = (v: VillageRow, scale: DemoScale) => scale === 'demo' && v.category === '已脱贫村'

/** 何桂英's household was last checked this many days before the demo's day, every item met. */
const CHECKED_DAYS_AGO = 20
const ALL_MET = { housing: true, water: true, power: true, tv: true, education: true, medical: true }

/** How long ago the model villages reached 一低五有, so the last published rankings count them. */
const MET_DAYS_AGO = 40

/**
 * The guide tasks' history, and the model villages': their five items reported done, their tasks named
 * after an item or past their deadline done, and their other started tasks on schedule today (dated
 * today, after the generic history, so that report is the latest).
 */
export const guideStep: DemoStep = {
  name: 'guide',
  run: ({ deps, rows, scale, now }) => {
    if (scale !== 'demo') return ''
    const village = showcaseVillage(rows)
    if (!village) return ''
    const today = localDate(now)
    const { records } = deps
    const authorOf = new Map<string, string>()
    for (const m of rows.members) if (m.villageCode && m.openId && !authorOf.has(m.villageCode)) authorOf.set(m.villageCode, m.openId)
    const base = (v: VillageRow, day: string): NewRecord => ({
      kind: 'report', townshipCode: v.townshipCode, villageCode: v.code, authorOpenId: authorOf.get(v.code) ?? 'demo-data',
      authorMemberId: null, createdAt: new Date(`${day}T10:00:00+08:00`).getTime(), visitedOn: day, sourceMessageId: null, note: null,
    })
    const report = (v: VillageRow, day: string, p: { taskCode?: string; item?: string; ratio: number | null; amount?: number }) => {
      const done = p.ratio === 1
      const input = p.amount !== undefined ? `${p.amount}元` : done ? '已完成' : `${Math.round(p.ratio! * 100)}%`
      records.addReport(base(v, day), { taskCode: p.taskCode ?? null, item: p.item ?? null, input, ratio: p.ratio, amount: p.amount ?? null, done })
    }

    for (const t of TASKS) {
      for (const [days, ratio] of t.reports) report(village, addDays(today, days), { taskCode: t.row.code, ratio })
      if (t.completed !== undefined) records.addCompletion({ ...base(village, addDays(today, t.completed)), kind: 'completion' }, t.row.code)
    }
    // 何桂英's household: a known latest check, so the /复核 example (收入=4200 住房=否) disagrees with it on 收入
    // and 住房, and the /抽查 关闭 example has something to close.
    const head = rows.households.find((h) => h.villageCode === village.code && h.headName === HOUSEHOLDS[0].headName)
    if (head) {
      records.addCheck({ ...base(village, addDays(today, -CHECKED_DAYS_AGO)), kind: 'check' }, { householdCode: head.code, income: 5200, items: ALL_MET })
      deps.households.rebuildStanding(head.code)
    }

    const metOn = addDays(today, -MET_DAYS_AGO)
    const models = rows.villages.filter((v) => isModelVillage(v, scale))
    for (const v of models) {
      const started = rows.tasks.filter((x) => x.villageCode === v.code && x.startDate !== null && x.startDate <= today)
      for (const t of started.filter((x) => records.doneRecords(x.code).length === 0)) {
        const expected = expectedProgress({ start: t.startDate, due: t.dueDate, at: today })
        const finished = t.dueDate < today || FIVE_ITEMS.some((item) => t.title.includes(item)) || expected > 0.85
        if (finished) report(v, metOn > t.startDate! ? metOn : t.startDate!, { taskCode: t.code, ratio: 1 })
        else report(v, today, { taskCode: t.code, ratio: Math.ceil((expected + 0.1) * 100) / 100 })
      }
      for (const item of FIVE_ITEMS) report(v, metOn, item === '集体经济' ? { item, ratio: null, amount: 50_000 } : { item, ratio: 1 })
    }
    return `README 例子用到的${SHOWCASE.township}${SHOWCASE.village}任务 ${TASKS.map((t) => t.row.code).join('、')}；一低五有达标的村 ${models.length} 个`
  },
}
