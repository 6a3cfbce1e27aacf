import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { today } from './common'
import { placeFor, placeWord } from './places'
import { areaView, townshipParts, zoneParts } from '../src/views/area'
import { areaCard } from '../src/lark/cards/area'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'
import { latestRankLine } from '../src/scoring/rank-line'
import { sixiaoRollup } from '../src/views/sixiao'
import { sixiaoSummary } from '../src/lark/cards/sixiao-summary'

export default defineCommand({
  path: ['战区', '进度'],
  aliases: [['战区']],
  summary: '战区总览：村达标、户达标、任务完成率与逾期，各乡镇对比；全县时对比五个战区',
  examples: ['/战区 进度', '/战区 进度 第一战区', '/战区 进度 全县'],
  right: 'summary',
  args: z.tuple([arg('战区 或 全县', z.string().max(30, '名称太长了')).optional()]),
  run: (ctx) => {
    const place = placeFor(ctx, ctx.args[0])
    if (place.filter.kind === 'township' || place.filter.kind === 'village') {
      throw new UserError(`「${place.label}」不是战区：乡镇请用 /乡 进度，村请用 /村 进度。`)
    }
    const view = areaView(ctx.deps, place.filter, today(ctx))
    const year = Number(today(ctx).slice(0, 4))
    // The county compares its zones; a zone its townships. Each says how to go one level down.
    const zones = place.filter.kind === 'county' ? zoneParts(view) : null
    const parts = zones
      ? { label: '各战区', list: zones, down: `各战区的乡镇：/战区 进度 ${zones[0]?.name ?? '<战区>'}` }
      : { label: '各乡镇', list: townshipParts(view), down: view.townships[0] ? `各乡镇的村：/乡 进度 ${placeWord(ctx, ctx.deps.places.find(view.townships[0].code))}` : undefined }
    return cardReply(areaCard(view, {
      title: `${place.label} · 攻坚进度`, subtitle: `截至 ${today(ctx)}`, rank: latestRankLine(ctx.deps.rankings, place.filter),
      parts: { label: parts.label, list: parts.list }, down: parts.down,
      extra: [sixiaoSummary(sixiaoRollup(ctx.deps, place.filter, year).total, year)],
    }))
  },
})
