import { z } from 'zod'
import { arg } from './args'
import { defineCommand } from './define'
import { today } from './common'
import { placeFor } from './places'
import { drawFor } from './spot-common'
import { drawView } from '../src/views/spot-draw'
import { spotFigures, totalFigures } from '../src/views/spot-figures'
import { spotResultCard, spotSummaryCard } from '../src/lark/cards/spot-results'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'

export default defineCommand({
  path: ['抽查', '结果'],
  summary: '带编号：那次抽查的复核结果和每一项不一致及跟进情况；不带编号：本月各乡镇的抽查次数、复核户数、一致率、待跟进的不一致',
  examples: ['/抽查 结果', '/抽查 结果 1'],
  right: 'readSpotChecks',
  args: z.tuple([arg('编号 或 战区 或 乡镇', z.string().max(40, '名称太长了')).optional()], { message: '请只写一个抽查编号或一个范围' }),
  run: (ctx) => {
    const [word] = ctx.args
    const direct = ctx.chat.type === 'p2p'
    const timeZone = ctx.deps.config.TIMEZONE
    // A draw's number is short; a township's code (9 digits) or a village's (12) is a place.
    if (word !== undefined && /^(?:抽查)?#?\d{1,6}$/.test(word)) {
      const draw = drawFor(ctx, word, 'readSpotChecks')
      return cardReply(spotResultCard(drawView(ctx.deps, draw, ctx.now.getTime()), { direct, timeZone }))
    }
    const place = placeFor(ctx, word, 'readSpotChecks')
    if (place.scope.kind === 'village') throw new UserError('按乡镇汇总：请写战区或乡镇（或不写）；某次抽查请写它的编号。')
    const t = today(ctx)
    const rows = spotFigures(ctx.deps, place.filter, t.slice(0, 7), ctx.now.getTime())
    return cardReply(spotSummaryCard({
      title: `${place.label} · 本月抽查复核`, subtitle: `${t.slice(0, 7)}，截至 ${t}`, rows, total: totalFigures(rows, place.label),
    }))
  },
})
