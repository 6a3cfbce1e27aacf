import { z } from 'zod'
import { arg } from './args'
import { defineCommand } from './define'
import { drawFor } from './spot-common'
import { TEAM_ROLES, type Role } from '../src/identity'
import { text, UserError } from '../src/reply'

export default defineCommand({
  path: ['抽查', '指派'],
  summary: '指派其他村的工作队员复核一次抽查的户（不能复核本村的户）',
  examples: ['/抽查 指派 1 钱进'],
  right: 'drawSpotCheck',
  args: z.tuple([arg('编号', z.string().max(20, '编号太长了')), arg('姓名 或 姓名@村', z.string().max(40, '姓名太长了'))], { message: '请写抽查编号和姓名' }),
  run: (ctx) => {
    const [number, who] = ctx.args
    const draw = drawFor(ctx, number, 'drawSpotCheck')
    const [name, village] = who.split('@') as [string, string | undefined]
    const found = ctx.deps.spotDraws.membersNamed(name.trim())
      .filter((m) => village === undefined || m.villageName === village || m.villageName === `${village}村` || m.villageCode === village)
    if (found.length === 0) throw new UserError(`花名册里没有「${who}」。`)
    if (found.length > 1) {
      throw new UserError(`有 ${found.length} 位「${name}」：${found.map((m) => `${m.name}（${m.villageName ?? m.role}）`).join('、')}。请写成 姓名@村，例如 ${name}@${found.find((m) => m.villageName)?.villageName ?? '红岩洞村'}。`)
    }
    const m = found[0]!
    if (!TEAM_ROLES.includes(m.role as Role)) {
      throw new UserError(`${m.name}是${m.role}：指派只用于其他村的工作队员；督查、管理员和抽查人不用指派就能复核。`, { showUsage: false })
    }
    const households = ctx.deps.spotDraws.households(draw.id)
    const own = households.filter((h) => h.villageCode === m.villageCode).length
    if (own === households.length) throw new UserError(`抽查 #${draw.id} 的 ${own} 户都在${m.villageName}，${m.name}是该村工作队的，不能复核本村的户。`, { showUsage: false })
    const fresh = ctx.deps.spotDraws.assign(draw.id, m.id, ctx.me.openId, ctx.now.getTime())
    if (!fresh) return text(`${m.name}（${m.villageName}${m.role}）已经被指派复核抽查 #${draw.id}，无需重复指派。`)
    ctx.deps.audit.record({ at: ctx.now.getTime(), actor: ctx.me.openId, action: 'spot.assign', target: `draw:${draw.id}`, detail: { member: m.id } })
    return text([
      `已指派 ${m.name}（${m.villageName}${m.role}）复核抽查 #${draw.id}（${draw.scopeLabel}，${households.length} 户）。`,
      ...(own ? [`其中 ${own} 户在${m.villageName}，${m.name}不能复核，需由别人复核。`] : []),
      ...(m.openId ? [] : [`${m.name}还没有关联飞书账号：私聊我发送 /认证 姓名 手机后四位 之后才能复核。`]),
      `名单和表单：/抽查 名单 ${draw.id}`,
    ].join('\n'))
  },
})
