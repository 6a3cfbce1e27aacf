import { z } from 'zod'
import { defineCommand, type CommandContext } from './define'
import { rostered } from './common'
import { placeFor } from './places'
import { UserError } from '../src/reply'
import { parsePeriod } from '../src/domain/dates'
import { rankingsOf } from '../db/repos/rankings'
import { cardReply } from '../src/lark/cards/kit'
import { countyRankingCard, periodLabel, zoneRankingCard } from '../src/lark/cards/ranking'
import { townshipScoreCard } from '../src/lark/cards/ranking-detail'

const QUARTER_WORDS: Record<string, string> = { 一: '1', 二: '2', 三: '3', 四: '4', 1: '1', 2: '2', 3: '3', 4: '4' }
const PERIOD_HELP = '期间请写 YYYY-MM（如 2018-05）或 YYYY-Qn（如 2018-Q2）'

/**
 * A period as people type it: 2018-05, 2018-5, 2018年5月, 2018/05, 2018-Q2, 2018q2, 2018年第二季度.
 * Full-width forms arrive already normalised (inbound NFKC). Throws a UserError saying what is wrong.
 */
export function readPeriod(word: string): string {
  const s = word.trim()
  const q = /^(\d{4})\s*(?:[-/.年]?\s*[Qq]|年第?)([1-4一二三四])(?:季度?)?$/.exec(s)
  if (q) return `${q[1]}-Q${QUARTER_WORDS[q[2]!]}`
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})月?$/.exec(s)
  if (m) {
    const month = Number(m[2])
    if (month < 1 || month > 12) throw new UserError(`「${s}」不是有效的月份：月份应为 1–12。`)
    const id = `${m[1]}-${String(month).padStart(2, '0')}`
    if (parsePeriod(id)) return id
  }
  throw new UserError(`「${s}」不是有效的期间：${PERIOD_HELP}。`)
}

/** The period and the place words, in either order (`/排名 团结乡 2018-05` works too). */
function splitArgs(args: [string?, string?]): { period?: string; place?: string } {
  const [a, b] = args
  const isPeriod = (w?: string) => w !== undefined && /\d/.test(w)
  if (isPeriod(a)) return { period: readPeriod(a!), place: b }
  if (isPeriod(b)) return { period: readPeriod(b!), place: a }
  if (a !== undefined && b !== undefined) throw new UserError(`看不懂「${a} ${b}」：${PERIOD_HELP}，再写乡镇名称。`)
  return { place: a }
}

export default defineCommand({
  path: ['排名'],
  aliases: [['考核排名'], ['排行']],
  summary: '已发布的考核排名：本战区（县指挥部群为全县）；加上乡镇名看它的得分明细和依据的记录',
  usage: '/排名 [YYYY-MM 或 YYYY-Qn] [乡镇]',
  examples: ['/排名', '/排名 2018-05', '/排名 2018-Q2', '/排名 2018-05 团结乡'],
  who: '花名册中的所有人：看本战区（县领导、督查、管理员看全县）',
  allow: rostered,
  args: z.tuple([z.string().max(30, '参数太长了').optional(), z.string().max(30, '参数太长了').optional()]),
  run: (ctx) => {
    const words = splitArgs(ctx.args)
    const rankings = rankingsOf(ctx.deps.db)
    const published = rankings.periods()
    if (published.length === 0) {
      throw new UserError('还没有发布过考核排名。每月 1 日发布上月的排名，季度第一个月再发布上季度的排名。', { showUsage: false })
    }
    const period = words.period ?? published[0]!.period
    const snapshot = rankings.snapshot(period)
    if (!snapshot) {
      throw new UserError(`${periodLabel(period)}（${period}）的排名还没有发布。已发布：${published.slice(0, 12).map((p) => p.period).join('、')}。`, { showUsage: false })
    }
    const place = placeOf(ctx, words.place)
    const others = published.filter((p) => p.period !== period).slice(0, 6).map((p) => p.period)
    const footer = `乡镇得分明细：/排名 ${period} <乡镇>${others.length ? `\n其他已发布：${others.join('、')}` : ''}`
    if (place.filter.kind === 'county') return cardReply(countyRankingCard(snapshot, { footer }))
    if (place.filter.kind === 'zone') return cardReply(zoneRankingCard(snapshot, place.filter.zoneId, { footer }))
    if (place.filter.kind === 'village') throw new UserError(`「${place.label}」是村：排名到乡镇为止，请写乡镇名称。`)
    const row = snapshot.rows.find((r) => r.townshipCode === (place.filter as { code: string }).code)
    if (!row) throw new UserError(`${period} 的排名里没有「${place.label}」（发布时它还不在名册中）。`, { showUsage: false })
    return cardReply(townshipScoreCard(snapshot, row))
  },
})

/** The place asked about (checked against the sender's remit), or this chat's / the sender's default. */
function placeOf(ctx: CommandContext<[string?, string?]>, word: string | undefined) {
  try {
    return placeFor(ctx, word)
  } catch (err) {
    // A word that is neither a period nor a place: say both forms rather than only "no such village".
    if (word !== undefined && err instanceof UserError && err.message.startsWith('没有找到')) {
      throw new UserError(`「${word}」看不懂：${PERIOD_HELP}；乡镇请写名称（如 团结乡）。`)
    }
    throw err
  }
}
