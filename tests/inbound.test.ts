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
  it('ignores bots, apps and broken content', () => {
    expect(toIncoming(base({ content: '{"text":"/帮助"}' }, { sender_type: 'app' }), 0)).toBeNull()
    expect(toIncoming(base({ content: 'not json' }), 0)).toBeNull()
    expect(toIncoming(base({ content: '{"text":42}' }), 0)).toBeNull()
    expect(toIncoming({}, 0)).toBeNull()
    expect(toIncoming(null, 0)).toBeNull()
  })

  it('keeps files, pictures and every other kind of message, with what it replies to', () => {
    const file = toIncoming(base({ message_type: 'file', content: '{"file_key":"file_v3_1","file_name":"花名册.xlsx"}', parent_id: '' }), 0)
    expect(file).toMatchObject({ text: '', attachment: { kind: 'file', fileKey: 'file_v3_1', fileName: '花名册.xlsx' } })
    expect(file).not.toHaveProperty('parentId')
    expect(toIncoming(base({ message_type: 'image', content: '{"image_key":"img_1"}', parent_id: 'om_bot', root_id: 'om_bot' }), 0))
      .toMatchObject({ attachment: { kind: 'image', imageKeys: ['img_1'] }, parentId: 'om_bot' })
    expect(toIncoming(base({ message_type: 'sticker', content: '{"file_key":"s"}' }), 0)).toMatchObject({ attachment: { kind: 'other', messageType: 'sticker' } })
    // An image message without its key is not a picture we can fetch: answered as another kind.
    expect(toIncoming(base({ message_type: 'image', content: '{}' }), 0)).toMatchObject({ attachment: { kind: 'other', messageType: 'image' } })
    // A post: pictures with a caption are a photo; pictures with a command are the command.
    const post = (text: string) => JSON.stringify({ title: '', content: [[{ tag: 'text', text }], [{ tag: 'img', image_key: 'img_a' }], [{ tag: 'img', image_key: 'img_a' }]] })
    expect(toIncoming(base({ message_type: 'post', content: post('现场照片') }), 0)).toMatchObject({ text: '', attachment: { kind: 'image', imageKeys: ['img_a'] } })
    const command = toIncoming(base({ message_type: 'post', content: post('/村 进度') }), 0)
    expect(command).toMatchObject({ text: '/村 进度' })
    expect(command).not.toHaveProperty('attachment')
  })
})
