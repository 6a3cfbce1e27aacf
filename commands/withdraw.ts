import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { rostered } from './rights'
import { can, whoMay } from '../src/permissions'
import { text, UserError } from '../src/reply'
import { sixiaoWithdrawNote } from '../src/views/sixiao'

const WINDOW_MS = 7 * 24 * 60 * 60 * 1000
const KIND: Record<string, string> = { report: '上报', check: '户核查', completion: '任务完成', sixiao: '四小项目', reverify: '复核' }

export default defineCommand({
  path: ['撤销'],
  summary: '撤回一条记录（上报、核查、任务完成、四小项目、复核）；记录保留在审计中，各项数字不再计入它',
  examples: ['/撤销 128', '/撤销 #129'],
  who: `记录人本人（7 天内）；${whoMay('withdrawAny')}`,
  allow: rostered,
  args: z.tuple([arg('记录编号', z.string().regex(/^#?\d{1,12}$/, '记录编号应为数字，例如 128'))], { message: '请写记录编号' }),
  run: (ctx) => {
    const id = Number(ctx.args[0].replace('#', ''))
    const record = ctx.deps.records.get(id)
    if (!record) throw new UserError(`没有编号为 #${id} 的记录。`, { showUsage: false })
    const mayAny = can(ctx.me, 'withdrawAny', ctx.deps.places.find(record.villageCode ?? record.townshipCode).scope)
    if (!mayAny && record.authorOpenId !== ctx.me.openId) throw new UserError(`记录 #${id} 不是您录入的，只有录入人或${whoMay('withdrawAny')}可以撤销。`, { showUsage: false })
    if (!mayAny && ctx.now.getTime() - record.createdAt > WINDOW_MS) throw new UserError(`记录 #${id} 已超过 7 天，请联系${whoMay('withdrawAny')}撤销。`, { showUsage: false })
    if (record.withdrawnAt !== null) return text(`记录 #${id} 已经撤销过了。`)
    ctx.deps.records.withdraw(id, ctx.me.openId, ctx.now.getTime())
    if (record.kind === 'check') {
      ctx.deps.households.rebuildStanding(ctx.deps.records.checkedHousehold(id)!)
    }
    // A 复核 counts for the household's standing only where the county says so (spotCheck.overrides); a
    // withdrawn one leaves the draw's comparison, and any disagreement it raised, with it.
    if (record.kind === 'reverify' && ctx.deps.settings.spotCheck.overrides) ctx.deps.households.rebuildStanding(ctx.deps.spotFindings.householdOf(id)!)
    // "四小" amounts are derived at read, so nothing to rebuild; only say which project is paid now.
    const sixiao = record.kind === 'sixiao' ? sixiaoWithdrawNote(ctx.deps, id) : ''
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'record.withdraw', target: `record:${id}` })
    return text(`已撤销 #${id}（${KIND[record.kind]}，${record.visitedOn}）。相关进度和达标情况已按其余记录重新计算。${sixiao}`)
  },
})
