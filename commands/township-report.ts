import { z } from 'zod'
import { defineCommand } from './define'
import { date, keys, needed, remark } from './args'
import { may } from './rights'
import { placeFor } from './places'
import { reportGuide, runReport } from './report'
import { THREE_ITEMS } from '../src/domain/standards'
import { can, reachOf, whoMay } from '../src/permissions'
import { UserError } from '../src/reply'

export default defineCommand({
  path: ['乡', '上报'],
  aliases: [['乡镇', '上报']],
  summary: '上报乡镇自己的一项任务或乡"三有"事项（中心校、卫生院、便民服务中心）的进度',
  examples: ['/乡 上报 团结乡 卫生院 完成', '/乡 上报 团结乡 便民服务中心 60% 日期=昨天', '/乡 上报'],
  who: whoMay('reportTownship'),
  // A village team that tries it is told where its own reports go.
  allow: (me) => {
    const allowed = may('reportTownship')(me)
    return allowed === true || reachOf(me, 'reportVillage') === null ? allowed : `${allowed}\n村里的进度请用 /村 上报（只发 /村 上报 可以看到您能上报的事项）。`
  },
  // Only the township (or nothing: one's own) answers with what can be reported there.
  // Words left out are absent, not undefined: the body reads them as a list.
  args: z.tuple([needed('乡镇'), needed('事项'), needed('进度')]).rest(remark()) as z.ZodType<string[]>,
  named: keys({ 备注: remark().optional(), 日期: date() }),
  run: (ctx) => {
    const [townshipInput, itemInput, ...rest] = ctx.args
    // Bare: the sender's own township, which they may not be able to report for (a village team).
    if (townshipInput === undefined && ctx.me.townshipCode === null) throw new UserError('请写上乡镇名称。')
    const place = townshipInput === undefined ? ctx.deps.places.find(ctx.me.townshipCode!) : placeFor(ctx, townshipInput, 'summary')
    if (place.scope.kind !== 'township') throw new UserError(`「${place.label}」不是乡镇：村里的进度请用 /村 上报。`)
    if (!can(ctx.me, 'reportTownship', place.scope)) {
      throw new UserError(`您不能为「${place.label}」上报：只有${whoMay('reportTownship')}可以。`, { showUsage: false })
    }
    const township = {
      townshipCode: place.scope.code, villageCode: null, name: place.label, ref: place.label,
      tasks: ctx.deps.facts.taskNames({ kind: 'township', code: place.scope.code }), items: THREE_ITEMS,
      standard: '乡"三有"', progressCommand: `/乡 进度 ${place.label}`,
    }
    if (itemInput === undefined) return reportGuide(ctx, township, { command: '/乡 上报', usage: ctx.usage })
    return runReport(ctx, township, itemInput, rest)
  },
})
