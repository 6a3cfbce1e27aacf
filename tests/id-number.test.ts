import { describe, expect, it } from 'vitest'
import { idCheckDigit, makeIdNumber, validateIdNumber } from '../src/privacy/id-number'

describe('validateIdNumber (GB 11643)', () => {
  it('accepts known-valid numbers', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' })
    expect(validateIdNumber('440524188001010014')).toEqual({ ok: true, value: '440524188001010014' })
    expect(validateIdNumber('511922196803120213')).toEqual({ ok: true, value: '511922196803120213' })
  })
  it('accepts a lowercase x and returns it upper-case', () => {
    expect(validateIdNumber('11010519491231002x')).toEqual({ ok: true, value: '11010519491231002X' })
  })
  it('rejects a wrong check digit', () => {
    expect(validateIdNumber('511922196803120214')).toEqual({ ok: false, reason: '校验位错误' })
    expect(validateIdNumber('110105194912310021')).toEqual({ ok: false, reason: '校验位错误' })
  })
  it('rejects 15-digit legacy numbers with a clear reason', () => {
    expect(validateIdNumber('511922680312021')).toEqual({ ok: false, reason: '是 15 位旧号码，请改为 18 位居民身份证号码' })
  })
  it('rejects bad length, characters and birth dates', () => {
    expect(validateIdNumber('51192219680312021')).toEqual({ ok: false, reason: '应为 18 位（现为 17 位）' })
    expect(validateIdNumber('5119221968031202A3')).toEqual({ ok: false, reason: '只能是数字，最后一位可以是 X' })
    expect(validateIdNumber('511922196802300213')).toEqual({ ok: false, reason: '出生日期无效' })
    expect(validateIdNumber('511922196813010213')).toEqual({ ok: false, reason: '出生日期无效' })
    expect(validateIdNumber('')).toEqual({ ok: false, reason: '为空' })
  })
  it('uses the standard weights and check map', () => {
    // 1×7+1×9+0×10+1×5+0×8+5×4+1×2+9×1+4×6+9×3+1×7+2×9+3×10+1×5+0×8+0×4+2×2 = 167; 167 mod 11 = 2 → X
    expect(idCheckDigit('11010519491231002')).toBe('X')
  })
})

describe('makeIdNumber', () => {
  it('builds valid numbers from area, birth date and sequence', () => {
    for (let seq = 0; seq < 200; seq++) {
      const id = makeIdNumber('511922', '1975-05-20', seq)
      expect(id).toMatch(/^51192219750520\d{3}[\dX]$/)
      expect(validateIdNumber(id).ok).toBe(true)
    }
    expect(makeIdNumber('511922', '19680312', 21)).toBe('511922196803120213')
  })
  it('refuses impossible input', () => {
    expect(() => makeIdNumber('5119', '1968-03-12', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('511922', '1968-02-30', 1)).toThrow(RangeError)
    expect(() => makeIdNumber('511922', '1968-03-12', 1000)).toThrow(RangeError)
  })
})
