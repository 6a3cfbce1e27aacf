import { z } from 'zod'
import { arg, rest } from './args'
import { defineCommand } from './define'
import { drawFor, drawnIn } from './spot-common'
import { findings, openDisagreements } from '../src/views/spot-findings'
import { disagreementText } from '../src/views/spot-text'
import { text, UserError } from '../src/reply'

export default defineCommand({
  path: ['抽查', '关闭'],
  summary: '关闭一户在某次抽查中待跟进的不一致，写明原因（记录保留）；工作队重新核查该户也会关闭它',
  examples: ['/抽查 关闭 1 何桂英@红岩洞村 复核时屋顶正在维修，已拍照存档'],
  right: 'closeSpotCheck',
  args: z.tuple([arg('编号', z.string().max(20, '编号太长了')), arg('户', z.string().max(40, '户编号或姓名太长了'))], { message: '请写抽查编号、户和原因' }).rest(rest('原因', { needed: true })),
  run: (ctx) => {
    const [number, ref, ...words] = ctx.args
    const draw = drawFor(ctx, number, 'closeSpotCheck')
    const drawn = drawnIn(ctx, draw, ref)
    const reason = words.join(' ').trim()
    if (reason === '') throw new UserError('请写关闭的原因，例如：复核时屋顶正在维修，已拍照存档。')
    if ([...reason].length > 200) throw new UserError('原因太长了，请控制在 200 字以内。')
    const at = ctx.now.getTime()
    const finding = findings(ctx.deps, { kind: 'draw', drawId: draw.id }, at).find((f) => f.household.householdCode === drawn.householdCode)
    const open = finding ? openDisagreements(finding) : []
    if (open.length === 0) {
      throw new UserError(`抽查 #${draw.id} 中户 ${drawn.householdCode} 没有待跟进的不一致${finding ? '' : '（还没有复核）'}，无需关闭。`, { showUsage: false })
    }
    const through = Math.max(...open.map((d) => d.recordId))
    ctx.deps.spotFindings.addClosure({ drawId: draw.id, householdCode: drawn.householdCode, through, reason, by: ctx.me.openId, at })
    ctx.deps.audit.record({ at, actor: ctx.me.openId, action: 'spot.close', target: `draw:${draw.id}`, detail: { household: drawn.householdCode, items: open.length } })
    return text([
      `已关闭抽查 #${draw.id} 中户 ${drawn.householdCode}（${drawn.villageName}）的 ${open.length} 项不一致：`,
      ...open.map((d) => `· ${disagreementText(d)}`),
      `原因：${reason}`,
    ].join('\n'))
  },
})
