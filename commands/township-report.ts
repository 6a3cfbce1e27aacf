import { z } from 'zod'
import { defineCommand } from './define'
import { rostered } from './common'
import { placeFor } from './places'
import { runReport } from './report'
import { THREE_ITEMS } from '../src/domain/standards'
import { can } from '../src/permissions'
import { UserError } from '../src/reply'

export default defineCommand({
  path: ['乡', '上报'],
  aliases: [['乡镇', '上报']],
  summary: '上报乡镇自己的一项任务或乡"三有"事项（中心校、卫生院、便民服务中心）的进度',
  usage: '/乡 上报 <乡镇> <事项> <进度> [备注…] [日期=YYYY-MM-DD]',
  examples: ['/乡 上报 团结乡 卫生院 完成', '/乡 上报 团结乡 便民服务中心 60% 日期=昨天'],
  who: '本乡镇的乡镇干部；督查；管理员',
  allow: rostered,
  args: z.tuple([z.string(), z.string(), z.string()], { message: '缺少参数：乡镇、事项、进度都要写' }).rest(z.string()),
  named: z.object({ 日期: z.string().optional(), 备注: z.string().optional() }).strict(),
  run: (ctx) => {
    const [townshipInput, itemInput, ...rest] = ctx.args
    const place = placeFor(ctx, townshipInput, 'summary')
    if (place.scope.kind !== 'township') throw new UserError(`「${place.label}」不是乡镇：村里的进度请用 /村 上报。`)
    if (!can(ctx.me, 'write', place.scope)) {
      throw new UserError(`您不能为「${place.label}」上报：只有本乡镇的乡镇干部、督查和管理员可以。`, { showUsage: false })
    }
    return runReport(ctx, {
      townshipCode: place.scope.code, villageCode: null, name: place.label,
      tasks: ctx.deps.facts.taskNames({ kind: 'township', code: place.scope.code }), items: THREE_ITEMS,
      standard: '乡"三有"', progressCommand: `/乡 进度 ${place.label}`,
    }, itemInput, rest)
  },
})
