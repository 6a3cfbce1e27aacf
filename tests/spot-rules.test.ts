import { describe, expect, it } from 'vitest'
import { defaultDrawSize, drawSample, newSeed } from '../src/domain/sample'
import { compareFindings, compareIncome, compareItem, fullAgreement } from '../src/domain/spot-compare'
import { currentPhase, DEFAULT_PHASES, phaseLine, phasesProblem, phaseStates } from '../src/domain/phases'
import { createRng } from '../src/domain/prng'
import { DEFAULT_SETTINGS, loadSettings } from '../src/settings'
import { ConfigError } from '../src/config'
import { writeFileSync } from 'node:fs'
import { tempDir } from './helpers/temp'

/** Pearson's χ² of observed counts against one expected count per cell. */
const chiSquare = (counts: readonly number[], expected: number) => counts.reduce((s, o) => s + (o - expected) ** 2 / expected, 0)

// Critical values of χ² at p = 0.001 (tables): a fair sampler exceeds them once in a thousand seeds.
const CHI2_001 = { 14: 36.12, 19: 43.82 } as const

const POPULATION = Array.from({ length: 20 }, (_, i) => `51192220420700${String(i + 1).padStart(2, '0')}`)

/** `draws` samples of `n`, each with a fresh seed from one seeded source (the production path: newSeed then drawSample). */
function sample(draws: number, n: number, population: readonly string[], pick = drawSample) {
  const random = createRng(20180615).next
  return Array.from({ length: draws }, () => pick(population, n, newSeed(random)))
}

describe('the draw (src/domain/sample.ts)', () => {
  it('gives every household the same chance: χ² over 20,000 draws of 5 from 20', () => {
    const draws = sample(20_000, 5, POPULATION)
    const chosen = new Map<string, number>()
    const first = new Map<string, number>()
    for (const d of draws) {
      expect(new Set(d).size).toBe(5)   // without replacement
      for (const code of d) chosen.set(code, (chosen.get(code) ?? 0) + 1)
      first.set(d[0]!, (first.get(d[0]!) ?? 0) + 1)
    }
    expect(chosen.size).toBe(20)
    // 20,000 × 5 / 20 = 5,000 expected per household; 19 degrees of freedom.
    expect(chiSquare([...chosen.values()], 5000)).toBeLessThan(CHI2_001[19])
    // and the order drawn is uniform too: each household is first 1,000 times out of 20,000
    expect(chiSquare(POPULATION.map((c) => first.get(c) ?? 0), 1000)).toBeLessThan(CHI2_001[19])
  })

  it('gives every set of households the same chance: χ² over the 15 pairs of 6, 15,000 draws', () => {
    const six = POPULATION.slice(0, 6)
    const pairs = new Map<string, number>()
    for (const d of sample(15_000, 2, six)) {
      const key = [...d].sort().join('+')
      pairs.set(key, (pairs.get(key) ?? 0) + 1)
    }
    expect(pairs.size).toBe(15)
    expect(chiSquare([...pairs.values()], 1000)).toBeLessThan(CHI2_001[14])
  })

  it('the same χ² check catches a biased sampler (so the test has teeth)', () => {
    // Sattolo's variant (j strictly after i) never leaves a household in its place: the first of the 户编号
    // order can never be drawn first, and the counts drift far from uniform.
    const biased = (population: readonly string[], n: number, seed: number) => {
      const pool = [...population].sort()
      const rng = createRng(seed)
      for (let i = 0; i < n; i++) {
        const j = i + 1 + Math.floor(rng.next() * (pool.length - i - 1))
        ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
      }
      return pool.slice(0, n)
    }
    const first = new Map<string, number>()
    for (const d of sample(20_000, 5, POPULATION, biased)) first.set(d[0]!, (first.get(d[0]!) ?? 0) + 1)
    expect(chiSquare(POPULATION.map((c) => first.get(c) ?? 0), 1000)).toBeGreaterThan(CHI2_001[19])
  })

  it('is reproduced by its seed, whatever order the population was read in', () => {
    const seed = newSeed(createRng(7).next)
    const once = drawSample(POPULATION, 5, seed)
    expect(drawSample([...POPULATION].reverse(), 5, seed)).toEqual(once)
    expect(drawSample(POPULATION, 5, seed + 1)).not.toEqual(once)
  })

  it('refuses sizes it cannot draw, and a random source that is not in [0, 1)', () => {
    expect(() => drawSample(POPULATION, 0, 1)).toThrow(RangeError)
    expect(() => drawSample(POPULATION, 21, 1)).toThrow(RangeError)
    expect(drawSample(POPULATION, 20, 1).sort()).toEqual(POPULATION)
    for (const r of [1, -0.1, Number.NaN]) expect(() => newSeed(() => r)).toThrow(RangeError)
    expect(newSeed(() => 0)).toBe(0)
    expect(newSeed(() => 0.999999999)).toBeLessThan(2 ** 32)
  })

  it('defaults to 5 per village with households to draw, at most 50, at most all of them', () => {
    expect(defaultDrawSize(2, 40, 5, 50)).toBe(10)
    expect(defaultDrawSize(12, 400, 5, 50)).toBe(50)
    expect(defaultDrawSize(3, 7, 5, 50)).toBe(7)
  })
})

