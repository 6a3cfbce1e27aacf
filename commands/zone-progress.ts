import { z } from 'zod'
import { defineCommand } from './define'
import { rostered, today } from './common'
import { placeFor } from './places'
import { areaView } from '../src/views/area'
import { areaCard } from '../src/lark/cards/area'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'
import { latestRankLine } from '../src/scoring/rank-line'
import { sixiaoRollup } from '../src/views/sixiao'
import { sixiaoSummary } from '../src/lark/cards/sixiao-summary'

export default defineCommand({
  path: ['战区', '进度'],
  aliases: [['战区']],
  summary: '战区（或全县）总览：各类村及一低五有达标、户一超六有、任务完成与逾期、乡镇对比图',
  usage: '/战区 进度 [战区 或 全县]',
  examples: ['/战区 进度', '/战区 进度 第一战区', '/战区 进度 全县'],
  who: '指挥长、督查、县领导、管理员；工作队员和乡镇干部看本战区',
  allow: rostered,
  args: z.tuple([z.string().max(30, '名称太长了').optional()]),
  run: (ctx) => {
    const place = placeFor(ctx, ctx.args[0])
    if (place.filter.kind === 'township' || place.filter.kind === 'village') {
      throw new UserError(`「${place.label}」不是战区：乡镇请用 /乡 进度，村请用 /村 进度。`)
    }
    const view = areaView(ctx.deps, place.filter, today(ctx))
    const year = Number(today(ctx).slice(0, 4))
    return cardReply(areaCard(view, {
      title: `${place.label} · 攻坚进度`, subtitle: `截至 ${today(ctx)}`, rank: latestRankLine(ctx.deps.db, place.filter),
      extra: [sixiaoSummary(sixiaoRollup(ctx.deps, place.filter, year).total, year)],
    }))
  },
})
