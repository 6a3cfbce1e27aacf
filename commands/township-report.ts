import { z } from 'zod'
import { defineCommand } from './define'
import { may } from './common'
import { placeFor } from './places'
import { reportGuide, runReport } from './report'
import { THREE_ITEMS } from '../src/domain/standards'
import { can, reachOf, whoMay } from '../src/permissions'
import { UserError } from '../src/reply'

const USAGE = '/乡 上报 <乡镇> <事项> <进度> [备注…] [日期=YYYY-MM-DD]'

export default defineCommand({
  path: ['乡', '上报'],
  aliases: [['乡镇', '上报']],
  summary: '上报乡镇自己的一项任务或乡"三有"事项（中心校、卫生院、便民服务中心）的进度',
  usage: USAGE,
  examples: ['/乡 上报 团结乡 卫生院 完成', '/乡 上报 团结乡 便民服务中心 60% 日期=昨天', '/乡 上报'],
  who: whoMay('reportTownship'),
  // A village team that tries it is told where its own reports go.
  allow: (me) => {
    const allowed = may('reportTownship')(me)
    return allowed === true || reachOf(me, 'reportVillage') === null ? allowed : `${allowed}\n村里的进度请用 /村 上报（只发 /村 上报 可以看到您能上报的事项）。`
  },
  // Only the township (or nothing: one's own) answers with what can be reported there.
  args: z.array(z.string()),
  named: z.object({ 日期: z.string().optional(), 备注: z.string().optional() }).strict(),
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
    if (itemInput === undefined) return reportGuide(ctx, township, { command: '/乡 上报', usage: USAGE })
    return runReport(ctx, township, itemInput, rest)
  },
})
