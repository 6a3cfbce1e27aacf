import { localDate } from '../domain/dates'
import { personName, randomPhone, uniqueIdNumber, uniquePhone } from './people'
import { DEMO_TOWNSHIP_NAMES, REAL_VILLAGES, TOWNSHIPS, ZONE_NAMES, madeUpVillageNames } from './places'
import { generateTasks } from './tasks'
import { addGuideRows, showcaseVillage } from './guide'
import type { DemoOptions, DemoScale } from './types'
import { createRng } from '../domain/prng'
import type { Rng } from '../domain/prng'
import { requiredTeamSize } from '../registry/team'
import type { HouseholdRow, MemberRow, RegistryRows, TownshipRow, VillageRow } from '../../db/repos/registry-rows'

export const DEFAULT_SEED = 2018

const SCALES = {
  // A county small enough to read: ~30 villages of mostly registered (建档立卡) households.
  demo: { villages: 0, households: 0, perVillage: [15, 40], tasksPerVillage: [3, 6], tasksPerTownship: 2, registeredOnly: true },
  // The benchmark county: 2018's real shape (docs/domain.md): 516 villages, 92/45/19/360, 200,000 households.
  county: { villages: 516, households: 200_000, perVillage: [0, 0], tasksPerVillage: [7, 11], tasksPerTownship: 8, registeredOnly: false },
} as const
const COUNTY_MIX = [['已脱贫村', 92], ['预脱贫村', 45], ['贫困村', 19], ['非贫困村', 360]] as const

/**
 * A whole made-up county, deterministic for (scale, seed, now): the same rows on every run, so the demo,
 * the tests and the benchmark all see the same data. `now` only anchors task dates and "this year".
 */
export function generateDemoCounty(opts: DemoOptions): RegistryRows {
  const rng = createRng(opts.seed ?? DEFAULT_SEED)
  const scale = SCALES[opts.scale]
  const today = localDate(opts.now)
  const year = Math.min(Math.max(Number(today.slice(0, 4)), 2015), 2030)
  const townshipList = opts.scale === 'demo' ? TOWNSHIPS.filter((t) => (DEMO_TOWNSHIP_NAMES as readonly string[]).includes(t.name)) : TOWNSHIPS
  const townships: TownshipRow[] = townshipList.map((t, i) => ({
    code: t.code, name: t.name, kind: t.kind, zoneName: ZONE_NAMES[Math.floor((i * ZONE_NAMES.length) / townshipList.length)]!,
  }))
  const villages = makeVillages(rng, townships, opts.scale, year)
  let memberNo = 0
  const member = (role: string, scope: Partial<MemberRow>): MemberRow => ({
    name: personName(rng), phone: uniquePhone(memberNo++), role, zoneName: null, townshipCode: null, villageCode: null,
    openId: null, ...scope,
  })
  const members: MemberRow[] = []
  const teams = new Map<string, MemberRow[]>()
  villages.forEach((v, i) => {
    const t = townships.find((s) => s.code === v.townshipCode)!
    // Most teams meet the minimum; about one in eight is short, so the stats and cards have something to flag.
    const size = requiredTeamSize(v) - (i % 8 === 5 ? rng.int(1, 3) : 0)
    const team = Array.from({ length: size }, (_, k) =>
      member(k === 0 ? '第一书记' : k === 1 ? '队长' : '队员', { zoneName: t.zoneName, townshipCode: t.code, villageCode: v.code }))
    teams.set(v.code, team)
    members.push(...team)
  })
  const cadres = new Map(townships.map((t) => [t.code, [0, 1].map(() => member('乡镇干部', { zoneName: t.zoneName, townshipCode: t.code }))]))
  for (const list of cadres.values()) members.push(...list)
  const commanders = ZONE_NAMES.map((z) => member('指挥长', { zoneName: z }))
  members.push(...commanders)
  const county = opts.scale === 'demo' ? [2, 2, 1] : [3, 5, 2]
  for (const [role, n] of [['县领导', county[0]], ['督查', county[1]], ['管理员', county[2]]] as const) {
    for (let k = 0; k < n!; k++) members.push(member(role, {}))
  }
  linkSome(rng, members, opts.scale, showcaseVillage({ townships, villages }))

  const households = makeHouseholds(rng, villages, teams, { ...scale, year })
  const tasks = generateTasks({
    rng, today, year, villages, townships, teams, cadres, perVillage: scale.tasksPerVillage, perTownship: scale.tasksPerTownship,
  })
  const zones = ZONE_NAMES.map((name, i) => ({ name, commanderName: commanders[i]!.name, commanderPhone: commanders[i]!.phone }))
  const rows = { zones, townships, villages, households, members, tasks }
  if (opts.scale === 'demo') addGuideRows(rows, today, year)
  return rows
}

