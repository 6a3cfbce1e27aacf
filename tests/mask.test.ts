import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../src/privacy/mask'

describe('maskIdNumber', () => {
  it('keeps the first 6 and the last 4', () => {
    expect(maskIdNumber('511922198001011234')).toBe('511922********1234')
    expect(maskIdNumber('51192219750520005X')).toBe('511922********005X')
    expect(maskIdNumber('511922680312021')).toBe('511922*****2021')
  })
  it('is safe on empty and short input', () => {
    expect(maskIdNumber('')).toBe('')
    expect(maskIdNumber(null)).toBe('')
    expect(maskIdNumber(undefined)).toBe('')
    expect(maskIdNumber('12')).toBe('**')
    expect(maskIdNumber('12345')).toBe('1***5')
    expect(maskIdNumber('  511922198001011234 ')).toBe('511922********1234')
  })
})

describe('maskPhone', () => {
  it('keeps the first 3 and the last 4', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('1381234567')).toBe('138***4567')
  })
  it('is safe on empty and short input', () => {
    expect(maskPhone('')).toBe('')
    expect(maskPhone(null)).toBe('')
    expect(maskPhone('1')).toBe('*')
    expect(maskPhone('12345')).toBe('1***5')
  })
})

describe('maskName', () => {
  it('keeps the surname, one * per other character', () => {
    expect(maskName('何平安')).toBe('何**')
    expect(maskName('何平')).toBe('何*')
    expect(maskName('王')).toBe('王')
  })
  it('keeps two-character compound surnames', () => {
    expect(maskName('欧阳修')).toBe('欧阳*')
    expect(maskName('司马相如')).toBe('司马**')
    expect(maskName('诸葛亮')).toBe('诸葛*')
    expect(maskName('上官婉儿')).toBe('上官**')
    for (const s of ['东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐']) {
      expect(maskName(`${s}明`)).toBe(`${s}*`)
    }
  })
  it('does not treat a two-character name as a bare compound surname', () => {
    expect(maskName('欧阳')).toBe('欧*')
  })
  it('is safe on empty input', () => {
    expect(maskName('')).toBe('')
    expect(maskName(null)).toBe('')
    expect(maskName('  ')).toBe('')
  })
})
