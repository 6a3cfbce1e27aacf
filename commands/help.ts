import { words } from './args'
import { defineCommand, type ChatInfo, type Command } from './define'
import { text, UserError } from '../src/reply'
import { closest } from '../src/text'
import type { Actor, Role } from '../src/identity'

const name = (c: Command) => c.path.join(' ')
const names = (c: Command) => [c.path, ...(c.aliases ?? [])]

/** What each role does most in the campaign's routine, first in its /帮助; the rest follow in table order. */
const TEAM_FIRST = ['村 上报', '户 核查', '村 进度', '任务', '逾期', '户 四小', '村 四小', '任务 完成']
const MOST_USED: Record<Role, string[]> = {
  第一书记: TEAM_FIRST,
  队长: TEAM_FIRST,
  队员: TEAM_FIRST,
  乡镇干部: ['乡 上报', '乡 进度', '村 进度', '逾期', '任务', '排名'],
  指挥长: ['战区 进度', '逾期', '排名', '作战图', '乡 进度', '村 进度', '抽查 结果', '提醒 暂停'],
  督查: ['抽查', '复核', '抽查 结果', '户 核查', '村 进度', '逾期', '战区 进度', '村 上报', '乡 进度'],
  县领导: ['战区 进度', '排名', '逾期', '作战图', '乡 进度', '村 进度'],
  管理员: ['战区 进度', '逾期', '排名', '绑定', '村 进度', '乡 进度'],
}

export default defineCommand({
  path: ['帮助'],
  aliases: [['help'], ['?']],
  summary: '您在这里可以用的命令，常用的在前；带上命令名（或别名）查看说明、谁可以用和例子',
  examples: ['/帮助', '/帮助 村 上报', '/帮助 上报'],
  who: '所有人',
  allow: () => true,
  // The command's name (up to three words), then anything else copied from its usage line.
  args: words('命令', 6),
  run: ({ args, commands, me, chat }) => {
    if (args.length === 0) return text(overview(commands, me, chat))
    const found = find(commands, args.map((w) => w.replace(/^\//, '')).filter(Boolean))
    if (!found) {
      const wanted = args.join(' ').replace(/^\//, '')
      const guesses = closest(wanted, commands.map(name))
      throw new UserError(`没有「${wanted}」这个命令。${guesses.length ? `您是不是要找：${guesses.map((g) => `/${g}`).join('、')}？` : '发送 /帮助 查看您可以用的命令。'}`)
    }
    return text(detail(found, me, chat))
  },
})

/** The command named by the first words, by its name or an alias, with or without spaces (`村进度`). */
function find(commands: readonly Command[], words: string[]): Command | undefined {
  for (let n = Math.min(words.length, 3); n > 0; n--) {
    const wanted = words.slice(0, n)
    const hit = commands.find((c) => names(c).some((p) => p.join(' ') === wanted.join(' ') || p.join('') === wanted.join('')))
    if (hit) return hit
  }
  return undefined
}

/** The commands this person may use in this chat: their most used (in that order), then the others. */
function usable(commands: readonly Command[], me: Actor, chat: ChatInfo): { common: Command[]; others: Command[] } {
  const first = me.role ? MOST_USED[me.role] : []
  const all = commands.filter((c) => c.allow(me, chat) === true)
  return {
    common: first.flatMap((n) => all.filter((c) => name(c) === n)),
    others: all.filter((c) => !first.includes(name(c))),
  }
}

function overview(commands: readonly Command[], me: Actor, chat: ChatInfo) {
  const { common, others } = usable(commands, me, chat)
  const here = [...common, ...others]
  const elsewhere: ChatInfo = { id: '', type: chat.type === 'p2p' ? 'group' : 'p2p', binding: undefined }
  const more = Object.values(usable(commands, me, elsewhere)).flat().filter((c) => !here.includes(c))
  const line = (c: Command) => `${c.usage} — ${c.summary.split('；')[0]}`
  const example = here.find((c) => c.path[0] !== '帮助') ?? commands.find((c) => c.path[0] === '认证')!
  return [
    `战区助手 · 命令一览（${me.role ? `${me.role}在${chat.type === 'p2p' ? '私聊' : '本群'}可以用的` : '您还没有认证'}）`,
    ...(common.length ? ['常用：', ...common.map(line), '其他：'] : []),
    ...others.map(line),
    ...(more.length ? ['', `${chat.type === 'p2p' ? '在群里 @我' : '私聊我时'}还可以用：${more.map((c) => `/${name(c)}`).join('、')}`] : []),
    ...(me.role ? [] : ['', '先私聊我发送「/认证 姓名 手机后四位」关联花名册，之后可以上报和查询。']),
    '',
    `发送「/帮助 命令名」查看说明和例子，例如：/帮助 ${name(example)}`,
  ].join('\n')
}

function detail(c: Command, me: Actor, chat: ChatInfo) {
  const allowed = c.allow(me, chat)
  const aliases = (c.aliases ?? []).map((p) => `/${p.join(' ')}`)
  return [
    c.usage,
    `说明：${c.summary}`,
    ...(aliases.length ? [`也可以写：${aliases.join('、')}`] : []),
    `谁可以用：${c.who}`,
    ...(allowed === true ? [] : [`您在这里：${allowed}`]),
    '例子：',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n')
}
