import { describe, expect, it } from 'vitest'
import { toIncoming } from '../src/lark/inbound'

const base = (message: object, sender: object = {}) => ({
  schema: '2.0', event_id: 'ev1', event_type: 'im.message.receive_v1',
  sender: { sender_id: { open_id: 'ou_user' }, sender_type: 'user', ...sender },
  message: { message_id: 'om_1', chat_id: 'oc_1', chat_type: 'group', message_type: 'text', ...message },
})

describe('toIncoming', () => {
  it('drops the leading bot mention and normalises full-width input', () => {
    const inc = toIncoming(base({
      content: JSON.stringify({ text: '@_user_1 ／村　进度　红岩洞' }),
      mentions: [{ key: '@_user_1', name: '战区助手', id: { open_id: 'ou_bot' } }],
    }), 5)
    expect(inc).toEqual({ eventId: 'ev1', messageId: 'om_1', chatId: 'oc_1', chatType: 'group', openId: 'ou_user', text: '/村 进度 红岩洞', receivedAt: 5 })
  })
  it('drops every mention, wherever it stands: the command is what starts with /', () => {
    const mentions = [{ key: '@_user_1', name: '战区助手' }, { key: '@_user_2', name: '何伟' }]
    expect(toIncoming(base({ content: JSON.stringify({ text: '@_user_1 /任务 @_user_2' }), mentions }), 0)?.text).toBe('/任务')
    expect(toIncoming(base({ content: JSON.stringify({ text: '/村 进度 红岩洞村 @_user_1' }), mentions }), 0)?.text).toBe('/村 进度 红岩洞村')
    expect(toIncoming(base({ content: JSON.stringify({ text: '/村 进度@_user_1红岩洞村' }), mentions }), 0)?.text).toBe('/村 进度 红岩洞村')
    expect(toIncoming(base({ content: JSON.stringify({ text: '请 @_user_2 看一下 @_user_1 /逾期' }), mentions }), 0)?.text).toBe('请 看一下 /逾期')
  })
  it('keeps the lines of a message apart', () => {
    expect(toIncoming(base({ content: JSON.stringify({ text: '@_user_1 /帮助\r\n\n  /我 ' }) }), 0)?.text).toBe('/帮助\n/我')
  })
  it('reads rich-text posts, plain and keyed by locale', () => {
    const post = { title: '', content: [[{ tag: 'at', user_id: 'ou_bot' }, { tag: 'text', text: ' /帮助 ' }], [{ tag: 'text', text: '村 进度' }]] }
    expect(toIncoming(base({ message_type: 'post', content: JSON.stringify(post) }), 0)?.text).toBe('/帮助\n村 进度')
    expect(toIncoming(base({ message_type: 'post', content: JSON.stringify({ zh_cn: post }) }), 0)?.text).toBe('/帮助\n村 进度')
  })
  it('marks direct chats as p2p', () => {
    expect(toIncoming(base({ chat_type: 'p2p', content: '{"text":"/帮助"}' }), 0)?.chatType).toBe('p2p')
  })
  it('ignores bots, apps, images and broken content', () => {
    expect(toIncoming(base({ content: '{"text":"/帮助"}' }, { sender_type: 'app' }), 0)).toBeNull()
    expect(toIncoming(base({ message_type: 'image', content: '{"image_key":"x"}' }), 0)).toBeNull()
    expect(toIncoming(base({ content: 'not json' }), 0)).toBeNull()
    expect(toIncoming(base({ content: '{"text":42}' }), 0)).toBeNull()
    expect(toIncoming({}, 0)).toBeNull()
    expect(toIncoming(null, 0)).toBeNull()
  })
})
