import { describe, expect, it } from 'vitest'
import { parseProgress } from '../src/domain/progress'
import { readProgress, type ProgressTarget } from '../src/domain/progress-reading'
import { normalizeText } from '../src/text'
import { PROGRESS_WORDS } from '../src/domain/progress-words'
import { parseChineseNumber } from '../src/domain/chinese-number'

const task = (target: number | null, measure: string | null): ProgressTarget => ({ kind: 'task', target, measure })
const item = (name: string): ProgressTarget => ({ kind: 'item', item: name })

/** What a report stores, or the refusal it gets: the words in the cell are what the sender typed. */
type Expect = { ratio: number | null; amount?: number | null; done: boolean; shown: string } | { refused: RegExp }

/** Reads input as the chat does: NFKC and spaces first (voice input and IMEs), then against the target. */
function read(input: string, on: ProgressTarget) {
  const parsed = parseProgress(normalizeText(input))
  if (!parsed.ok) return { refused: parsed.reason }
  const r = readProgress(parsed.value, on)
  return r.ok ? r.value : { refused: r.reason }
}

const WATER = task(3, '处')            // 饮水工程: 3 处
const ROAD = task(3, '公里')           // 硬化路: 3 公里
const FUND = task(30, '万元')          // a fund counted in 万元
const YUAN = task(300_000, '元')       // the same, counted in 元
const HOMES = task(15, '户')           // 危房改造: 15 户
const CLINIC = task(null, null)        // 卫生室建设: no target
const NO_UNIT = task(100, null)        // a target without a unit

