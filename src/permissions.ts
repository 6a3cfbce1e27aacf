import type { Actor, Role } from './identity'
import { ROLES, TEAM_ROLES } from './identity'

/** The place a question or a write is about. */
export type Scope =
  | { kind: 'county' }
  | { kind: 'zone'; zoneId: number }
  | { kind: 'township'; code: string; zoneId: number }
  | { kind: 'village'; code: string; townshipCode: string; zoneId: number }

/** How far a right reaches from the person's own place. */
export type Reach = 'county' | 'zone' | 'township' | 'village'

/** The rights a command asks for, each about one kind of place (`ON`). */
export type Right =
  | 'readVillage'      // a village and its households in detail: /村 进度, /户 核查, /任务, /村 四小
  | 'readTownship'     // a township in detail: /乡 进度
  | 'summary'          // figures over a zone or the county: /战区 进度, /逾期, /排名, the battle map
  | 'reportVillage'    // a village's records: /村 上报, household checks, "四小" projects
  | 'reportTownship'   // a township's own records: /乡 上报
  | 'completeTask'     // marking a task done or reopening it (its owner may too, whatever the role)
  | 'wallMap'          // a 30-day wall-screen link to the battle map
  | 'bindChat'         // which group chat speaks for a zone or the county HQ, and pausing its reminders
  | 'drawSpotCheck'    // a recorded random draw of households to re-verify, and assigning re-verifiers: /抽查
  | 'reverify'         // re-verifying any drawn household (the drawer and assigned team members may too): /复核
  | 'readSpotChecks'   // the draws and their results: /抽查 记录, /抽查 结果
  | 'closeSpotCheck'   // closing a disagreement with a reason: /抽查 关闭
  | 'withdrawAny'      // withdrawing anyone's record, however old (its author may within 7 days): /撤销

const ON: Record<Right, readonly Scope['kind'][]> = {
  readVillage: ['village'],
  readTownship: ['township'],
  summary: ['village', 'township', 'zone', 'county'],
  reportVillage: ['village'],
  reportTownship: ['township'],
  completeTask: ['village', 'township'],
  wallMap: ['zone', 'county'],
  bindChat: ['zone', 'county'],
  drawSpotCheck: ['village', 'township', 'zone'],
  reverify: ['village'],
  readSpotChecks: ['village', 'township', 'zone', 'county'],
  closeSpotCheck: ['village', 'township', 'zone'],
  withdrawAny: ['village', 'township'],
}

type Row = Record<Right, Reach | null>
const TEAM: Row = {
  readVillage: 'village', readTownship: 'township', summary: 'zone', reportVillage: 'village',
  reportTownship: null, completeTask: 'village', wallMap: null, bindChat: null,
  drawSpotCheck: null, reverify: null, readSpotChecks: null, closeSpotCheck: null, withdrawAny: null,
}

/**
 * The remit: what each role may do, and how far from their own place. Every permission question, the
 * web map's remit and the "谁可以用" text of /帮助 and the README are read from this one table.
 */
export const REMIT: Record<Role, Row> = {
  管理员: {
    readVillage: 'county', readTownship: 'county', summary: 'county', reportVillage: 'county',
    reportTownship: 'county', completeTask: 'county', wallMap: 'county', bindChat: 'county',
    drawSpotCheck: 'county', reverify: 'county', readSpotChecks: 'county', closeSpotCheck: 'county', withdrawAny: 'county',
  },
  县领导: {
    readVillage: 'county', readTownship: 'county', summary: 'county', reportVillage: null,
    reportTownship: null, completeTask: null, wallMap: 'county', bindChat: null,
    drawSpotCheck: null, reverify: null, readSpotChecks: 'county', closeSpotCheck: null, withdrawAny: null,
  },
  督查: {
    readVillage: 'county', readTownship: 'county', summary: 'county', reportVillage: 'county',
    reportTownship: 'county', completeTask: null, wallMap: 'county', bindChat: null,
    drawSpotCheck: 'county', reverify: 'county', readSpotChecks: 'county', closeSpotCheck: null, withdrawAny: null,
  },
  指挥长: {
    readVillage: 'zone', readTownship: 'zone', summary: 'zone', reportVillage: null,
    reportTownship: null, completeTask: null, wallMap: 'zone', bindChat: 'zone',
    drawSpotCheck: 'zone', reverify: null, readSpotChecks: 'zone', closeSpotCheck: null, withdrawAny: null,
  },
  乡镇干部: {
    readVillage: 'township', readTownship: 'township', summary: 'zone', reportVillage: null,
    reportTownship: 'township', completeTask: null, wallMap: null, bindChat: null,
    drawSpotCheck: null, reverify: null, readSpotChecks: null, closeSpotCheck: null, withdrawAny: null,
  },
  第一书记: TEAM,
  队长: TEAM,
  队员: TEAM,
}

/** What commands ask: a right by name, or 'read'/'write', which mean the right for the kind of place asked about. */
export type Action = Right | 'read' | 'write'

const READ: Record<Scope['kind'], Right> = { village: 'readVillage', township: 'readTownship', zone: 'summary', county: 'summary' }
const WRITE: Partial<Record<Scope['kind'], Right>> = { village: 'reportVillage', township: 'reportTownship' }

/** The one question every command asks. */
export function can(me: Actor, action: Action, scope: Scope): boolean {
  const right = action === 'read' ? READ[scope.kind] : action === 'write' ? WRITE[scope.kind] : action
  if (right === undefined || !ON[right].includes(scope.kind)) return false
  const reach = reachOf(me, right)
  return reach !== null && within(me, reach, scope)
}

/** How far the person's right reaches, or null when their role does not have it. */
export function reachOf(me: Pick<Actor, 'role'>, right: Right): Reach | null {
  return me.role === null ? null : REMIT[me.role][right]
}

/** Roles that see the whole county rather than a zone (for defaults such as /排名 in a direct chat). */
export const isCountyRole = (me: Actor): boolean => reachOf(me, 'summary') === 'county'

function within(me: Actor, reach: Reach, scope: Scope): boolean {
  switch (reach) {
    case 'county':
      return true
    case 'zone':
      return me.zoneId !== null && scope.kind !== 'county' && scope.zoneId === me.zoneId
    case 'township':
      if (me.townshipCode === null) return false
      if (scope.kind === 'township') return scope.code === me.townshipCode
      return scope.kind === 'village' && scope.townshipCode === me.townshipCode
    case 'village':
      return scope.kind === 'village' && scope.code === me.villageCode
  }
}

const OWN: Record<Exclude<Reach, 'county'>, string> = { village: '本村', township: '本乡镇', zone: '本战区' }

/** The roles whose `right` reaches exactly `reach`, in words ("督查、县领导、管理员"); the team roles together read 工作队. */
export function rolesReaching(right: Right, reach: Reach): string {
  const roles = [...ROLES].reverse().filter((r) => REMIT[r][right] === reach)
  return (TEAM_ROLES.every((r) => roles.includes(r)) ? ['工作队', ...roles.filter((r) => !TEAM_ROLES.includes(r))] : roles).join('、')
}

/**
 * Who has a right, in words, narrowest reach first: "工作队（本村）；乡镇干部（本乡镇）；指挥长（本战区）；
 * 督查、县领导、管理员".
 */
export function whoMay(right: Right): string {
  return (['village', 'township', 'zone', 'county'] as const)
    .map((reach) => ({ reach, names: rolesReaching(right, reach) }))
    .filter((p) => p.names !== '')
    .map((p) => (p.reach === 'county' ? p.names : `${p.names}（${OWN[p.reach]}）`))
    .join('；')
}
