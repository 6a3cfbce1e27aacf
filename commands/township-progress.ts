import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { today, villageWord } from './common'
import { placeFor } from './places'
import { areaView } from '../src/views/area'
import { townshipCard } from '../src/lark/cards/area'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'
import { sixiaoRollup } from '../src/views/sixiao'
import { sixiaoSummary } from '../src/lark/cards/sixiao-summary'

export default defineCommand({
  path: ['乡', '进度'],
  aliases: [['乡镇', '进度'], ['乡']],
  summary: '乡镇总览：乡"三有"、各村一低五有与户达标、任务',
  examples: ['/乡 进度 团结乡', '/乡 进度'],
  right: 'readTownship',
  args: z.tuple([arg('乡镇', z.string().max(30, '名称太长了')).optional()]),
  run: (ctx) => {
    const input = ctx.args[0] ?? (ctx.me.townshipCode ?? undefined)
    if (!input) throw new UserError('请写上乡镇名称。')
    // Township detail is 'read', not 'summary': a township cadre sees their own township only.
    const place = placeFor(ctx, input, 'read')
    if (place.filter.kind !== 'township') throw new UserError(`「${place.label}」不是乡镇。`)
    const view = areaView(ctx.deps, place.filter, today(ctx))
    const year = Number(today(ctx).slice(0, 4))
    const first = view.townships[0]?.villages[0]
    return cardReply(townshipCard(view, {
      title: `${place.label} · 攻坚进度`,
      subtitle: `截至 ${today(ctx)}`,
      villageCommand: first ? `/村 进度 ${villageWord(ctx, first)}` : undefined,
      extra: [sixiaoSummary(sixiaoRollup(ctx.deps, place.filter, year).total, year)],
    }))
  },
})
