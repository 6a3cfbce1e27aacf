import { z } from 'zod'
import { defineCommand } from './define'
import { arg } from './args'
import { today, villageFor, villageWord } from './common'
import { villageView } from '../src/views/village'
import { villageCard } from '../src/lark/cards/village'
import { cardReply } from '../src/lark/cards/kit'

export default defineCommand({
  path: ['村', '进度'],
  aliases: [['村'], ['进度']],
  summary: '村的脱贫进度：一低五有逐项、任务与红黄绿灯、户达标、总户数、最近上报',
  examples: ['/村 进度 红岩洞村', '/村 进度', '/村 进度 团结乡红岩洞村'],
  right: 'readVillage',
  args: z.tuple([arg('村', z.string().max(40, '村名太长了')).optional()]),
  run: (ctx) => {
    const village = villageFor(ctx, ctx.args[0], 'read')
    return cardReply(villageCard(villageView(ctx.deps, village, today(ctx)), { tasksCommand: `/任务 ${villageWord(ctx, village)}` }))
  },
})
