import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { today, villageWord } from './common'
import { placeFor } from './places'
import { areaView, threeHaveOf } from '../src/views/area'
import { householdShare, shareText, taskShare } from '../src/views/figures'
import { areaCard } from '../src/lark/cards/area'
import { cardReply, escapeMd, hr, md } from '../src/lark/cards/kit'
import { THREE_ITEMS } from '../src/domain/standards'
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
    const township = view.townships[0]
    const three = threeHaveOf(township)
    const villageLines = (township?.villages ?? []).map((v) =>
      `${v.standard.meets ? '✅' : '❌'} ${escapeMd(v.name)}（${v.category}）户达标 ${shareText(householdShare(v.counts), '户')}　任务完成率 ${shareText(taskShare(v.tasks), '项')}`)
    return cardReply(areaCard(view, {
      title: `${place.label} · 攻坚进度`,
      subtitle: `截至 ${today(ctx)}`,
      extra: [
        hr(),
        md([`**乡"三有"**：${three.meets ? '✅ 达标' : `未达标（${three.missing.join('、')}）`}`,
          ...THREE_ITEMS.map((i) => `${three.items[i] === null ? '⚪' : three.items[i] ? '✅' : '❌'} ${i}　${escapeMd(three.sources[i])}`)].join('\n')),
        md(['**各村**（✅ ❌：一低五有是否达标）', ...villageLines, ...(township?.villages[0] ? [`<font color='grey'>一个村的明细：/村 进度 ${escapeMd(villageWord(ctx, township.villages[0]))}</font>`] : [])].join('\n')),
        sixiaoSummary(sixiaoRollup(ctx.deps, place.filter, year).total, year),
      ],
    }))
  },
})
