import { describe, expect, it } from 'vitest'
import {
  DEFAULT_INCOME_LINES, FIVE_ITEMS, SIX_ITEMS, householdStandard, incomeLine, parseYesNo, townshipThreeHave,
  villageStandard, type FiveItem, type SixItem,
} from '../src/domain/standards'

const allFive = Object.fromEntries(FIVE_ITEMS.map((k) => [k, true])) as Record<FiveItem, boolean>
const allSix = Object.fromEntries(SIX_ITEMS.map((k) => [k, true])) as Record<SixItem, boolean>

describe('villageStandard (一低五有)', () => {
  it('2.99% is low, 3.00% is not', () => {
    const below = villageStandard({ agriPopulation: 10000, poorPopulation: 299, items: allFive })
    expect(below.incidence).toBeCloseTo(0.0299, 10)
    expect(below.lowIncidence).toBe(true)
    expect(below.meets).toBe(true)
    expect(below.missing).toEqual([])

    const at = villageStandard({ agriPopulation: 10000, poorPopulation: 300, items: allFive })
    expect(at.incidence).toBe(0.03)
    expect(at.lowIncidence).toBe(false)
    expect(at.meets).toBe(false)
    expect(at.missing).toEqual(['贫困发生率'])
  })
  it('treats a village with no agricultural population as incidence 0', () => {
    const v = villageStandard({ agriPopulation: 0, poorPopulation: 0, items: allFive })
    expect(v.incidence).toBe(0)
    expect(v.lowIncidence).toBe(true)
  })
  it('an unreported item is null and blocks the standard', () => {
    const { 卫生室: _, ...four } = allFive
    const v = villageStandard({ agriPopulation: 1000, poorPopulation: 10, items: four })
    expect(v.items.卫生室).toBeNull()
    expect(v.items.文化室).toBe(true)
    expect(v.meets).toBe(false)
    expect(v.missing).toEqual(['卫生室'])
  })
  it('a failed item is false; everything missing is listed in order', () => {
    const v = villageStandard({ agriPopulation: 1000, poorPopulation: 50, items: { 硬化路: false, 集体经济: true } })
    expect(v.incidence).toBe(0.05)
    expect(v.items.硬化路).toBe(false)
    expect(v.missing).toEqual(['贫困发生率', '硬化路', '卫生室', '文化室', '通信网络'])
  })
})

describe('incomeLine', () => {
  it('uses the configured line of the year', () => {
    expect(incomeLine(2014, DEFAULT_INCOME_LINES)).toBe(2800)
    expect(incomeLine(2017, DEFAULT_INCOME_LINES)).toBe(2952)
    expect(incomeLine(2018, DEFAULT_INCOME_LINES)).toBe(2995)
    expect(incomeLine(2020)).toBe(4000)
  })
  it('a year without a line uses the latest configured year before it', () => {
    expect(incomeLine(2021, DEFAULT_INCOME_LINES)).toBe(4000)
    const lines = { 2018: 3300, 2020: 4000 }
    expect(incomeLine(2019, lines)).toBe(3300) // not 2020's line
  })
  it('a year before every configured one uses the earliest', () => {
    expect(incomeLine(2013, DEFAULT_INCOME_LINES)).toBe(2800)
  })
  it('refuses an empty configuration', () => {
    expect(() => incomeLine(2018, {})).toThrow(RangeError)
  })
})

describe('householdStandard (一超六有)', () => {
  it('income equal to the line fails; one yuan above passes', () => {
    const equal = householdStandard({ income: { value: 2995, year: 2018 }, items: allSix })
    expect(equal.line).toBe(2995)
    expect(equal.incomeOk).toBe(false)
    expect(equal.meets).toBe(false)
    expect(equal.missing).toEqual(['收入'])

    const above = householdStandard({ income: { value: 2996, year: 2018 }, items: allSix })
    expect(above.incomeOk).toBe(true)
    expect(above.meets).toBe(true)
    expect(above.missing).toEqual([])
  })
  it('compares with the line of the check year', () => {
    expect(householdStandard({ income: { value: 2995, year: 2017 }, items: allSix }).incomeOk).toBe(true) // 2952
    const y2021 = householdStandard({ income: { value: 3999, year: 2021 }, items: allSix }) // no 2021 line → 4000
    expect(y2021.line).toBe(4000)
    expect(y2021.incomeOk).toBe(false)
  })
  it('uses configured lines when given', () => {
    const h = householdStandard({ income: { value: 3200, year: 2018 }, items: allSix, lines: { 2018: 3300 } })
    expect(h.line).toBe(3300)
    expect(h.incomeOk).toBe(false)
  })
  it('no income recorded: unknown, not met', () => {
    const h = householdStandard({ income: null, items: allSix })
    expect(h.incomeOk).toBeNull()
    expect(h.line).toBeNull()
    expect(h.meets).toBe(false)
    expect(h.missing).toEqual(['收入'])
  })
  it('lists failed and unknown items', () => {
    const h = householdStandard({ income: { value: 5000, year: 2018 }, items: { 住房: true, 饮水: false, 用电: true } })
    expect(h.items).toEqual({ 住房: true, 饮水: false, 用电: true, 广电: null, 教育: null, 医疗: null })
    expect(h.missing).toEqual(['饮水', '广电', '教育', '医疗'])
    expect(h.meets).toBe(false)
  })
})

describe('townshipThreeHave (乡"三有")', () => {
  it('meets only with all three', () => {
    expect(townshipThreeHave({ items: { 中心校: true, 卫生院: true, 便民服务中心: true } })).toEqual({
      items: { 中心校: true, 卫生院: true, 便民服务中心: true }, meets: true, missing: [],
    })
    const t = townshipThreeHave({ items: { 中心校: true, 卫生院: false } })
    expect(t.items.便民服务中心).toBeNull()
    expect(t.meets).toBe(false)
    expect(t.missing).toEqual(['卫生院', '便民服务中心'])
  })
})

describe('parseYesNo', () => {
  it.each(['是', '达标', '合格', '√', '✓', '✔', '有', 'yes', 'YES', 'y', 'Y', '1', 'true', ' 是 '])('%j → true', (s) => {
    expect(parseYesNo(s)).toBe(true)
  })
  it.each(['否', '不达标', '不合格', '×', '✗', '✘', 'x', 'X', '无', '没有', 'no', 'n', '0', 'false'])('%j → false', (s) => {
    expect(parseYesNo(s)).toBe(false)
  })
  it.each(['', '也许', '2', 'ok?', '是否'])('%j → null', (s) => {
    expect(parseYesNo(s)).toBeNull()
  })
})
