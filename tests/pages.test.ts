import { describe, expect, it } from 'vitest'
import { takePage } from '../commands/pages'
import { pageFooter, pageOf } from '../src/lark/cards/pages'

describe('takePage: the page asked for, however it is typed', () => {
  const read: Array<[string, { words: string[]; page: number | undefined }]> = [
    ['', { words: [], page: undefined }],
    ['第一战区', { words: ['第一战区'], page: undefined }],          // a name that starts with 第 is not a page
    ['第一战区 全部 第 2 页', { words: ['第一战区', '全部'], page: 2 }],
    ['第2页', { words: [], page: 2 }],
    ['团结乡 第二页', { words: ['团结乡'], page: 2 }],
    ['第十二页 团结乡', { words: ['团结乡'], page: 12 }],
    ['团结乡 第 2 页 全部', { words: ['团结乡', '全部'], page: 2 }],  // in the middle: no empty word left behind
    ['3页', { words: [], page: 3 }],
    ['第 3页', { words: [], page: 3 }],
  ]
  for (const [input, expected] of read) {
    it(`「${input}」`, () => expect(takePage(input === '' ? [] : input.split(' '))).toEqual(expected))
  }

  const refused: Array<[string, string]> = [
    ['第0页', '「第0页」不是有效的页码'],
    ['第 10000 页', '不是有效的页码'],
    ['第x页', '「第x页」看不懂'],
    ['下一页', '「下一页」看不懂'],
    ['第 2', ''],   // no 页: not a page — the caller refuses the words it cannot place
  ]
  for (const [input, message] of refused) {
    it(`refuses 「${input}」`, () => {
      if (message === '') expect(takePage(input.split(' ')).page).toBeUndefined()
      else expect(() => takePage(input.split(' '))).toThrow(message)
    })
  }
})

describe('pageOf and pageFooter', () => {
  const list = Array.from({ length: 45 }, (_, i) => i + 1)
  const command = (n: number) => `/逾期 第 ${n} 页`
  it('cuts pages and names the next one, and the first from the last', () => {
    expect(pageOf(list, 1, 20).items).toEqual(list.slice(0, 20))
    expect(pageFooter(pageOf(list, 1, 20), command)).toBe('第 1/3 页（第 1–20 项，共 45 项）。下一页：/逾期 第 2 页')
    expect(pageFooter(pageOf(list, 3, 20), command)).toBe('第 3/3 页（第 41–45 项，共 45 项），已到最后一页。第一页：/逾期 第 1 页')
    expect(pageFooter(pageOf(list.slice(0, 20), 1, 20), command)).toBeNull()
    expect(pageOf([], 1, 20)).toMatchObject({ items: [], pages: 1, total: 0 })
  })
  it('refuses a page past the end with how many there are', () => {
    expect(() => pageOf(list, 4, 20)).toThrow('只有 3 页（共 45 项），没有第 4 页。')
  })
})
