import { describe, expect, it } from 'vitest'
import { describeProgress, parseProgress, progressRatio, type Progress } from '../src/domain/progress'

function value(input: string): Progress {
  const r = parseProgress(input)
  if (!r.ok) throw new Error(`expected ${input} to parse, got: ${r.reason}`)
  return r.value
}

function reason(input: string): string {
  const r = parseProgress(input)
  if (r.ok) throw new Error(`expected ${input} to be rejected, got ${JSON.stringify(r.value)}`)
  return r.reason
}

describe('parseProgress accepts every form', () => {
  it('fractions', () => {
    expect(value('12/15')).toEqual({ kind: 'fraction', done: 12, total: 15 })
    expect(value('0/5')).toEqual({ kind: 'fraction', done: 0, total: 5 })
    expect(value('15/15')).toEqual({ kind: 'fraction', done: 15, total: 15 })
    expect(value('1.5/3')).toEqual({ kind: 'fraction', done: 1.5, total: 3 })
    expect(value(' 12 / 15 ')).toEqual({ kind: 'fraction', done: 12, total: 15 })
  })
  it('percentages', () => {
    expect(value('80%')).toEqual({ kind: 'percent', value: 80 })
    expect(value('0%')).toEqual({ kind: 'percent', value: 0 })
    expect(value('100%')).toEqual({ kind: 'percent', value: 100 })
    expect(value('12.5%')).toEqual({ kind: 'percent', value: 12.5 })
  })
  it.each(['完成', '已完成', '完工', '已完工'])('%s is done', (s) => {
    expect(value(s)).toEqual({ kind: 'done' })
  })
  it.each(['未开工', '未开始'])('%s is not started', (s) => {
    expect(value(s)).toEqual({ kind: 'not-started' })
  })
  it('amounts in yuan, with 元 or 万', () => {
    expect(value('32000元')).toEqual({ kind: 'amount', value: 32000 })
    expect(value('3.2万')).toEqual({ kind: 'amount', value: 32000 }) // not 32000.000000000004
    expect(value('3.2万元')).toEqual({ kind: 'amount', value: 32000 })
    expect(value('0.35万元')).toEqual({ kind: 'amount', value: 3500 })
    expect(value('32,000元')).toEqual({ kind: 'amount', value: 32000 })
    expect(value('1000000000元')).toEqual({ kind: 'amount', value: 1e9 }) // exactly the limit is allowed
  })
  it('bare numbers are in the task unit', () => {
    expect(value('12')).toEqual({ kind: 'number', value: 12 })
    expect(value('32000')).toEqual({ kind: 'number', value: 32000 })
    expect(value('0')).toEqual({ kind: 'number', value: 0 })
    expect(value('3.5')).toEqual({ kind: 'number', value: 3.5 })
  })
})

describe('parseProgress rejects with a Chinese reason', () => {
  it('more done than the total', () => expect(reason('20/15')).toBe('完成数 20 大于总数 15'))
  it('a zero total', () => {
    expect(reason('0/0')).toBe('总数不能为 0')
    expect(reason('5/0')).toBe('总数不能为 0')
  })
  it('negatives, with either minus sign', () => {
    expect(reason('-1')).toBe('进度不能为负数')
    expect(reason('−1')).toBe('进度不能为负数')
    expect(reason('-5%')).toBe('进度不能为负数')
    expect(reason('-1/5')).toBe('进度不能为负数')
  })
  it('more than 100%', () => expect(reason('150%')).toBe('百分比不能超过 100%'))
  it('text it cannot read', () => {
    expect(reason('abc')).toBe('无法识别的进度「abc」，请用 12/15、80%、完成、未开工 或金额（如 32000、3.2万元）')
    for (const s of ['1e5', 'Infinity', 'NaN', '12/', '.5', '一半', '完成了', '3.2千']) expect(reason(s)).toContain('无法识别')
  })
  it('empty input', () => {
    expect(reason('')).toContain('请填写进度')
    expect(reason('   ')).toContain('请填写进度')
  })
  it('non-finite and absurd sizes', () => {
    expect(reason('1' + '0'.repeat(400))).toBe('数量不是有效数字')
    expect(reason('2000000000')).toContain('过大')
    expect(reason('1000000001元')).toContain('过大')
    expect(reason('200000万')).toContain('过大')
    expect(reason('1/2000000000')).toContain('过大')
  })
})

describe('progressRatio', () => {
  it('maps each kind to 0..1', () => {
    expect(progressRatio({ kind: 'done' }, null)).toEqual({ ok: true, ratio: 1 })
    expect(progressRatio({ kind: 'not-started' }, null)).toEqual({ ok: true, ratio: 0 })
    expect(progressRatio(value('12/15'), null)).toEqual({ ok: true, ratio: 0.8 })
    expect(progressRatio(value('80%'), null)).toEqual({ ok: true, ratio: 0.8 })
    expect(progressRatio(value('12'), 15)).toEqual({ ok: true, ratio: 0.8 })
    expect(progressRatio(value('3.2万元'), 40000)).toEqual({ ok: true, ratio: 0.8 })
  })
  it('caps over-delivery at 1', () => {
    expect(progressRatio(value('20'), 15)).toEqual({ ok: true, ratio: 1 })
  })
  it('needs a target for bare numbers and amounts', () => {
    const noTarget = { ok: false, reason: '该事项没有目标数量，请用 12/15、80% 或 完成' }
    expect(progressRatio(value('12'), null)).toEqual(noTarget)
    expect(progressRatio(value('32000元'), null)).toEqual(noTarget)
    expect(progressRatio(value('12'), 0)).toEqual(noTarget)
  })
})

describe('describeProgress', () => {
  it('speaks like a county report', () => {
    expect(describeProgress(value('12/15'))).toBe('12/15')
    expect(describeProgress(value('80%'))).toBe('80%')
    expect(describeProgress(value('12.5%'))).toBe('12.5%')
    expect(describeProgress(value('完工'))).toBe('已完成')
    expect(describeProgress(value('未开始'))).toBe('未开工')
    expect(describeProgress(value('3.2万'))).toBe('3.2万元')
    expect(describeProgress(value('32000元'))).toBe('3.2万元')
    expect(describeProgress(value('800元'))).toBe('800元')
    expect(describeProgress(value('12'))).toBe('12')
  })
})
