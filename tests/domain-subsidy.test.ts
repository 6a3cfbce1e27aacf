import { describe, expect, it } from 'vitest'
import { DEFAULT_SIXIAO_RATES, sixiaoRate, sixiaoSubsidy, type SixiaoRates } from '../src/domain/subsidy'

const first = { year: 2018, isFirstThisYear: true }

describe('sixiaoSubsidy, 2018 rates', () => {
  it('已脱贫 400 元/人', () => {
    expect(sixiaoSubsidy({ ...first, status: '已脱贫', size: 4 })).toEqual({ amount: 1600, rule: '已脱贫户 400元/人 × 4人' })
  })
  it('未脱贫 600 元/人', () => {
    expect(sixiaoSubsidy({ ...first, status: '未脱贫', size: 4 })).toEqual({ amount: 2400, rule: '未脱贫户 600元/人 × 4人' })
  })
  it('当年脱贫 1000 元/人', () => {
    expect(sixiaoSubsidy({ ...first, status: '当年脱贫', size: 3 })).toEqual({ amount: 3000, rule: '当年脱贫户 1000元/人 × 3人' })
  })
  it('返贫 counts as not yet exited', () => {
    expect(sixiaoSubsidy({ ...first, status: '返贫', size: 2 })).toEqual({ amount: 1200, rule: '返贫户（按未脱贫户） 600元/人 × 2人' })
  })
  it('a non-poor household gets 1000 元 per household for a "四小" park, whatever its size', () => {
    expect(sixiaoSubsidy({ ...first, status: '非贫困户', size: 5, isPark: true })).toEqual({
      amount: 1000, rule: '非贫困户 1000元/户（建成"四小"产业园）',
    })
  })
  it('a non-poor household without a park gets nothing, with the reason', () => {
    const r = sixiaoSubsidy({ ...first, status: '非贫困户', size: 5 })
    expect(r.amount).toBe(0)
    expect(r.reason).toBe('非贫困户仅在建成"四小"产业园时给予奖补')
  })
  it('a second project the same year is recorded at 0 元', () => {
    expect(sixiaoSubsidy({ status: '未脱贫', size: 4, year: 2018, isFirstThisYear: false })).toEqual({
      amount: 0, rule: '未脱贫户 600元/人 × 4人', reason: '本年度已享受过奖补',
    })
    expect(sixiaoSubsidy({ status: '非贫困户', size: 4, year: 2018, isFirstThisYear: false, isPark: true })).toMatchObject({
      amount: 0, reason: '本年度已享受过奖补',
    })
  })
  it('an impossible family size is 0 with a reason, not a crash', () => {
    expect(sixiaoSubsidy({ ...first, status: '已脱贫', size: 0 })).toMatchObject({ amount: 0, reason: '家庭人口无效，无法计算奖补' })
    expect(sixiaoSubsidy({ ...first, status: '已脱贫', size: 2.5 }).amount).toBe(0)
  })
})

describe('rates by year', () => {
  const rates: Record<number, SixiaoRates> = {
    ...DEFAULT_SIXIAO_RATES,
    2020: { exited: 500, notExited: 700, exitingThisYear: 1200, nonPoorPark: 1500 },
  }
  it('a year without rates uses the latest configured year before it', () => {
    expect(sixiaoRate({ status: '未脱贫', year: 2019 })).toEqual({ rate: 600, per: '人', label: '未脱贫户', ratesYear: 2018 })
    expect(sixiaoRate({ status: '未脱贫', year: 2019, rates }).rate).toBe(600)
    expect(sixiaoRate({ status: '未脱贫', year: 2021, rates })).toMatchObject({ rate: 700, ratesYear: 2020 })
    expect(sixiaoSubsidy({ status: '当年脱贫', size: 2, year: 2022, isFirstThisYear: true, rates })).toEqual({
      amount: 2400, rule: '当年脱贫户 1200元/人 × 2人',
    })
  })
  it('a year before every configured one uses the earliest', () => {
    expect(sixiaoRate({ status: '已脱贫', year: 2016, rates })).toMatchObject({ rate: 400, ratesYear: 2018 })
  })
  it('non-poor rate is per household', () => {
    expect(sixiaoRate({ status: '非贫困户', year: 2020, rates })).toEqual({ rate: 1500, per: '户', label: '非贫困户', ratesYear: 2020 })
  })
})
