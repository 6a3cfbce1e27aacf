import type { Job } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import type { Deps } from '../src/deps'
import type { Snapshot } from '../src/scoring/types'
import { addDays, monthOf, monthStart, parsePeriod, quarterOf } from '../src/domain/dates'
import { checkRankingPeriod, PeriodNotStarted, publishRanking } from '../src/scoring/publish'
import { countyRankingCard, zoneRankingCard } from '../src/lark/cards/ranking'
import { rankingBook, rankingFileName } from '../src/export/ranking'
import { renderBooksSync } from '../src/export/render-sync'
import { UsageError } from '../src/admin/define'

/** The last day of the month before `today`'s. */
const endOfLastMonth = (today: string) => addDays(monthStart(today.slice(0, 7)), -1)

/**
 * Monthly assessment and quarterly ranking (domain.md): on the 1st, last month's ranking; in a quarter's
 * first month, last quarter's too. The snapshot is written in the job's claim transaction, so it is
 * published exactly once and frozen; the broadcast is read back from it. Each zone chat gets its
 * townships and its zone's place, the HQ chat every zone and township, each with the workbook attached.
 */
export const rankingJob: Job = {
  name: 'ranking',
  summary: '考核排名（每月发布上月，季度第一个月加发上季度）',
  defaultPeriod: (today) => monthOf(endOfLastMonth(today)),
  scheduledPeriods: (today) => {
    const last = endOfLastMonth(today)
    const periods = [monthOf(last)]
    // Quarter after its last month: the quarter reuses that month's snapshot.
    if (quarterOf(last) !== quarterOf(today)) periods.push(quarterOf(last))
    return periods
  },
  schedule: 'ranking',
  checkPeriod: checkRankingPeriod,
  run: (ctx) => {
    const period = parsePeriod(ctx.period)
    if (!period) throw new UsageError([`期间「${ctx.period}」：${checkRankingPeriod(ctx.period)}`])
    let snapshot: Snapshot
    try {
      snapshot = publishRanking(ctx.deps, period, ctx.today, ctx.now)
    } catch (err) {
      if (err instanceof PeriodNotStarted) throw new UsageError([err.message], false)
      throw err
    }
    return broadcast(ctx.deps, snapshot)
  },
}

function broadcast(deps: Deps, s: Snapshot): OutgoingMessage[] {
  const chats = deps.bindings.all()
  if (chats.length === 0) return []
  const tz = deps.config.TIMEZONE
  // One workbook per remit (the county, each zone with a chat), rendered together: one worker start.
  const remits = [...new Map(chats.map((c) => [c.zoneId, c])).values()]
  const files = renderBooksSync(remits.map((c) => rankingBook(s, { zoneId: c.zoneId ?? undefined, timeZone: tz })))
  const fileOf = new Map(remits.map((c, i) => [c.zoneId, { name: rankingFileName(s, c.zoneId === null ? undefined : c.zoneName ?? undefined), bytes: files[i]! }]))
  const footer = `查看一个乡镇的得分明细：/排名 ${s.head.period} <乡镇>。Excel 明细见下一条消息。`
  return chats.flatMap((c): OutgoingMessage[] => {
    const card = c.zoneId === null ? countyRankingCard(s, { footer }) : zoneRankingCard(s, c.zoneId, { footer })
    const file = fileOf.get(c.zoneId)!
    return [
      { receiveId: c.chatId, msgType: 'interactive', content: JSON.stringify(card) },
      { receiveId: c.chatId, msgType: 'file', content: JSON.stringify({ file_name: file.name }), file },
    ]
  })
}