function makeVillages(rng: Rng, townships: TownshipRow[], scale: DemoScale, year: number): VillageRow[] {
  const pool = madeUpVillageNames()
  const perTownship = townships.map((t, i) => {
    const real = REAL_VILLAGES[t.name]
    if (scale === 'demo') return real ? [...real] : rng.shuffle(pool).slice(0, rng.int(3, 4))
    const n = Math.floor(SCALES.county.villages / townships.length) + (i < SCALES.county.villages % townships.length ? 1 : 0)
    return real ? [...real, ...rng.shuffle(pool).slice(0, Math.max(n - real.length, 0))].slice(0, n) : rng.shuffle(pool).slice(0, n)
  })
  const count = perTownship.reduce((n, l) => n + l.length, 0)
  const mix = scale === 'county' ? COUNTY_MIX.flatMap(([c, n]) => Array<string>(n).fill(c))
    : Array.from({ length: count }, (_, i) => ['非贫困村', '预脱贫村', '已脱贫村', '非贫困村', '贫困村', '预脱贫村', '已脱贫村'][i % 7]!)
  const categories = rng.shuffle(mix)
  const totals = scale === 'county' ? splitTotal(rng, SCALES.county.households, count) : null
  const villages: VillageRow[] = []
  townships.forEach((t, ti) => perTownship[ti]!.forEach((name, vi) => {
    const category = scale === 'demo' && name === '红岩洞' ? '预脱贫村' : categories[villages.length]!
    const total = totals ? totals[villages.length]! : rng.int(120, 650)
    const agri = Math.round(total * (2.6 + rng.next()))
    villages.push({
      code: `${t.code}${200 + vi + 1}`, name: `${name}村`, townshipCode: t.code, category,
      plannedExitYear: category === '贫困村' ? Math.min(year + rng.int(1, 2), 2030) : category === '预脱贫村' ? year : null,
      households: total, agriPopulation: agri, poorPopulation: Math.round(agri * incidence(rng, category)),
    })
  }))
  return villages
}

/** Splits a total over n parts by random weights (0.4–1.6), exactly. */
function splitTotal(rng: Rng, total: number, n: number): number[] {
  const weights = Array.from({ length: n }, () => 0.4 + rng.next() * 1.2)
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => Math.floor((w / sum) * total))
  for (let i = 0, left = total - parts.reduce((a, b) => a + b, 0); i < left; i++) parts[i % n]!++
  return parts
}

// Poverty incidence by category, for villages whose households are only sampled (demo scale).
function incidence(rng: Rng, category: string): number {
  const [lo, hi] = { 已脱贫村: [0.005, 0.025], 预脱贫村: [0.015, 0.05], 贫困村: [0.06, 0.15], 非贫困村: [0, 0.02] }[category] ?? [0, 0]
  return lo! + rng.next() * (hi! - lo!)
}

