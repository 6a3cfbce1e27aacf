import { defineCommand } from './define'
import { today } from './common'
import { rostered } from './rights'
import { deadline, phaseStates, type PhaseState } from '../src/domain/phases'
import { text } from '../src/reply'

const MARK: Record<PhaseState, string> = { done: '✅ 已结束', current: '▶ 当前', later: '⏳ 未开始', unset: '' }

export default defineCommand({
  path: ['阶段'],
  summary: '脱贫攻坚的各个阶段和截止日期，以及当前所处的阶段',
  examples: ['/阶段'],
  who: '花名册中的所有人',
  allow: rostered,
  run: (ctx) => {
    const t = today(ctx)
    const states = phaseStates(ctx.deps.settings.phases, t)
    const undated = states.some((s) => s.phase.end === null)
    return text([
      `脱贫攻坚阶段（今天 ${t}）：`,
      ...states.map(({ phase, state }, i) => [`${i + 1}. ${phase.name}`, MARK[state], state === 'current' ? deadline(phase, t) : phase.end ? `截至 ${phase.end}` : '截止日期未设定'].filter(Boolean).join('　')),
      ...(states.every((s) => s.state === 'done') ? ['各阶段都已结束。'] : []),
      ...(states.every((s) => s.state === 'unset') ? ['各阶段的截止日期都还没有设定，无法判断当前阶段。'] : []),
      ...(undated ? ['截止日期由县扶贫办在配置文件的 phases 中填写。'] : []),
    ].join('\n'))
  },
})
