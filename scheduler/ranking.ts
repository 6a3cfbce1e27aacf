import type { Job } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import type { Deps } from '../src/deps'
import type { Snapshot } from '../src/domain/ranking'
import { addDays, monthOf, monthStart, parsePeriod, quarterOf } from '../src/domain/dates'
import { checkRankingPeriod, PeriodNotStarted, publishRanking } from '../src/scoring/publish'
import { runInWorker } from '../src/worker/run-in-worker'
import type { RankingInput } from '../src/scoring/ranking-worker'
import { countyRankingCard, zoneRankingCard } from '../src/lark/cards/ranking'
import { rankingFileName } from '../src/export/ranking'
import { fileMessageContent } from '../src/export/file-message'
import { UsageError } from '../src/admin/define'

/** The last day of the month before `today`'s. */
const endOfLastMonth = (today: string) => addDays(monthStart(today.slice(0, 7)), -1)

/**
 * Monthly assessment and quarterly ranking (docs/domain.md): on the 1st, last month's ranking; in a quarter's
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
  // The scoring (a few hundred ms for a county) in a worker with its own read-only connection, so the
  // claim's transaction only writes what it computed. Not for a period that cannot be scored now (run says
  // why), one already published, or a database only this connection can see.
  prepare: async ({ deps, period, today, now }) => {
    const p = parsePeriod(period)
    if (!p || p.start > today || deps.databaseFile === null || deps.rankings.snapshot(period)) return undefined
    const input: RankingInput = { dbPath: deps.databaseFile, config: deps.config, settings: deps.settings, period, today, nowMs: now.getTime() }
    return runInWorker<Snapshot>({ module: 'scoring/ranking-worker', fn: 'rankingFromDatabase', input, maxHeapMb: 512, timeoutMs: 300_000, label: '考核排名计算' })
  },
  run: (ctx) => {
    const period = parsePeriod(ctx.period)
    if (!period) throw new UsageError([`期间「${ctx.period}」：${checkRankingPeriod(ctx.period)}`])
    let snapshot: Snapshot
    try {
      snapshot = publishRanking(ctx.deps, period, ctx.today, ctx.now, ctx.prepared as Snapshot | undefined)
    } catch (err) {
      if (err instanceof PeriodNotStarted) throw new UsageError([err.message], false)
      throw err
    }
    return broadcast(ctx.deps, snapshot)
  },
}

function broadcast(deps: Deps, s: Snapshot): OutgoingMessage[] {
  const chats = deps.bindings.all()
  const footer = `查看一个乡镇的得分明细：/排名 ${s.head.period} <乡镇>。Excel 明细见下一条消息。`
  return chats.flatMap((c): OutgoingMessage[] => {
    const card = c.zoneId === null ? countyRankingCard(s, { footer }) : zoneRankingCard(s, c.zoneId, { footer })
    // The workbook of the chat's remit, named here and rendered by the sender from the frozen snapshot.
    const file_name = rankingFileName(s, c.zoneId === null ? undefined : c.zoneName ?? undefined)
    return [
      { receiveId: c.chatId, msgType: 'interactive', content: JSON.stringify(card) },
      { receiveId: c.chatId, msgType: 'file', content: fileMessageContent({ file_name, ranking: { period: s.head.period, zoneId: c.zoneId } }) },
    ]
  })
}
