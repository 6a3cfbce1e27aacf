import { z } from 'zod'
import { defineCommand, type CommandContext } from './define'
import { UserError } from '../src/reply'
import { parsePeriod } from '../src/domain/dates'
import { cardReply } from '../src/lark/cards/kit'
import { countyRankingCard, periodLabel, zoneRankingCard } from '../src/lark/cards/ranking'
import { scorePartCard, townshipScoreCard, type ScorePart } from '../src/lark/cards/ranking-detail'
import { placeFor, placeWord } from './places'
import { anyOrder, choice, free, page, shaped } from './any-order'

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

/** The part of a township's score listed in full, by the word that asks for it. */
const PARTS: Record<'任务' | '村', ScorePart> = { 任务: 'tasks', 村: 'villages' }

interface RankingArgs { period?: string; place?: string; part?: ScorePart; page?: number }

/** What the words ask for: a part is a township's, and a page is a part's. */
function asked(words: { period?: string; place?: string; part?: keyof typeof PARTS; page?: number }): RankingArgs {
  const { place, page } = words
  const part = words.part && PARTS[words.part]
  if ((part || page) && !place) throw new UserError('请写上乡镇名称，例如 /排名 2018-05 团结乡 任务。')
  if (page && !part) throw new UserError('分页看的是任务或各村，例如 /排名 2018-05 团结乡 任务 第 2 页。')
  return { period: words.period === undefined ? undefined : readPeriod(words.period), place, part, page }
}

export default defineCommand({
  path: ['排名'],
  aliases: [['考核排名'], ['排行']],
  summary: '已发布的考核排名：本战区（县指挥部群为全县）；加上乡镇名看它的得分明细和依据的记录',
  examples: ['/排名', '/排名 团结乡'],
  right: 'summary',
  // In any order (`/排名 团结乡 2018-05` too): a word with a digit is the period, the one left the township.
  args: anyOrder({
    period: shaped('YYYY-MM 或 YYYY-Qn', /\d/, (t) => `「${t}」：只能写一个期间。${PERIOD_HELP}。`),
    place: free('乡镇', (t) => `看不懂「${t}」：${PERIOD_HELP}，再写乡镇名称。`),
    part: choice({ 任务: ['任务', '任务明细'], 村: ['村', '各村'] }),
    page: page(),
  }, z.string().max(30, '参数太长了')),
  run: (ctx) => {
    const words = asked(ctx.args)
    const rankings = ctx.deps.rankings
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
    const command = (part?: ScorePart, page = 1) =>
      ['/排名', period, placeWord(ctx, place), part === 'tasks' ? '任务' : part === 'villages' ? '村' : '', page > 1 ? `第 ${page} 页` : ''].filter(Boolean).join(' ')
    if (!words.part) return cardReply(townshipScoreCard(snapshot, row, command))
    if (snapshot.head.kind === 'quarter') {
      throw new UserError(`季度得分是各月得分的平均，没有任务和各村明细：请看各月，例如 /排名 ${snapshot.head.months?.[0]?.month ?? 'YYYY-MM'} ${placeWord(ctx, place)} ${words.part === 'tasks' ? '任务' : '村'}。`, { showUsage: false })
    }
    return cardReply(scorePartCard(snapshot, row, words.part, words.page ?? 1, command))
  },
})

/** The place asked about (checked against the sender's remit), or this chat's / the sender's default. */
function placeOf(ctx: CommandContext<unknown>, word: string | undefined) {
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
