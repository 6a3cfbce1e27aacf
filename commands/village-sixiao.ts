import { z } from 'zod'
import { defineCommand } from './define'
import { today, villageFor, villageWord } from './common'
import { anyOrder, free, page } from './any-order'
import { keys, value } from './args'
import { villageLedger } from '../src/views/sixiao'
import { sixiaoLedgerCard } from '../src/lark/cards/sixiao'
import { cardReply } from '../src/lark/cards/kit'
import { UserError } from '../src/reply'

export default defineCommand({
  path: ['村', '四小'],
  summary: '村的"四小"项目台账：有/无项目的户（按状态）、按类别的项目数、奖补合计（默认本年度）',
  examples: ['/村 四小 红岩洞村', '/村 四小', '/村 四小 团结乡红岩洞村 年度=2018'],
  right: 'readVillage',
  args: anyOrder({ village: free('村', (t) => `看不懂「${t}」：请只写一个村名。`), page: page() }, z.string().max(40, '村名太长了')),
  named: keys({ 年度: value('YYYY') }),
  run: (ctx) => {
    const { page } = ctx.args
    const village = villageFor(ctx, ctx.args.village, 'read')
    const current = Number(today(ctx).slice(0, 4))
    const first = Number(ctx.deps.settings.campaignStart.slice(0, 4))
    const raw = ctx.named.年度
    const year = raw === undefined ? current : /^\d{4}年?$/.test(raw) ? Number(raw.slice(0, 4)) : NaN
    if (!(year >= first && year <= current)) {
      throw new UserError(`年度「${[...(raw ?? '')].slice(0, 10).join('')}」不对，应为 ${first} 到 ${current} 之间的年份，例如 年度=${current}。`)
    }
    const command = (n: number) => [`/村 四小 ${villageWord(ctx, village)}`, n > 1 ? `第 ${n} 页` : '', year !== current ? `年度=${year}` : ''].filter(Boolean).join(' ')
    return cardReply(sixiaoLedgerCard(villageLedger(ctx.deps, village, year), { direct: ctx.chat.type === 'p2p', page, command }))
  },
})
