import { z } from 'zod'
import { defineCommand } from './define'
import { date, keys, needed, remark } from './args'
import { villageFor } from './common'
import { runReport } from './report'
import { reportForm, reportFormReply, villagePlace } from './report-form'
import { cardReply } from '../src/lark/cards/kit'

export default defineCommand({
  path: ['村', '上报'],
  aliases: [['上报']],
  summary: '上报村里一项任务或一低五有事项的进度',
  examples: ['/村 上报 红岩洞村 通村道路硬化 12/15 已完成路基', '/村 上报 红岩洞 卫生室 完成', '/村 上报 红岩洞 集体经济 3.2万元 日期=昨天', '/村 上报'],
  right: 'reportVillage',
  // Only the village (or nothing: one's own, or a choice of village) answers with the report form.
  // Words left out are absent, not undefined: the body reads them as a list.
  args: z.tuple([needed('村'), needed('事项'), needed('进度')]).rest(remark()) as z.ZodType<string[]>,
  named: keys({ 备注: remark().optional(), 日期: date() }),
  run: (ctx) => {
    const [villageInput, itemInput, ...rest] = ctx.args
    if (villageInput === undefined) return reportFormReply(ctx)
    const village = villageFor(ctx, villageInput, 'write')
    if (itemInput === undefined) return cardReply(reportForm(ctx, village))
    return runReport(ctx, villagePlace(ctx, village), itemInput, rest)
  },
})