const CASES: [input: string, on: ProgressTarget, expected: Expect][] = [
  // The misreads the trusted-input issue found.
  ['60', WATER, { refused: /「60」比目标 3 处还多，是哪一个：60%（写 60%），还是 60 处（写 60处）？/ }],
  ['3万元', WATER, { refused: /该任务以「处」计，「3万元」对不上/ }],
  ['3.2万元', FUND, { ratio: 3.2 / 30, amount: 3.2, done: false, shown: '3.2 万元' }],
  ['50 %', item('集体经济'), { ratio: 0.5, amount: null, done: false, shown: '50%' }],
  ['完成了', WATER, { ratio: 1, done: true, shown: '已完成' }],
  ['已经完成', WATER, { ratio: 1, done: true, shown: '已完成' }],
  ['已竣工', WATER, { ratio: 1, done: true, shown: '已完成' }],
  ['80%了', WATER, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  // Units: with and without a space, converted into the task's unit.
  ['2公里', ROAD, { ratio: 2 / 3, amount: 2, done: false, shown: '2 公里' }],
  ['2.5 公里', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['2500米', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['2.5km', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['２．５ｋｍ', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['2.5千米', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['12户', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12 户' }],
  ['12 户', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12 户' }],
  ['12户', WATER, { refused: /该任务以「处」计，「12户」对不上/ }],
  ['32000元', FUND, { ratio: 3.2 / 30, amount: 3.2, done: false, shown: '3.2 万元' }],
  ['32,000元', FUND, { ratio: 3.2 / 30, amount: 3.2, done: false, shown: '3.2 万元' }],
  ['3.2万', FUND, { ratio: 3.2 / 30, amount: 3.2, done: false, shown: '3.2 万元' }],
  ['3.2万元', YUAN, { ratio: 32000 / 300000, amount: 32000, done: false, shown: '32000 元' }],
  ['32000', YUAN, { ratio: 32000 / 300000, amount: 32000, done: false, shown: '32000 元' }],
  ['3.2', FUND, { ratio: 3.2 / 30, amount: 3.2, done: false, shown: '3.2 万元' }],
  ['32000', FUND, { refused: /「32000」比目标 30 万元还多，是哪一个：32000 元（写 32000元），还是 32000 万元（写 32000万元）？/ }],
  ['2公里', FUND, { refused: /该任务以「万元」计，「2公里」对不上/ }],
  ['3万元', ROAD, { refused: /该任务以「公里」计，「3万元」对不上（金额不能折算成公里）/ }],
  ['5公里', ROAD, { ratio: 1, amount: 5, done: true, shown: '5 公里' }],
  ['3公里', ROAD, { ratio: 1, amount: 3, done: true, shown: '3 公里' }],
  ['2.99公里', ROAD, { ratio: 2.99 / 3, amount: 2.99, done: false, shown: '2.99 公里' }],
  ['3', WATER, { ratio: 1, amount: 3, done: true, shown: '3 处' }],
  ['2', WATER, { ratio: 2 / 3, amount: 2, done: false, shown: '2 处' }],
  ['0', WATER, { ratio: 0, amount: 0, done: false, shown: '0 处' }],
  ['4', WATER, { refused: /「4」比目标 3 处还多/ }],
  ['200', NO_UNIT, { refused: /「200」比目标 100还多，请核实后重写/ }],
  ['12栋', task(20, '栋'), { ratio: 0.6, amount: 12, done: false, shown: '12 栋' }],
  ['12亩', task(20, '亩·次'), { refused: /该任务以「亩·次」计/ }],
  ['12户', NO_UNIT, { refused: /该任务没有登记单位/ }],
  ['12', CLINIC, { refused: /该任务没有目标数量/ }],
  // Fractions: their total must be the target, or the figure is not what the sender meant.
  ['12/15', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12/15 户' }],
  ['12 / 15', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12/15 户' }],
  ['１２／１５', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12/15 户' }],
  ['15/15', HOMES, { ratio: 1, amount: 15, done: true, shown: '15/15 户' }],
  ['2/3公里', ROAD, { ratio: 2 / 3, amount: 2, done: false, shown: '2/3 公里' }],
  ['12/20', HOMES, { refused: /「12\/20」的总数 20 与目标 15 户不一致。请写完成的数量（如 12户）或百分比（如 60%）/ }],
  ['20/15', HOMES, { refused: /完成数 20 大于总数 15/ }],
  ['0/0', HOMES, { refused: /总数不能为 0/ }],
  ['1/2', CLINIC, { ratio: 0.5, amount: null, done: false, shown: '1/2' }],
  ['2户/3处', WATER, { refused: /前后单位不同/ }],
  // Percentages, as IMEs and voice input write them.
  ['80%', ROAD, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  ['80％', ROAD, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  ['百分之六十', ROAD, { ratio: 0.6, amount: null, done: false, shown: '60%' }],
  ['百分之60', ROAD, { ratio: 0.6, amount: null, done: false, shown: '60%' }],
  ['百分之八十五', ROAD, { ratio: 0.85, amount: null, done: false, shown: '85%' }],
  ['百分之百', ROAD, { ratio: 1, amount: null, done: true, shown: '100%' }],
  ['100%', ROAD, { ratio: 1, amount: null, done: true, shown: '100%' }],
  ['完成80%', ROAD, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  ['已完成了80%。', ROAD, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  ['进度60%', ROAD, { ratio: 0.6, amount: null, done: false, shown: '60%' }],
  ['约80%左右', ROAD, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  ['12.5%', ROAD, { ratio: 0.125, amount: null, done: false, shown: '12.5%' }],
  ['120%', ROAD, { refused: /百分比 120% 超过了 100%/ }],
  ['80%', CLINIC, { ratio: 0.8, amount: null, done: false, shown: '80%' }],
  // Numbers in words.
  ['两公里', ROAD, { ratio: 2 / 3, amount: 2, done: false, shown: '2 公里' }],
  ['二点五公里', ROAD, { ratio: 2.5 / 3, amount: 2.5, done: false, shown: '2.5 公里' }],
  ['十二户', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12 户' }],
  ['已完成十二户了', HOMES, { ratio: 0.8, amount: 12, done: false, shown: '12 户' }],
  ['三万元', YUAN, { ratio: 0.1, amount: 30000, done: false, shown: '30000 元' }],
  // Words.
  ['完成', WATER, { ratio: 1, done: true, shown: '已完成' }],
  ['完成了。', WATER, { ratio: 1, done: true, shown: '已完成' }],
  ['已验收', CLINIC, { ratio: 1, done: true, shown: '已完成' }],
  ['竣工了！', CLINIC, { ratio: 1, done: true, shown: '已完成' }],
  ['未开工', WATER, { ratio: 0, done: false, shown: '未开工' }],
  ['没开工', WATER, { ratio: 0, done: false, shown: '未开工' }],
  ['还没开工呢', WATER, { ratio: 0, done: false, shown: '未开工' }],
  // Refused, never guessed.
  ['快完成了', WATER, { refused: /「快完成了」不是进度/ }],
  ['差不多', WATER, { refused: /「差不多」不是进度/ }],
  ['完成了吗', WATER, { refused: /不是进度/ }],
  ['-1', WATER, { refused: /进度不能为负数/ }],
  ['−1', WATER, { refused: /进度不能为负数/ }],
  ['1e9', WATER, { refused: /不是进度/ }],
  ['2000000000元', YUAN, { refused: /金额|数量过大/ }],
  ['12户已搬迁', HOMES, { refused: /不认识单位「户已搬迁」：该任务以「户」计（备注请和进度用空格隔开）/ }],
  ["'; DROP TABLE records; --", WATER, { refused: /不是进度/ }],
  ['', WATER, { refused: /没有写进度/ }],
  // The 一低五有 items: 集体经济 takes money, the others words or percentages.
  ['3.2万元', item('集体经济'), { ratio: null, amount: 32000, done: false, shown: '3.2 万元' }],
  ['32000元', item('集体经济'), { ratio: null, amount: 32000, done: false, shown: '3.2 万元' }],
  ['800块', item('集体经济'), { ratio: null, amount: 800, done: false, shown: '800 元' }],
  ['50', item('集体经济'), { refused: /「50」没有单位：集体经济请写金额/ }],
  ['5公里', item('集体经济'), { refused: /集体经济请写金额/ }],
  ['完成', item('硬化路'), { ratio: 1, done: true, shown: '已完成' }],
  ['2公里', item('硬化路'), { refused: /「硬化路」请写 完成、未开工 或百分比/ }],
]

describe('progress as people type it, held against the task', () => {
  it('has at least 60 real-world cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60))
  it.each(CASES.map(([input, on, expected]) => [input, JSON.stringify(on), on, expected] as const))('%s on %s', (input, _label, on, expected) => {
    const got = read(input, on)
    if ('refused' in expected) {
      expect('refused' in got, `expected a refusal, got ${JSON.stringify(got)}`).toBe(true)
      expect((got as { refused: string }).refused).toMatch(expected.refused)
      return
    }
    expect('refused' in got, `expected a reading, got ${JSON.stringify(got)}`).toBe(false)
    const r = got as Exclude<typeof got, { refused: string }>
    expect(r.done).toBe(expected.done)
    expect(r.shown).toBe(expected.shown)
    if (expected.ratio === null) expect(r.ratio).toBeNull()
    else expect(r.ratio).toBeCloseTo(expected.ratio, 9)
    if (expected.amount !== undefined) {
      if (expected.amount === null) expect(r.amount).toBeNull()
      else expect(r.amount).toBeCloseTo(expected.amount, 9)
    }
  })
})

describe('the accepted vocabulary, one entry at a time', () => {
  it.each(PROGRESS_WORDS.done.map((w) => [w]))('「%s」 says done', (w) => {
    expect(read(w, WATER)).toMatchObject({ done: true, ratio: 1 })
  })
  it.each(PROGRESS_WORDS.notStarted.map((w) => [w]))('「%s」 says not started', (w) => {
    expect(read(w, WATER)).toMatchObject({ done: false, ratio: 0, shown: '未开工' })
  })
  it.each(PROGRESS_WORDS.leading.map((w) => [w]))('「%s」 before a figure adds nothing to it', (w) => {
    expect(read(`${w}2处`, WATER)).toMatchObject({ amount: 2, shown: '2 处' })
  })
  it.each(PROGRESS_WORDS.trailing.map((w) => [w]))('「%s」 after a figure adds nothing to it', (w) => {
    expect(read(`60%${w}`, WATER)).toMatchObject({ ratio: 0.6, shown: '60%' })
  })
})

describe('numbers in words', () => {
  it.each([
    ['六十', 60], ['八十五', 85], ['两', 2], ['十', 10], ['十二', 12], ['一百二十', 120], ['一百二', 120], ['一千零五', 1005],
    ['三点五', 3.5], ['零点五', 0.5], ['一万二', 12000], ['五万', 50000], ['一万零五十', 10050],
  ] as const)('%s = %d', (s, n) => expect(parseChineseNumber(s)).toBe(n))
  it.each(['二〇一八', '一二', '百', '三点', '点五', '万', '十十'])('「%s」 is not a number anyone says of progress', (s) => {
    expect(parseChineseNumber(s)).toBeNull()
  })
})
