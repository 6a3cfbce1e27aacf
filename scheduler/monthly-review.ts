import type { Job } from './job'
import type { OutgoingMessage } from '../db/repos/outbox'
import { monthStart, parsePeriod } from '../src/domain/dates'
import { UsageError } from '../src/admin/define'
import { reviewFigures } from '../src/review/figures'
import { reviewCard } from '../src/lark/cards/review'
import { phaseLine } from '../src/domain/phases'

/**
 * Before each zone's monthly analysis meeting (default the 25th): one card per zone chat with the month's
 * figures against the year's target and against last month, and where the zone is furthest behind; the
 * HQ chat gets the same card for the whole county.
 */
export const monthlyReviewJob: Job = {
  name: 'monthly-review',
  summary: '月度调度（每月 25 日，每个战区群一张卡片，县指挥部群一张全县的）',
  defaultPeriod: (today) => today.slice(0, 7),
  schedule: 'monthlyReview',
  checkPeriod: (p) => {
    const parsed = parsePeriod(p)
    if (!parsed || parsed.kind !== 'month') return '应为月份 YYYY-MM（如 2018-06）'
    return parsed.id === p ? null : `请写成 ${parsed.id}`
  },
  run: (ctx) => {
    const { deps, period: month, today } = ctx
    if (monthStart(month) > today) throw new UsageError([`${month} 还没有开始（今天是 ${today}），没有可调度的数据。`], false)
    const cards = new Map<number | null, string>()   // two chats of one zone get the same card, computed once
    const out: OutgoingMessage[] = []
    for (const chat of deps.bindings.all()) {
      let content = cards.get(chat.zoneId)
      if (content === undefined) {
        const place = chat.zoneId === null ? { kind: 'county' as const } : { kind: 'zone' as const, zoneId: chat.zoneId }
        const { now, before, spot } = reviewFigures(deps, place, month, today, ctx.now.getTime())
        const name = chat.zoneId === null ? '全县' : chat.zoneName ?? `战区 ${chat.zoneId}`
        content = JSON.stringify(reviewCard({ placeName: name, month, now, before, spot, phase: phaseLine(deps.settings.phases, now.asOf) }))
        cards.set(chat.zoneId, content)
      }
      out.push({ receiveId: chat.chatId, msgType: 'interactive', content })
    }
    return out
  },
}
