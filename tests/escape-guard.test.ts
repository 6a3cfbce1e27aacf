import { describe, expect, it } from 'vitest'
import { card, escapeMd, md, mention, plainText } from '../src/lark/cards/kit'
import { guardContent, guardReply, guardScheduled } from '../src/privacy/reply-guard'
import { decodeEntities, hostile, TYPEABLE_HOSTILE } from './helpers/hostile-county'

const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')
/** What is left once the entities are taken out: must hold no character card markdown reads as syntax. */
const bare = (s: string) => s.replace(/&#\d+;/g, '')
const mdCard = (content: string) => card({ title: 'T', elements: [md(content)] }) as any

describe('escapeMd: names in card markdown, as Feishu documents it (HTML entities)', () => {
  it('writes every character markdown may read as syntax as its entity, and reads back as typed', () => {
    for (const s of [ASCII, hostile('村'), TYPEABLE_HOSTILE, '何**', 'C:\\Users\\a_b', '&#42; is a star', '价格 $100 · 100%']) {
      const escaped = escapeMd(s)
      expect(bare(escaped)).not.toMatch(/[\\`*_~[\]()<>#|!$:"'&]/)
      expect(decodeEntities(escaped)).toBe(s)
    }
    expect(escapeMd('[点我](http://x)')).toBe('&#91;点我&#93;&#40;http&#58;//x&#41;')
    expect(escapeMd('a~b')).toBe('a&#126;b')   // the code of ~ itself, not &sim; (which is ∼)
  })

  it('reads entities back in the plain-text rendering, and leaves one that names no character as it is', () => {
    expect(plainText(mdCard(escapeMd('**村**&#42;')))).toContain('**村**&#42;')
    expect(plainText(mdCard('&#99999999; &#1114112; &#42;'))).toContain('&#99999999; &#1114112; *')   // past U+10FFFF
  })

  it('escapes list and rule markers where a name starts a line, and leaves them inside a name', () => {
    expect(escapeMd('- 列表户主')).toBe('&#45; 列表户主')
    expect(escapeMd('+ 加')).toBe('&#43; 加')
    expect(escapeMd('---')).toBe('&#45;--')
    expect(escapeMd('1. 列表村')).toBe('1&#46; 列表村')
    expect(escapeMd('12.5公里')).toBe('12&#46;5公里')
    expect(escapeMd('RW2018-0001 2018-06-30 138-1234-5678 3.5')).toBe('RW2018-0001 2018-06-30 138-1234-5678 3.5')
  })

  it('never lets a name open a line of its own', () => {
    expect(escapeMd('甲\n# 标题\r\n> 引用\u2028- 列表')).toBe('甲 &#35; 标题 &#62; 引用 - 列表')
  })

  it('reads back as typed in the plain-text rendering (logs, console, card summary)', () => {
    const c = mdCard(`**${escapeMd(hostile('村'))}**　<font color='grey'>${escapeMd(TYPEABLE_HOSTILE)}</font>`)
    expect(plainText(c)).toBe(`T\n${hostile('村')}　${TYPEABLE_HOSTILE}`)
  })
})

describe('mention: the one @-mention the bot writes', () => {
  it('mentions one person by a well-formed open_id and nothing else', () => {
    expect(mention('ou_7d8a6e6df7621556ce0d21922b676706')).toBe('<at id=ou_7d8a6e6df7621556ce0d21922b676706></at>')
    for (const id of ['all', 'ALL', 'ou_x></at><at id=all', 'on_union', '', null, undefined]) expect(mention(id)).toBeNull()
  })
})

describe('the guard on what the bot sends', () => {
  const text = (t: string) => JSON.stringify({ text: t })

  it('defuses every mention and link in a reply, masks numbers in a group only', () => {
    const said = JSON.parse(guardReply(text('<at user_id="all"></at> <AT id=ou_x></at> [点我](http://x) 13812345678'), 'group')).text
    expect(said).toBe('＜at user_id="all">＜/at> ＜at id=ou_x>＜/at> [点我]（http://x) 138****5678')
    expect(JSON.parse(guardReply(text('13812345678'), 'p2p')).text).toBe('13812345678')
  })

  it('keeps the single-person mentions of a scheduled message, and defuses any other', () => {
    const c = mdCard(`请 <at id=ou_cmd1></at> 督办；<at id=all></at> <at user_id="all"></at> <at id=ou_x></at><at id=all></at> [a](http://x)`)
    const out = JSON.parse(guardScheduled(JSON.stringify(c))).body.elements[0].content
    expect(out).toBe('请 <at id=ou_cmd1></at> 督办；＜at id=all>＜/at> ＜at user_id="all">＜/at> <at id=ou_x></at>＜at id=all>＜/at> [a]（http://x)')
  })

  it('masks in card markdown with the entity of *, so two masks never pair into italics', () => {
    const c = mdCard(`备注 ${escapeMd('电话 138-1234-5678，身份证 511922196803120213')}`)
    c.header.subtitle = { tag: 'plain_text', content: '13812345678' }
    const out = guardContent(c, 'group')
    expect(out.body.elements[0].content).toBe('备注 电话 138&#42;&#42;&#42;&#42;5678，身份证 511922&#42;&#42;&#42;&#42;&#42;&#42;&#42;&#42;0213')
    expect(out.header.subtitle.content).toBe('138****5678')
    expect(plainText(out)).toContain('电话 138****5678，身份证 511922********0213')
  })

  it('leaves a card\'s callback values as built', () => {
    const c = { ...mdCard('x'), body: { elements: [{ tag: 'button', behaviors: [{ type: 'callback', value: { ref: '<at id=all> 13812345678' } }] }] } }
    expect(guardContent(c, 'group')).toEqual(c)
  })
})
