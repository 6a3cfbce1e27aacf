import { z } from 'zod'
import { defineCommand } from './define'
import { date, keys, needed, remark } from './args'
import { may, villageFor } from './common'
import { whoMay } from '../src/permissions'
import { reportGuide, runReport } from './report'
import { FIVE_ITEMS } from '../src/domain/standards'

export default defineCommand({
  path: ['村', '上报'],
  aliases: [['上报']],
  summary: '上报村里一项任务或一低五有事项的进度',
  examples: ['/村 上报 红岩洞村 通村道路硬化 12/15 已完成路基', '/村 上报 红岩洞 卫生室 完成', '/村 上报 红岩洞 集体经济 3.2万元 日期=昨天', '/村 上报'],
  who: whoMay('reportVillage'),
  allow: may('reportVillage'),
  // Only the village (or nothing: one's own) answers with what can be reported there.
  // Words left out are absent, not undefined: the body reads them as a list.
  args: z.tuple([needed('村'), needed('事项'), needed('进度')]).rest(remark()) as z.ZodType<string[]>,
  named: keys({ 备注: remark().optional(), 日期: date() }),
  run: (ctx) => {
    const [villageInput, itemInput, ...rest] = ctx.args
    const village = villageFor(ctx, villageInput, 'write')
    const place = {
      townshipCode: village.townshipCode, villageCode: village.code, name: village.name, ref: `${village.townshipName}${village.name}`,
      tasks: ctx.deps.facts.taskNames({ kind: 'village', code: village.code }), items: FIVE_ITEMS,
      standard: '一低五有', progressCommand: `/村 进度 ${village.name}`,
    }
    if (itemInput === undefined) return reportGuide(ctx, place, { command: '/村 上报', usage: ctx.usage })
    return runReport(ctx, place, itemInput, rest)
  },
})
