import type { HouseholdCounts } from '../../db/repos/households'
import type { VillageStandard } from '../domain/standards'
import type { TaskView } from './tasks'

/**
 * The figures the bot shows, each with one name and one definition (docs/figures.md) — the chat cards,
 * the monthly review, the battle map and the Excel exports all take them from here, so a label never means
 * two things.
 */
export interface Share { met: number; of: number }

/** The villages 村达标 (and the score's 20 village points) measure. */
export const ELIGIBLE_VILLAGES: readonly string[] = ['预脱贫村', '已脱贫村']

/** 户达标: 当年脱贫 and 已脱贫 households whose latest checks meet 一超六有 on every item, of those households. */
export const householdShare = (c: HouseholdCounts): Share => ({ met: c.eligibleMeeting, of: c.eligible })

/** 建档立卡户达标: households of the poverty registry (all but 非贫困户) meeting 一超六有, of those households. */
export const registeredShare = (c: HouseholdCounts): Share => ({ met: c.poorMeeting, of: c.poor })

/** 村达标: 预脱贫村 and 已脱贫村 meeting 一低五有 on every item, of those villages. */
export function villageShare(villages: ReadonlyArray<{ category: string; standard: Pick<VillageStandard, 'meets'> }>): Share {
  const eligible = villages.filter((v) => ELIGIBLE_VILLAGES.includes(v.category))
  return { met: eligible.filter((v) => v.standard.meets).length, of: eligible.length }
}

/** 任务完成率: done tasks (`/任务 完成`, or a report at the target), of all tasks, started or not. */
export const taskShare = (tasks: readonly TaskView[]): Share => ({ met: tasks.filter((t) => t.done).length, of: tasks.length })

/**
 * 一致率: re-verified households (a spot check's 复核) in full agreement with the team's checks before the
 * draw — every item the 复核 recorded agrees — of the households re-verified (docs/figures.md).
 */
export const agreementShare = (f: { agreeing: number; reverified: number }): Share => ({ met: f.agreeing, of: f.reverified })

export const percentOf = (s: Share) => (s.of > 0 ? Math.round((s.met / s.of) * 100) : 0)
const pctText = (s: Share) => (s.of > 0 ? `${percentOf(s)}%` : '—')

/** `1/2 户（50%）` — how every share is written. */
export const shareText = (s: Share, unit: string) => `${s.met}/${s.of} ${unit}（${pctText(s)}）`

/** Just the percentage, where a row has no room for the counts: `50%` (`—` with nothing to count). */
export const sharePct = pctText

/**
 * 贫困发生率 with what it was computed from: `2.00%（20/1000，按村登记的贫困人口）`, or
 * `（3/1000，按已录入户的当前脱贫状态）` once every household of the village is imported.
 */
export function incidenceText(s: Pick<VillageStandard, 'incidence' | 'poorPopulation' | 'agriPopulation' | 'incidenceSource'>): string {
  const from = s.incidenceSource === 'households' ? '按已录入户的当前脱贫状态' : '按村登记的贫困人口'
  return `${(s.incidence * 100).toFixed(2)}%（${s.poorPopulation}/${s.agriPopulation}，${from}）`
}

/**
 * 总户数 is the registry's figure (村 sheet); the households imported may be fewer. Both are shown when they
 * differ: `登记 269 户，已录入 27 户`; one figure when they agree: `269 户`.
 */
export function householdTotalText(registered: number, imported: number): string {
  return registered === imported ? `${registered} 户` : `登记 ${registered} 户，已录入 ${imported} 户`
}
