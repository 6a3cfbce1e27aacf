import { z } from 'zod'
import { arg, keys, value } from './args'
import { defineCommand } from './define'
import { today } from './common'
import { can, whoMay } from '../src/permissions'
import type { DrawScope } from '../db/repos/spot-draws'
import type { Place } from '../src/registry/place'
import { defaultDrawSize, drawSample, newSeed, SAMPLING_METHOD } from '../src/domain/sample'
import { parseChineseNumber } from '../src/domain/chinese-number'
import { drawView } from '../src/views/spot-draw'
import { spotDrawCard } from '../src/lark/cards/spot-draw'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'

/** Default draw: 5 households per village in scope, at most 50 in one draw (docs/domain.md, "Spot checks"). */
export const PER_VILLAGE = 5
export const MAX_DRAW = 50

/** 对象=: which households may be drawn. The default is the ones whose exit is to be verified. */
const TARGETS: Record<string, readonly string[]> = {
  当年脱贫: ['当年脱贫'],
  已脱贫: ['已脱贫'],
  全部: ['未脱贫', '当年脱贫', '已脱贫', '返贫', '非贫困户'],
}
const DEFAULT_TARGET = ['当年脱贫', '已脱贫']

/** 户数=: a whole number 1–50 (digits or words: 十), or 全部 (every household that may be drawn, at most 50). */
function requestedSize(raw: string | undefined): number | 'all' | null {
  if (raw === undefined) return null
  if (raw === '全部') return 'all'
  const n = /^\d{1,3}$/.test(raw) ? Number(raw) : parseChineseNumber(raw.replace(/户$/, ''))
  if (n === null || !Number.isInteger(n) || n < 1 || n > MAX_DRAW) {
    throw new UserError(`户数=「${raw}」不行：请写 1 到 ${MAX_DRAW} 之间的整数（一次最多抽 ${MAX_DRAW} 户），或 户数=全部。`)
  }
  return n
}

function drawScopeOf(place: Place): DrawScope {
  const s = place.scope
  if (s.kind === 'county') throw new UserError('一次抽查只在一个战区、乡镇或村里：请写战区、乡镇或村的名称，不能写全县。')
  return {
    kind: s.kind, zoneId: s.zoneId, label: place.label,
    townshipCode: s.kind === 'township' ? s.code : s.kind === 'village' ? s.townshipCode : null,
    villageCode: s.kind === 'village' ? s.code : null,
  }
}

export default defineCommand({
  path: ['抽查'],
  summary: '随机抽取户进行复核（默认每村 5 户，一次最多 50 户），抽取结果永久记录、不能更改；带表单的名单可直接复核',
  examples: ['/抽查 团结乡红岩洞村 户数=全部', '/抽查 团结乡 对象=已脱贫'],
  right: 'drawSpotCheck',
  args: z.tuple([arg('战区 或 乡镇 或 村', z.string().max(40, '名称太长了'))], { message: '请写要抽查的战区、乡镇或村' }),
  named: keys({ 户数: value('N 或 全部'), 对象: value('当年脱贫/已脱贫/全部') }),
  run: (ctx) => {
    const { deps, me } = ctx
    const place = deps.places.find(ctx.args[0])
    const scope = drawScopeOf(place)
    if (!can(me, 'drawSpotCheck', place.scope)) {
      throw new UserError(`「${place.label}」不在您的抽查范围内：只有${whoMay('drawSpotCheck')}可以抽查。`, { showUsage: false })
    }
    const target = ctx.named.对象
    if (target !== undefined && !TARGETS[target]) throw new UserError(`对象=「${target}」看不懂：请写 当年脱贫、已脱贫 或 全部（不写即当年脱贫和已脱贫户）。`)
    const statuses = target ? TARGETS[target]! : DEFAULT_TARGET
    const requested = requestedSize(ctx.named.户数)
    const population = deps.spotDraws.population(scope, statuses)
    const who = target === '全部' ? '户' : `${statuses.join('、')}户`
    if (population.codes.length === 0) throw new UserError(`「${place.label}」没有${who}可抽。`, { showUsage: false })
    const n = population.codes.length
    if (requested === 'all' && n > MAX_DRAW) throw new UserError(`「${place.label}」的${who}有 ${n} 户，超过一次最多抽取的 ${MAX_DRAW} 户：请写 户数=${MAX_DRAW} 或更少。`)
    if (typeof requested === 'number' && requested > n) throw new UserError(`「${place.label}」的${who}只有 ${n} 户，不够抽 ${requested} 户：请写 户数=${n} 或更少（或 户数=全部）。`)
    const size = requested === 'all' ? n : requested ?? defaultDrawSize(population.villages, n, PER_VILLAGE, MAX_DRAW)
    const seed = newSeed(ctx.random)
    const id = deps.spotDraws.add({
      scope, statuses, requested: requested === 'all' ? n : requested, population: n, seed, method: SAMPLING_METHOD,
      drawerOpenId: me.openId, drawerMemberId: me.memberId, drawnAt: ctx.now.getTime(), sourceMessageId: ctx.messageId,
      households: drawSample(population.codes, size, seed),
    })
    deps.audit.record({ at: ctx.now.getTime(), actor: me.openId, action: 'spot.draw', target: `draw:${id}`, detail: { size, population: n, seed } })
    const v = drawView(deps, deps.spotDraws.get(id)!, ctx.now.getTime())
    return cardReply(spotDrawCard(v, { direct: ctx.chat.type === 'p2p', today: today(ctx), page: 1, timeZone: deps.config.TIMEZONE, lines: deps.settings.incomeLines, overrides: deps.settings.spotCheck.overrides }))
  },
})
