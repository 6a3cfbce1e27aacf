import type { Job } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import { hasOfficialSchedule, LAST_PACKAGED_YEAR } from '../src/domain/calendar'
import { UsageError } from '../src/admin/define'

/**
 * Once per year whose holidays are unknown: from 1 December next year's, from 1 January this year's
 * (missingScheduleYear), the county HQ chat is told, with how to add the State Council's schedule to the
 * config file. The period is the year; a year that is covered is claimed with no message, so adding the
 * schedule in time means nobody is bothered. Without an HQ chat the run is refused and tried again the
 * next day (an HQ chat bound in between gets the message).
 */
export const holidaysJob: Job = {
  name: 'holidays',
  summary: '节假日安排缺失提醒（12 月 1 日起缺下一年、1 月 1 日起缺本年时，向县指挥部群发一次）',
  defaultPeriod: (today) => String(Number(today.slice(0, 4)) + (today.slice(5) >= '12-01' ? 1 : 0)),
  scheduledPeriods: (today) => {
    const year = Number(today.slice(0, 4))
    return today.slice(5) >= '12-01' ? [String(year), String(year + 1)] : [String(year)]
  },
  schedule: 'holidays',
  checkPeriod: (p) => (/^\d{4}$/.test(p) ? null : '应为年份 YYYY（如 2027）'),
  run: (ctx) => {
    const { deps, period } = ctx
    const year = Number(period)
    if (hasOfficialSchedule(year, deps.settings.calendar)) return []
    const hq = deps.bindings.all().filter((c) => c.zoneId === null)
    if (hq.length === 0) throw new UsageError([`${year} 年的节假日安排缺失，但还没有绑定县指挥部群，提醒无处可发（见 admin stats）。在县指挥部群里发 /绑定 全县。`], false)
    const text = holidayGapText(year, ctx.today, deps.config.CONFIG_PATH)
    return hq.map((c): OutgoingMessage => ({ receiveId: c.chatId, msgType: 'text', content: JSON.stringify({ text }) }))
  },
}

/** What is missing, what it does to reminders, and how to add it: for the HQ chat, `admin stats` and the start-up log. */
export function holidayGapText(year: number, today: string, configPath: string): string {
  const when = Number(today.slice(0, 4)) === year ? `今年（${year} 年）` : ` ${year} 年`
  return [
    `⚠️ 还没有${when}的节假日安排。`,
    `机器人按国务院的放假安排判断工作日，内置的安排只到 ${LAST_PACKAGED_YEAR} 年。缺少 ${year} 年的安排时，${year} 年的法定节假日会被当作工作日（照常发逾期提醒），调休上班的周末会被当作休息日。`,
    `国务院办公厅每年 11 月前后发布下一年的放假安排。请管理员把它写进配置文件 ${configPath} 的 calendar 项，然后重启机器人，例如：`,
    `{"calendar": {"${year}": {"holidays": ["${year}-01-01", "${year}-02-06~${year}-02-12"], "workdays": ["${year}-02-14"]}}}`,
    `（日期只是写法示例，以国务院通知为准：holidays 写放假的日子，连续几天写成「开始~结束」；workdays 写调休上班的周末。）`,
  ].join('\n')
}
