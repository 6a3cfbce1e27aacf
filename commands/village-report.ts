import { z } from 'zod'
import { defineCommand } from './define'
import { may, villageFor } from './common'
import { whoMay } from '../src/permissions'
import { reportGuide, runReport } from './report'
import { FIVE_ITEMS } from '../src/domain/standards'

const USAGE = '/村 上报 <村> <事项> <进度> [备注…] [日期=YYYY-MM-DD]'

export default defineCommand({
  path: ['村', '上报'],
  aliases: [['上报']],
  summary: '上报村里一项任务或一低五有事项的进度',
  usage: USAGE,
  examples: ['/村 上报 红岩洞村 通村道路硬化 12/15 已完成路基', '/村 上报 红岩洞 卫生室 完成', '/村 上报 红岩洞 集体经济 3.2万元 日期=昨天', '/村 上报'],
  who: whoMay('reportVillage'),
  allow: may('reportVillage'),
  // Only the village (or nothing: one's own) answers with what can be reported there.
  args: z.array(z.string()),
  named: z.object({ 日期: z.string().optional(), 备注: z.string().optional() }).strict(),
  run: (ctx) => {
    const [villageInput, itemInput, ...rest] = ctx.args
    const village = villageFor(ctx, villageInput, 'write')
    const place = {
      townshipCode: village.townshipCode, villageCode: village.code, name: village.name, ref: `${village.townshipName}${village.name}`,
      tasks: ctx.deps.facts.taskNames({ kind: 'village', code: village.code }), items: FIVE_ITEMS,
      standard: '一低五有', progressCommand: `/村 进度 ${village.name}`,
    }
    if (itemInput === undefined) return reportGuide(ctx, place, { command: '/村 上报', usage: USAGE })
    return runReport(ctx, place, itemInput, rest)
  },
})
