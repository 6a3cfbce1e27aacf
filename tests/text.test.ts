import { describe, expect, it } from 'vitest'
import { closest, editDistance, normalizeText, stripInvisible, words } from '../src/text'

describe('normalizeText', () => {
  it('turns full-width forms into their ASCII twins', () => {
    expect(normalizeText('／村　上报　红岩洞　道路　１２／１５')).toBe('/村 上报 红岩洞 道路 12/15')
    expect(normalizeText('收入＝３２００　８０％　日期：２０１８')).toBe('收入=3200 80% 日期:2018')
  })
  it('folds runs of spaces, tabs and newlines and trims', () => {
    expect(normalizeText('  /帮助\t\t村   进度 \n')).toBe('/帮助 村 进度')
  })
  it('drops zero-width, bidi and control characters', () => {
    expect(normalizeText('/帮\u200B助\u202E\u0007')).toBe('/帮助')
  })
  it('marks a lone surrogate (half a character) as unreadable, and keeps a whole one', () => {
    expect(normalizeText('/户 王\uD83D明')).toBe('/户 王\uFFFD明')
    expect(normalizeText('王\uDE00明 \uD83D\uDE00')).toBe('王\uFFFD明 \uD83D\uDE00')
  })
  it('is, without the reshaping, what imported cells go through (stripInvisible)', () => {
    expect(stripInvisible('\u0000周\u2066春\u2069生\u202E\uFEFF\uD800')).toBe('周春生\uFFFD')
    expect(stripInvisible('１２　A\tB\r\n')).toBe('１２　A\tB\r\n') // full-width forms and line breaks stay as typed
  })
  it('keeps Chinese text as it is', () => {
    expect(normalizeText('红岩洞村@团结乡')).toBe('红岩洞村@团结乡')
  })
})

describe('words and suggestions', () => {
  it('splits on single spaces', () => {
    expect(words('a b=c d')).toEqual(['a', 'b=c', 'd'])
    expect(words('')).toEqual([])
  })
  it('measures edit distance by characters, not bytes', () => {
    expect(editDistance('红岩洞', '红岩洞')).toBe(0)
    expect(editDistance('红岩洞', '红岩桐')).toBe(1)
    expect(editDistance('', '村')).toBe(1)
  })
  it('suggests the closest names first and nothing for unrelated input', () => {
    expect(closest('红岩', ['周山村', '红岩洞村', '回龙村'])).toEqual(['红岩洞村'])
    expect(closest('帮主', ['帮助', '认证', '绑定'])[0]).toBe('帮助')
    expect(closest('xyz', ['帮助', '认证'])).toEqual([])
  })
})
