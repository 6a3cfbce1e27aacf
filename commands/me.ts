import { defineCommand } from './define'
import { text } from '../src/reply'
import { maskName } from '../src/privacy/mask'

/** /我: who the bot thinks I am. */
export default defineCommand({
  path: ['我'],
  aliases: [['我的信息'], ['whoami']],
  summary: '查看机器人认识的您：姓名、角色、所属战区、乡镇、村',
  examples: ['/我'],
  who: '所有人',
  allow: () => true,
  run: ({ me, deps, chat }) => {
    if (me.role === null) {
      return text('您还没有关联花名册。请发送「/认证 姓名 手机后四位」，例如：/认证 何伟 5678。\n不在花名册中的，请联系县扶贫办导入。')
    }
    const place = deps.lookup.placeNames(me.zoneId, me.townshipCode, me.villageCode)
    const name = me.name === null ? '（管理员账号，未在花名册中）' : chat.type === 'p2p' ? me.name : maskName(me.name)
    return text([
      `姓名：${name}`,
      `角色：${me.role}`,
      place.zone && `战区：${place.zone}`,
      place.township && `乡镇：${place.township}`,
      place.village && `村：${place.village}`,
    ].filter(Boolean).join('\n'))
  },
})
