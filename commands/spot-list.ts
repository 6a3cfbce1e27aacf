import { z } from 'zod'
import { anyOrder, free, page } from './any-order'
import { defineCommand } from './define'
import { today } from './common'
import { placeFor, placeWord } from './places'
import { ASSIGNED, drawFor, mayReverify, reverifyRefusal } from './spot-common'
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
  examples: ['/抽查 记录'],
  right: 'readSpotChecks',
  args: anyOrder({ place: free('战区 或 乡镇 或 村', (t) => `看不懂「${t}」：范围只写一个战区、乡镇或村的名称。`), page: page() }, z.string().max(40, '名称太长了')),
  run: (ctx) => {
    const { place: named, page } = ctx.args
    const place = placeFor(ctx, named, 'readSpotChecks')
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
  examples: ['/抽查 名单 1'],
  who: `${whoMay('readSpotChecks')}；${ASSIGNED}`,
  allow: (me) => mayReverify(me, 'readSpotChecks'),
  args: anyOrder({ draw: free('编号', () => '请只写一个抽查编号。', { needed: true }), page: page() }, z.string().max(20, '参数太长了')),
  run: (ctx) => {
    const { draw: number, page } = ctx.args
    if (number === undefined) throw new UserError('请写抽查编号，例如 /抽查 名单 1。')
    // Those who may re-verify in the draw see its list too (an assigned team member has no readSpotChecks).
    const draw = drawFor(ctx, number, 'readSpotChecks', { orIf: (d) => ctx.deps.spotDraws.households(d.id).some((h) => reverifyRefusal(ctx, d, h) === null) })
    const v = drawView(ctx.deps, draw, ctx.now.getTime())
    return cardReply(spotDrawCard(v, {
      direct: ctx.chat.type === 'p2p', today: today(ctx), page: page ?? 1, timeZone: ctx.deps.config.TIMEZONE,
      lines: ctx.deps.settings.incomeLines, overrides: ctx.deps.settings.spotCheck.overrides,
    }))
  },
})
