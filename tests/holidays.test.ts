import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readable, startBot, startSim } from './helpers/bot'
import { seedFixture } from './helpers/fixture'
import { tempDbPath, tempDir } from './helpers/temp'
import { holidaysJob } from '../scheduler/holidays'
import { overdueJob } from '../scheduler/overdue'
import { runCli } from '../src/admin/cli'
import { loadSettings } from '../src/settings'
import { ConfigError } from '../src/config'
import { atLocalHour } from '../src/domain/dates'
import { dayOverrides, isWorkingDay, missingScheduleYear } from '../src/domain/calendar'

// The holiday package covers 2004–2026; the county's clock is moved to the turn of 2026/2027.
const dir = tempDir()
const at = (date: string, hour = 9) => atLocalHour(date, hour, 'Asia/Shanghai')
const sim = await startSim()
const CALENDAR_2027 = { calendar: { 2027: { holidays: ['2027-01-01', '2027-02-06~2027-02-12'], workdays: ['2027-02-14'] } } }

async function botAt(now: Date, o: { config?: object; hq?: boolean } = {}) {
  const dbPath = tempDbPath(dir)
  seedFixture(dbPath)
  const configPath = join(dir, `config-${Math.random().toString(36).slice(2)}.json`)
  writeFileSync(configPath, JSON.stringify(o.config ?? {}))
  let clock = now
  const bot = await startBot(sim, { dbPath, clock: () => clock, env: { CONFIG_PATH: configPath } })
  const hq = `oc_hq_${Math.random().toString(36).slice(2)}`
  bot.bot.deps.bindings.bind('oc_zone_h', 1, 'test', 0)
  if (o.hq !== false) bot.bot.deps.bindings.bind(hq, null, 'test', 0)
  return { bot, hq, configPath, setClock: (d: Date) => { clock = d } }
}
const textsTo = (chatId: string) => sim.messages.filter((m) => m.receive_id === chatId).map(readable)

describe('a missing holiday schedule', () => {
  it('from 1 December: the start-up log says so, and the HQ chat is told once, with the calendar key to add', async () => {
    const { bot, hq } = await botAt(at('2026-12-01'))
    expect(bot.logs.some((l) => l.includes('no holiday schedule for 2027') && l.includes('calendar'))).toBe(true)
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2026-11-30'), 'schedule')).toEqual(['2026'])   // claimed, nothing to say
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2026-12-01'), 'schedule')).toEqual(['2027'])
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2026-12-02'), 'schedule')).toEqual([])          // once
    await sim.waitFor(() => textsTo(hq).length === 1, 5000, 'the HQ message')
    await new Promise((r) => setTimeout(r, 300))
    const [text] = textsTo(hq)
    expect(textsTo(hq)).toHaveLength(1)
    expect(text).toContain('还没有 2027 年的节假日安排')
    expect(text).toContain('法定节假日会被当作工作日')
    expect(text).toMatch(/config-\w+\.json 的 calendar 项/)
    const example = JSON.parse(text!.split('\n').find((l) => l.startsWith('{"calendar"'))!)
    expect(example.calendar['2027'].holidays).toContain('2027-02-06~2027-02-12')
    expect(textsTo('oc_zone_h')).toHaveLength(0)   // zone chats are not the place for it
  })

  it('from 1 January for the current year, when December passed without it', async () => {
    const { bot, hq } = await botAt(at('2027-01-04'))
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2027-01-04'), 'schedule')).toEqual(['2027'])
    // The county's clock is a month ahead of the sender's real one: read the queued message, not Lark's copy.
    const queued = bot.bot.deps.outbox.due(at('2027-01-05').getTime(), 10).filter((r) => r.receive_id === hq)
    expect(queued).toHaveLength(1)
    expect(JSON.parse(queued[0]!.content).text).toContain('还没有今年（2027 年）的节假日安排')
  })

  it('without an HQ chat nothing is claimed, and the message goes once one is bound', async () => {
    const { bot } = await botAt(at('2026-12-03'), { hq: false })
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2026-12-03'), 'schedule')).toEqual(['2026'])
    expect(bot.logs.some((l) => l.includes('还没有绑定县指挥部群'))).toBe(true)
    bot.bot.deps.bindings.bind('oc_hq_late', null, 'test', 0)
    expect(await bot.bot.scheduler.tick(holidaysJob, at('2026-12-04'), 'schedule')).toEqual(['2027'])
    await sim.waitFor(() => textsTo('oc_hq_late').length === 1, 5000, 'the late HQ message')
  })

  it('with the year in the config file: no warning, and its holidays and make-up days count', async () => {
    const { bot, hq } = await botAt(at('2026-12-01'), { config: CALENDAR_2027 })
    expect(bot.logs.some((l) => l.includes('no holiday schedule'))).toBe(false)
    await bot.bot.scheduler.tick(holidaysJob, at('2026-12-01'), 'schedule')
    // Monday 8 February 2027 is a configured holiday: no overdue digest; Sunday the 14th is a working day.
    expect(await bot.bot.scheduler.tick(overdueJob, at('2027-02-08'), 'schedule')).toEqual([])
    expect(bot.logs.some((l) => l.includes('not a working day'))).toBe(true)
    expect(await bot.bot.scheduler.tick(overdueJob, at('2027-02-14'), 'schedule')).toEqual(['2027-02-14'])
    await new Promise((r) => setTimeout(r, 500))
    expect(textsTo(hq).filter((t) => t.includes('节假日安排'))).toHaveLength(0)
  })

  it('admin stats says so, with the year in --json', async () => {
    const { bot, configPath } = await botAt(at('2026-12-02'))
    const stats = async (now: Date, config = configPath) => {
      const out: string[] = []
      const env = { DATABASE_PATH: bot.dbPath, CONFIG_PATH: config }
      expect(await runCli(['stats'], { env, now: () => now, out: (l) => out.push(l), err: () => {} })).toBe(0)
      const json: string[] = []
      expect(await runCli(['stats', '--json'], { env, now: () => now, out: (l) => json.push(l), err: () => {} })).toBe(0)
      return { text: out.join('\n'), json: JSON.parse(json[0]!) }
    }
    const december = await stats(at('2026-12-02'))
    expect(december.text).toContain('还没有 2027 年的节假日安排')
    expect(december.json.holiday_schedule_missing).toBe(2027)
    const november = await stats(at('2026-11-30'))
    expect(november.text).not.toContain('节假日安排')
    expect(november.json.holiday_schedule_missing).toBe(0)
    const configured = join(dir, 'with-2027.json')
    writeFileSync(configured, JSON.stringify(CALENDAR_2027))
    expect((await stats(at('2026-12-02'), configured)).json.holiday_schedule_missing).toBe(0)
  })
})

