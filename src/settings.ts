import { existsSync, readFileSync } from 'node:fs'
import { z } from 'zod'
import { DEFAULT_INCOME_LINES } from './domain/standards'
import { DEFAULT_LIGHT_THRESHOLDS } from './domain/lights'
import { DEFAULT_CURRENCY_DAYS, DEFAULT_SCORE_WEIGHTS } from './domain/score'
import { DEFAULT_SIXIAO_RATES } from './domain/subsidy'
import { daysOf, DEFAULT_QUIET_HOURS } from './domain/calendar'
import { DEFAULT_PHASES, phasesProblem } from './domain/phases'
import { ConfigError } from './config'

const yearKey = z.string().regex(/^\d{4}$/, '键应为四位年份')
const byYear = <T extends z.ZodType>(value: T) => z.record(yearKey, value).transform((r) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [Number(k), v])) as Record<number, z.infer<T>>)
const amount = z.number().nonnegative()
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '应为 YYYY-MM-DD')

/** One year's State Council schedule: every entry must be a real day (or range) of that year. */
const yearSchedule = z.object({
  holidays: z.array(z.string()),
  workdays: z.array(isoDay).default([]),
}).strict()
const calendar = z.record(yearKey, yearSchedule).superRefine((years, ctx) => {
  for (const [year, s] of Object.entries(years)) {
    const off = new Set<string>()
    s.holidays.forEach((entry, i) => {
      const days = daysOf(entry, Number(year))
      if (typeof days === 'string') ctx.addIssue({ code: 'custom', path: [year, 'holidays', i], message: days })
      else days.forEach((d) => off.add(d))
    })
    s.workdays.forEach((d, i) => {
      const problem = daysOf(d, Number(year))
      if (typeof problem === 'string') ctx.addIssue({ code: 'custom', path: [year, 'workdays', i], message: problem })
      else if (off.has(d)) ctx.addIssue({ code: 'custom', path: [year, 'workdays', i], message: `${d} 同时写在 holidays 里` })
    })
  }
}).transform((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [Number(k), v])) as Record<number, z.infer<typeof yearSchedule>>)
const hour = z.number().int().min(0).max(23)

/**
 * The optional config file (CONFIG_PATH, default config/zhanqu.json). Every key is optional; the defaults
 * are the campaign's published rules (docs/domain.md). README "Config file" lists them.
 */
const settingsSchema = z.object({
  incomeLines: byYear(amount.positive()).default(DEFAULT_INCOME_LINES),
  scoreWeights: z.object({
    tasks: amount, households: amount, villages: amount, currency: amount, spotCheck: amount, redPenalty: amount, penaltyCap: amount,
  }).partial().default({}).transform((w) => ({ ...DEFAULT_SCORE_WEIGHTS, ...w })),
  currencyDays: z.number().int().positive().default(DEFAULT_CURRENCY_DAYS),
  lights: z.object({ redOverdueDays: z.number().int().nonnegative(), redRatio: z.number().min(0).max(1) })
    .partial().default({}).transform((l) => ({ ...DEFAULT_LIGHT_THRESHOLDS, ...l })),
  escalation: z.object({ commanderAfterDays: z.number().int().nonnegative(), countyAfterDays: z.number().int().nonnegative() })
    .partial().default({}).transform((e) => ({ commanderAfterDays: 7, countyAfterDays: 15, ...e })),
  dueSoonDays: z.number().int().nonnegative().default(3),
  // Each linked task owner's own direct message on the overdue run, and whether one past the county
  // threshold is also sent as an in-app urgent (加急; never SMS or phone, which cost the tenant money).
  reminders: z.object({ direct: z.boolean(), urgent: z.enum(['off', 'app']) }).partial().strict().default({})
    .transform((r) => ({ direct: true, urgent: 'off' as 'off' | 'app', ...r })),
  sixiaoRates: byYear(z.object({ exited: amount, notExited: amount, exitingThisYear: amount, nonPoorPark: amount }))
    .default(DEFAULT_SIXIAO_RATES),
  sixiaoOnePerYear: z.boolean().default(true),
  schedules: z.object({ overdue: z.string(), monthlyReview: z.string(), ranking: z.string(), holidays: z.string() }).partial().default({})
    .transform((s) => ({ overdue: '0 9 * * *', monthlyReview: '0 9 25 * *', ranking: '0 9 1 * *', holidays: '0 9 * * *', ...s })),
  quietHours: z.object({ start: hour, end: hour }).default(DEFAULT_QUIET_HOURS),
  catchUpDays: z.number().int().nonnegative().default(3),
  // The State Council's schedule for a year the holiday package does not cover yet: {"2027": {holidays, workdays}}.
  calendar: calendar.default({}),
  calendarOverrides: z.record(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '键应为 YYYY-MM-DD'), z.enum(['work', 'rest'])).default({}),
  campaignStart: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).default('2014-01-01'),
  // Spot checks (docs/domain.md, "Spot checks"): whether a 复核 also counts as the household's check.
  spotCheck: z.object({ overrides: z.boolean() }).partial().default({}).transform((s) => ({ overrides: false, ...s })),
  // The campaign's phases in order, each with its last day; the county sets the dates.
  phases: z.array(z.object({ name: z.string().trim().min(1).max(20), end: isoDay.nullable().default(null) }).strict()).min(1).max(20)
    .default(DEFAULT_PHASES).superRefine((list, ctx) => {
      const problem = phasesProblem(list)
      if (problem) ctx.addIssue({ code: 'custom', path: [problem.index], message: problem.message })
    }),
}).strict()

export type Settings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})

/** Reads the config file; a missing file means all defaults, a bad one lists every problem. */
export function loadSettings(path: string): Settings {
  if (!existsSync(path)) return DEFAULT_SETTINGS
  let json: unknown
  try {
    json = JSON.parse(readFileSync(path, 'utf8'))
  } catch (err) {
    throw new ConfigError([`${path}: 不是有效的 JSON（${(err as Error).message}）`])
  }
  const parsed = settingsSchema.safeParse(json)
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${path} → ${i.path.join('.') || '(根)'}: ${i.message}`))
  return parsed.data
}
