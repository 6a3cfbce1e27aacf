import { z } from 'zod'
import { defineCommand } from './define'
import { may, rostered, today } from './common'
import { placeFor, placeWord } from './places'
import { takePage } from './pages'
import { drawFor, REVERIFIERS, reverifyRefusal } from './spot-common'
import { whoMay } from '../src/permissions'
import { drawView } from '../src/views/spot-draw'
import { spotDrawCard } from '../src/lark/cards/spot-draw'
import { spotRecordsCard } from '../src/lark/cards/spot-results'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'

/** The most draws /抽查 记录 pages through. */
const MAX_LISTED = 3000

export const spotRecords = defineCommand({
  path: ['抽查', '记录'],
  summary: '范围内的每一次抽查：编号、抽查人、时间、范围、户数、已复核户数（抽查永久记录，重抽也会列出）',
  usage: '/抽查 记录 [战区 或 乡镇 或 村] [第 N 页]',
  examples: ['/抽查 记录'],
  who: whoMay('readSpotChecks'),
  allow: may('readSpotChecks'),
  args: z.array(z.string().max(40, '名称太长了')).max(4, '参数太多了'),
  run: (ctx) => {
    const { words, page } = takePage(ctx.args)
    if (words.length > 1) throw new UserError(`看不懂「${words.join(' ')}」：范围只写一个战区、乡镇或村的名称。`)
    const place = placeFor(ctx, words[0], 'readSpotChecks')
    const draws = ctx.deps.spotDraws.list(place.filter, ctx.now.getTime(), MAX_LISTED)
    const word = placeWord(ctx, place)
    return cardReply(spotRecordsCard({
      title: `${place.label} · 抽查记录（${draws.length} 次）`, draws, page: page ?? 1, timeZone: ctx.deps.config.TIMEZONE,
      command: (n) => `/抽查 记录 ${word} 第 ${n} 页`,
    }))
  },
})

export const spotList = defineCommand({
  path: ['抽查', '名单'],
  summary: '一次抽查的名单，每户附复核表单（每页 6 户）',
  usage: '/抽查 名单 <编号> [第 N 页]',
  examples: ['/抽查 名单 1'],
  who: `${whoMay('readSpotChecks')}；${REVERIFIERS}`,
  allow: rostered,
  args: z.array(z.string().max(20, '参数太长了')).min(1, '请写抽查编号').max(4, '参数太多了'),
  run: (ctx) => {
    const { words, page } = takePage(ctx.args)
    if (words.length !== 1) throw new UserError('请只写一个抽查编号。')
    // Those who may re-verify in the draw see its list too (an assigned team member has no readSpotChecks).
    const draw = drawFor(ctx, words[0], 'readSpotChecks', { orIf: (d) => ctx.deps.spotDraws.households(d.id).some((h) => reverifyRefusal(ctx, d, h) === null) })
    const v = drawView(ctx.deps, draw, ctx.now.getTime())
    return cardReply(spotDrawCard(v, {
      direct: ctx.chat.type === 'p2p', today: today(ctx), page: page ?? 1, timeZone: ctx.deps.config.TIMEZONE,
      lines: ctx.deps.settings.incomeLines, overrides: ctx.deps.settings.spotCheck.overrides,
    }))
  },
})
