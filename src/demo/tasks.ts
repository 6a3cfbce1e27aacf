import { addDays } from '../domain/dates'
import type { Rng } from '../domain/prng'
import { randomPhone } from './people'
import type { MemberRow, TaskRow, TownshipRow, VillageRow } from '../../db/repos/registry-rows'

// What each of the six full-coverage categories looks like on the ground (docs/domain.md), with a unit and a
// plausible target range, and the county department that usually owns it.
const CATALOG: Record<string, readonly (readonly [title: string, measure: string, min: number, max: number, dept: string])[]> = {
  安全住房: [['危房改造', '户', 3, 30, '县住建局'], ['易地扶贫搬迁安置', '户', 2, 20, '县发改局'], ['旧房拆除', '户', 2, 15, '县住建局']],
  基础设施: [['通村硬化路', '公里', 1, 12, '县交通运输局'], ['饮水工程', '处', 1, 5, '县水务局'], ['电网改造', '处', 1, 3, '县供电公司'],
    ['通信网络覆盖', '处', 1, 2, '县经信局']],
  公共服务: [['村卫生室建设', '个', 1, 1, '县卫健局'], ['文化室建设', '个', 1, 1, '县文广局'], ['便民服务代办点', '个', 1, 1, '县民政局']],
  产业发展: [['特色产业园', '亩', 50, 500, '县农业农村局'], ['"四小"工程', '户', 5, 60, '县农业农村局'], ['集体经济项目', '万元', 3, 30, '县农业农村局']],
  群众工作: [['院坝会', '次', 2, 12, '县委宣传部'], ['感恩教育', '次', 1, 6, '县委宣传部'], ['人居环境整治', '户', 20, 200, '县住建局']],
  特殊群体帮扶: [['特困人员走访', '户', 3, 20, '县民政局'], ['残疾人帮扶', '人', 2, 15, '县残联'], ['留守儿童关爱', '人', 5, 40, '县妇联']],
}
const CATEGORIES = Object.keys(CATALOG)
const TOWNSHIP_TITLES: Record<string, string> = {
  安全住房: '场镇安置点建设', 基础设施: '乡村道路建设', 公共服务: '乡镇卫生院达标', 产业发展: '产业园区建设',
  群众工作: '脱贫攻坚宣讲', 特殊群体帮扶: '敬老院改造',
}

export interface TaskInputs {
  rng: Rng
  today: string
  year: number
  villages: readonly VillageRow[]
  townships: readonly TownshipRow[]
  teams: ReadonlyMap<string, MemberRow[]>      // village code → team (第一书记 first, then 队长)
  cadres: ReadonlyMap<string, MemberRow[]>     // township code → 乡镇干部
  perVillage: readonly [number, number]
  perTownship: number
}

/**
 * Tasks of every category and list, dated around `today`: some not started, most under way, a share
 * overdue. Owners are the village's 队长/第一书记 or a township cadre; a few are department staff who are
 * not in the roster (so "unlinked owners" has something to show).
 */
export function generateTasks(t: TaskInputs): TaskRow[] {
  const { rng } = t
  const tasks: TaskRow[] = []
  const townshipName = new Map(t.townships.map((s) => [s.code, s.name]))
  const dates = () => {
    const start = addDays(t.today, rng.int(-150, 20))
    return { startDate: start, dueDate: addDays(start, rng.int(20, 220)) }
  }
  const code = () => `RW${t.year}-${String(tasks.length + 1).padStart(5, '0')}`
  for (const v of t.villages) {
    const team = t.teams.get(v.code) ?? []
    const n = rng.int(t.perVillage[0], t.perVillage[1])
    for (let i = 0; i < n; i++) {
      const category = CATEGORIES[(tasks.length + i) % CATEGORIES.length]!
      const [title, measure, min, max, dept] = rng.pick(CATALOG[category]!)
      const list = rng.weighted([['村社责任', 45], ['行业投入', 30], ['部门帮扶', 25]] as const)
      const owner = rng.chance(0.05) || team.length === 0 ? randomPhone(rng) : team[rng.int(0, Math.min(1, team.length - 1))]!.phone
      tasks.push({
        code: code(), list, category, title, villageCode: v.code, townshipCode: null,
        unit: list === '村社责任' ? `${townshipName.get(v.townshipCode)}人民政府` : dept,
        ownerPhone: owner, target: rng.int(min, max), measure, ...dates(),
      })
    }
  }
  for (const s of t.townships) {
    const cadres = t.cadres.get(s.code) ?? []
    for (let i = 0; i < t.perTownship; i++) {
      const category = CATEGORIES[(i + rng.int(0, 5)) % CATEGORIES.length]!
      const list = rng.chance(0.7) ? '乡镇主体' : '行业投入'
      const target = rng.chance(0.5) ? rng.int(1, 10) : null
      tasks.push({
        code: code(), list, category, title: TOWNSHIP_TITLES[category]!, villageCode: null, townshipCode: s.code,
        unit: list === '乡镇主体' ? `${s.name}人民政府` : CATALOG[category]![0]![4],
        ownerPhone: cadres.length ? rng.pick(cadres).phone : null, target, measure: target ? '项' : null, ...dates(),
      })
    }
  }
  return tasks
}