const STATUS_WEIGHTS: Record<string, [string, number][]> = {
  已脱贫村: [['已脱贫', 10], ['返贫', 0.3], ['未脱贫', 0.7]],
  预脱贫村: [['已脱贫', 6], ['当年脱贫', 8], ['未脱贫', 2.5], ['返贫', 0.2]],
  贫困村: [['已脱贫', 4], ['当年脱贫', 2], ['未脱贫', 10]],
  非贫困村: [['已脱贫', 3], ['未脱贫', 0.8], ['返贫', 0.1]],
}

function makeHouseholds(rng: Rng, villages: VillageRow[], teams: Map<string, MemberRow[]>,
  s: { households: number; perVillage: readonly [number, number]; registeredOnly: boolean; year: number }): HouseholdRow[] {
  // County scale lists every household of the village; demo scale a sample of its registered ones.
  const counts = villages.map((v) => (s.households > 0 ? v.households : rng.int(s.perVillage[0], s.perVillage[1])))
  const out: HouseholdRow[] = []
  villages.forEach((v, vi) => {
    const poor = STATUS_WEIGHTS[v.category]!
    const table: [string, number][] = [...poor, ['非贫困户', s.registeredOnly ? 4 : 100 - poor.reduce((n, [, w]) => n + w, 0)]]
    const team = teams.get(v.code) ?? []
    let agri = 0
    let poorPeople = 0
    for (let k = 0; k < counts[vi]!; k++) {
      const status = rng.weighted(table)
      const registered = status !== '非贫困户'
      const attribute = registered ? rng.weighted([['一般贫困户', 75], ['低保贫困户', 20], ['特困供养贫困户', 5]] as const) : null
      const size = attribute === '特困供养贫困户' ? rng.int(1, 2) : rng.weighted([[1, 8], [2, 18], [3, 25], [4, 27], [5, 15], [6, 7]] as const)
      agri += size
      if (status === '未脱贫' || status === '返贫') poorPeople += size
      out.push({
        code: `${v.code}${String(k + 1).padStart(4, '0')}`, villageCode: v.code, headName: personName(rng),
        idNumber: uniqueIdNumber(out.length, 1_234_567), size, attribute, status,
        exitYear: status === '当年脱贫' ? s.year : status === '已脱贫' || status === '返贫' ? rng.int(2014, s.year - 1) : null,
        helper: registered && team.length ? rng.pick(team).name : null, phone: rng.chance(0.7) ? randomPhone(rng) : null,
      })
    }
    // With every household listed, the village's figures are the sums (so 一低 matches the households).
    if (s.households > 0) Object.assign(v, { agriPopulation: agri, poorPopulation: poorPeople })
  })
  return out
}

// Some members are already linked to Feishu (as if they had used /认证); the demo's console users have
// fixed open_ids so `npm run demo` can speak as them: the showcase village's 第一书记, its township's cadre
// and its zone's commander, and one of each county role.
function linkSome(rng: Rng, members: MemberRow[], scale: DemoScale, showcase: VillageRow | undefined) {
  for (const m of members) if (rng.chance(scale === 'county' ? 0.8 : 0.5)) m.openId = `ou_${Math.floor(rng.next() * 2 ** 52).toString(16).padStart(13, '0')}`
  if (scale !== 'demo' || !showcase) return
  const zone = members.find((m) => m.townshipCode === showcase.townshipCode)?.zoneName
  const fixed: [string, (m: MemberRow) => boolean][] = [
    ['ou_demo_admin', (m) => m.role === '管理员'], ['ou_demo_leader', (m) => m.role === '县领导'],
    ['ou_demo_inspector', (m) => m.role === '督查'], ['ou_demo_commander', (m) => m.role === '指挥长' && m.zoneName === zone],
    ['ou_demo_cadre', (m) => m.role === '乡镇干部' && m.townshipCode === showcase.townshipCode],
    ['ou_demo_secretary', (m) => m.role === '第一书记' && m.villageCode === showcase.code],
  ]
  for (const [openId, match] of fixed) {
    const m = members.find(match)
    if (m) m.openId = openId
  }
}