describe('comparing a 复核 with the team (src/domain/spot-compare.ts)', () => {
  it('income: more than 10 % of the team figure apart disagrees; exactly 10 % agrees', () => {
    // 2018's line 2,995; both well above it.
    expect(compareIncome(4400, 4840, 2995)).toBe('agree')      // +440 = 10 % of 4,400
    expect(compareIncome(4400, 4841, 2995)).toBe('disagree')   // +441 > 440
    expect(compareIncome(4400, 3960, 2995)).toBe('agree')      // −440
    expect(compareIncome(4400, 3959.99, 2995)).toBe('disagree')
    expect(compareIncome(3800, 3450, 2995)).toBe('agree')      // −350 < 380
  })

  it('income: the other side of the line disagrees even when close', () => {
    expect(compareIncome(3100, 2990, 2995)).toBe('disagree')   // −110 is 3.5 %, but 2,990 ≤ 2,995 < 3,100
    expect(compareIncome(3000, 2995, 2995)).toBe('disagree')   // equal to the line is not above it (一超)
    expect(compareIncome(2995, 3000, 2995)).toBe('disagree')
    expect(compareIncome(2900, 2800, 2995)).toBe('agree')      // both below: 3.4 % apart
    expect(compareIncome(0, 0, 2995)).toBe('agree')
    expect(compareIncome(0, 1, 2995)).toBe('disagree')         // any difference from 0 is more than 10 % of it
  })

  it('items: 达标 vs 不达标 disagrees; an item the team never checked is not compared', () => {
    expect(compareItem(true, true)).toBe('agree')
    expect(compareItem(false, false)).toBe('agree')
    expect(compareItem(true, false)).toBe('disagree')
    expect(compareItem(false, true)).toBe('disagree')
    expect(compareItem(null, true)).toBe('unchecked')
    expect(compareItem(undefined, false)).toBe('unchecked')
    expect(compareIncome(null, 5000, 2995)).toBe('unchecked')
  })

  it('a whole 复核, item by item, and full agreement', () => {
    const team = { income: 3800, items: { 住房: true, 饮水: true, 用电: false } }
    const found = { income: 3450, items: { 住房: false, 饮水: true, 教育: true } }
    const c = compareFindings(team, found, 2995)
    expect(c.map((x) => [x.item, x.verdict])).toEqual([['收入', 'agree'], ['住房', 'disagree'], ['饮水', 'agree'], ['教育', 'unchecked']])
    expect(fullAgreement(c)).toBe(false)
    expect(fullAgreement(c.filter((x) => x.item !== '住房'))).toBe(false)   // 教育 was not compared: not an agreement
    expect(fullAgreement(c.filter((x) => x.verdict === 'agree'))).toBe(true)
    expect(fullAgreement([])).toBe(false)
  })
})

describe('campaign phases (src/domain/phases.ts, config `phases`)', () => {
  const phases = [{ name: '集中攻坚', end: '2018-03-31' }, { name: '绣花帮扶', end: '2018-06-30' }, { name: '县级自验', end: null }]

  it('the current phase is the first not ended; its deadline and days left', () => {
    expect(currentPhase(phases, '2018-03-31')?.name).toBe('集中攻坚')
    expect(currentPhase(phases, '2018-04-01')?.name).toBe('绣花帮扶')
    expect(phaseLine(phases, '2018-06-15')).toBe('当前阶段：绣花帮扶（截至 2018-06-30，还有 15 天）')
    expect(phaseLine(phases, '2018-06-30')).toBe('当前阶段：绣花帮扶（截至 2018-06-30，今天截止）')
    expect(phaseLine(phases, '2018-07-01')).toBe('当前阶段：县级自验（截止日期未设定）')
    expect(phaseStates(phases, '2018-07-01').map((s) => s.state)).toEqual(['done', 'done', 'current'])
    expect(phaseLine(phases.slice(0, 2), '2018-07-01')).toBe('各阶段已于 2018-06-30 结束')
  })

  it('with no dates set, no phase is claimed to be current', () => {
    expect(DEFAULT_PHASES.map((p) => p.name)).toEqual(['集中攻坚', '绣花帮扶', '县级自验', '整改补短', '自查自验', '查漏补缺', '接受验收'])
    expect(currentPhase(DEFAULT_PHASES, '2018-06-15')).toBeNull()
    expect(phaseLine(DEFAULT_PHASES, '2018-06-15')).toContain('未设定')
    expect(DEFAULT_SETTINGS.phases).toEqual(DEFAULT_PHASES)
  })

  it('the config refuses dates out of order, a date after an undated phase, a day that does not exist, a name twice', () => {
    expect(phasesProblem(phases)).toBeNull()
    expect(phasesProblem([{ name: 'a', end: '2018-06-30' }, { name: 'b', end: '2018-03-31' }])?.message).toContain('应晚于')
    expect(phasesProblem([{ name: 'a', end: null }, { name: 'b', end: '2018-03-31' }])?.message).toContain('请按顺序填写')
    expect(phasesProblem([{ name: 'a', end: '2018-02-30' }])?.message).toContain('不是有效的日期')
    expect(phasesProblem([{ name: 'a', end: null }, { name: 'a', end: null }])?.message).toContain('写了两次')
    const path = `${tempDir()}/zhanqu.json`
    writeFileSync(path, JSON.stringify({ phases: [{ name: '集中攻坚', end: '2018-06-30' }, { name: '绣花帮扶', end: '2018-03-31' }], spotCheck: { overrides: 'yes' } }))
    const err = (() => { try { loadSettings(path) } catch (e) { return e } })() as ConfigError
    expect(err).toBeInstanceOf(ConfigError)
    expect(err.problems.join('\n')).toMatch(/phases\.1: .*应晚于/)
    expect(err.problems.join('\n')).toMatch(/spotCheck\.overrides/)
    writeFileSync(path, JSON.stringify({ phases, spotCheck: { overrides: true }, scoreWeights: { spotCheck: 10 } }))
    const ok = loadSettings(path)
    expect(ok.phases).toEqual(phases)
    expect(ok.spotCheck.overrides).toBe(true)
    expect(ok.scoreWeights).toMatchObject({ tasks: 40, spotCheck: 10 })
  })
})
