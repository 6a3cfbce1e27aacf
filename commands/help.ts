import { z } from 'zod'
import { defineCommand, type Command } from './define'
import { text, UserError } from '../src/reply'
import { closest } from '../src/text'

const name = (c: Command) => c.path.join(' ')

export default defineCommand({
  path: ['帮助'],
  aliases: [['help'], ['?']],
  summary: '查看命令列表；带上命令名查看它的用法和例子',
  usage: '/帮助 [命令]',
  examples: ['/帮助', '/帮助 村 进度'],
  who: '所有人',
  allow: () => true,
  args: z.array(z.string()).max(3, '命令名最多三个词'),
  run: ({ args, commands }) => {
    if (args.length === 0) return text(overview(commands))
    const wanted = args.join(' ').replace(/^\//, '')
    const found = commands.find((c) => [c.path, ...(c.aliases ?? [])].some((p) => p.join(' ') === wanted || p.join('') === wanted))
    if (!found) {
      const guesses = closest(wanted, commands.map(name))
      throw new UserError(`没有「${wanted}」这个命令。${guesses.length ? `您是不是要找：${guesses.map((g) => `/${g}`).join('、')}？` : ''}`)
    }
    return text(detail(found))
  },
})

function overview(commands: readonly Command[]) {
  const lines = commands.map((c) => `${c.usage} — ${c.summary}`)
  return ['战区助手 · 命令一览', ...lines, '', '发送「/帮助 命令名」查看用法和例子，例如：/帮助 村 进度'].join('\n')
}

function detail(c: Command) {
  return [
    `${c.usage}`,
    c.summary,
    `谁可以用：${c.who}`,
    '例子：',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n')
}