describe('the calendar key', () => {
  it('expands ranges, lets calendarOverrides win, and knows which year is missing when', () => {
    const days = dayOverrides(CALENDAR_2027.calendar, { '2027-02-12': 'work' })
    expect(isWorkingDay('2027-02-10', days)).toBe(false)
    expect(isWorkingDay('2027-02-12', days)).toBe(true)
    expect(isWorkingDay('2027-02-14', days)).toBe(true)   // Sunday, make-up day
    expect(isWorkingDay('2027-02-15', days)).toBe(true)   // untouched Monday
    expect(missingScheduleYear('2026-11-30')).toBeNull()
    expect(missingScheduleYear('2026-12-01')).toBe(2027)
    expect(missingScheduleYear('2026-12-01', CALENDAR_2027.calendar)).toBeNull()
    expect(missingScheduleYear('2027-01-01')).toBe(2027)
    expect(missingScheduleYear('2027-12-01', CALENDAR_2027.calendar)).toBe(2028)
  })

  it('refuses a bad schedule with every problem, by path', () => {
    const path = join(dir, 'bad-calendar.json')
    const problemsOf = (config: object) => {
      writeFileSync(path, JSON.stringify(config))
      try {
        loadSettings(path)
        return ''
      } catch (err) {
        return (err as ConfigError).problems.join('\n')
      }
    }
    const entries = problemsOf({ calendar: { 2027: { holidays: ['2027-02-30', '2026-12-31', '2027-02-12~2027-02-06', '2027/01/01', '2027-01-01~2027-01-02~2027-01-03', '2027-01-01'], workdays: ['2027-01-01', '2028-01-02'] } } })
    expect(entries).toContain('calendar.2027.holidays.0: 「2027-02-30」应为 YYYY-MM-DD')
    expect(entries).toContain('calendar.2027.holidays.1: 「2026-12-31」不在 2027 年')
    expect(entries).toContain('calendar.2027.holidays.2: 「2027-02-12~2027-02-06」结束早于开始')
    expect(entries).toContain('calendar.2027.holidays.3: 「2027/01/01」')
    expect(entries).toContain('calendar.2027.holidays.4: 「2027-01-01~2027-01-02~2027-01-03」')
    expect(entries).toContain('calendar.2027.workdays.0: 2027-01-01 同时写在 holidays 里')
    expect(entries).toContain('calendar.2027.workdays.1: 「2028-01-02」不在 2027 年')
    const shape = problemsOf({ calendar: { 2027: { holidays: [], extra: [] }, 27: { holidays: [] } } })
    expect(shape).toContain('calendar.2027: Unrecognized key: "extra"')
    expect(shape).toContain('calendar.27')
  })
})
