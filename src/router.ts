import { z } from 'zod'
import type { Command, ChatInfo } from '../commands/define'
import type { Actor } from './identity'
import type { Deps } from './deps'
import { UserError, text, type Reply } from './reply'
import { closest, words } from './text'
import { gatherNamed } from './named-args'
import { commandLines, type CommandLines } from './command-lines'
import { cryptoRandom, type Random } from './random'
import { NO_ARGS, NO_KEYS } from '../commands/args'

export interface RouteResult {
  /** Usually one; a message of several command lines gets one per line (see docs/input.md). */
  replies: Reply[]
  command: string | null
  outcome: 'ok' | 'user-error' | 'denied' | 'unknown-command'
}

export interface RouteInput {
  text: string
  me: Actor
  chat: ChatInfo
  messageId: string
  now: Date
}

/** The longest message the router reads (characters, after normalisation). */
export const MAX_MESSAGE_CHARS = 1000

/** The name people type for a command, e.g. `村 进度`. */
export const commandName = (c: Command) => c.path.join(' ')

type LineResult = { reply: Reply; command: string | null; outcome: RouteResult['outcome'] }

/** Thrown to undo the lines of a message that already ran when a later line fails. */
class Undo extends Error {}

/**
 * Finds the command a message names and runs it. Every answer is a Reply: user mistakes become friendly
 * text; the caller decides what a thrown bug becomes.
 */
export function createRouter(commands: readonly Command[], deps: Deps, random: Random = cryptoRandom) {
  // Longest paths first, so `/户 四小` wins over `/户`.
  const table = commands
    .flatMap((c) => [c.path, ...(c.aliases ?? [])].map((path) => ({ path, command: c })))
    .sort((a, b) => b.path.length - a.path.length)

  function match(ws: string[]) {
    for (const entry of table) {
      if (entry.path.every((w, i) => ws[i] === w)) return { command: entry.command, rest: ws.slice(entry.path.length) }
      // `/村进度` typed without the space
      if (entry.path.length > 1 && ws[0] === entry.path.join('')) return { command: entry.command, rest: ws.slice(1) }
    }
    return null
  }

  function route(input: RouteInput): RouteResult {
    // No command needs more; echoing or fuzzy-matching a megabyte of text would block the bot and make a
    // reply Lark refuses (text ≤ 150 KB), so the message would go unanswered.
    const length = [...input.text].length
    if (length > MAX_MESSAGE_CHARS) {
      return single({ reply: text(`这条消息有 ${length} 个字，太长了：命令最多 ${MAX_MESSAGE_CHARS} 个字（备注最多 200 字）。发送 /帮助 查看各命令的写法。`), command: null, outcome: 'user-error' })
    }
    const lines = commandLines(input.text)
    if (lines.kind === 'one') return single(routeLine(lines.line, input))
    if (lines.kind === 'refused') return single({ reply: text(lines.reason), command: null, outcome: 'user-error' })
    return routeAll(lines, input)
  }

  /** Several command lines: all of them are recorded, or none (one transaction), never half. */
  function routeAll(lines: Extract<CommandLines, { kind: 'many' }>, input: RouteInput): RouteResult {
    const results: LineResult[] = []
    let failed = -1
    try {
      deps.tx.run(() => {
        for (const line of lines.lines) {
          const r = routeLine(line, input)
          results.push(r)
          if (r.outcome !== 'ok') {
            failed = results.length - 1
            throw new Undo()
          }
        }
      })
    } catch (err) {
      if (!(err instanceof Undo)) throw err
    }
    const names = [...new Set(results.map((r) => r.command).filter(Boolean))].join(',') || null
    const n = lines.lines.length
    if (failed >= 0) {
      const why = results[failed]!.reply.text
      return single({
        reply: text(`这条消息有 ${n} 行命令，第 ${failed + 1} 行没有执行：\n${why}\n\n为了不只记一半，整条消息都没有记录。请改正第 ${failed + 1} 行后重新发送。`),
        command: names, outcome: results[failed]!.outcome,
      })
    }
    const replies = results.every((r) => r.reply.kind === 'text')
      ? [text(results.map((r, i) => `（第 ${i + 1}/${n} 行）${r.reply.text}`).join('\n\n'))]
      : results.map((r) => r.reply)
    return { replies, command: names, outcome: 'ok' }
  }

  function routeLine(line: string, input: RouteInput): LineResult {
    const body = line.replace(/^\//, '').trim()
    const found = match(words(body))
    if (!found) return { reply: unknownCommand(body), command: null, outcome: 'unknown-command' }
    const { command, rest } = found
    const name = commandName(command)
    const allowed = command.allow(input.me, input.chat)
    if (allowed !== true) return { reply: text(allowed), command: name, outcome: 'denied' }
    try {
      const keys = namedKeys(command)
      const { positional, named } = gatherNamed(rest, keys)
      const args = parseWith(command.args ?? NO_ARGS, positional, keys)
      const namedArgs = parseWith(command.named ?? NO_KEYS, named, keys)
      // A savepoint: a command that fails half-way leaves nothing behind.
      const reply = deps.tx.run(() =>
        command.run({ me: input.me, chat: input.chat, messageId: input.messageId, now: input.now, random, deps, args, named: namedArgs, usage: command.usage, commands }))
      return { reply, command: name, outcome: 'ok' }
    } catch (err) {
      if (!(err instanceof UserError)) throw err
      const usage = err.opts.showUsage === false ? '' : `\n用法：${command.usage}\n例如：${command.examples[0] ?? command.usage}`
      return { reply: text(`${err.message}${usage}`), command: name, outcome: 'user-error' }
    }
  }

  function unknownCommand(body: string): Reply {
    const first = words(body).slice(0, 2)
    const names = commands.map(commandName)
    const guesses = closest(first.join(' '), names, 3).concat(closest(first[0] ?? '', names, 3))
    const unique = [...new Set(guesses)].slice(0, 3)
    const chars = [...body]
    const shown = chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : body
    const hint = unique.length ? `您是不是要：${unique.map((n) => `/${n}`).join('、')}？\n` : ''
    return text(`没有找到命令「${shown || '（空）'}」。\n${hint}发送 /帮助 查看全部命令。`)
  }

  return { route, commands }
}
export type Router = ReturnType<typeof createRouter>

const single = (r: LineResult): RouteResult => ({ replies: [r.reply], command: r.command, outcome: r.outcome })

/** The `key=value` names a command declares (the keys of its `named` object schema). */
function namedKeys(command: Command): readonly string[] {
  const shape = (command.named as { shape?: Record<string, unknown> } | undefined)?.shape
  return shape ? Object.keys(shape) : []
}

function parseWith<T>(schema: z.ZodType<T, any>, value: unknown, keys: readonly string[]): T {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  throw new UserError(describe(r.error.issues[0]!, keys))
}

function describe(issue: z.core.$ZodIssue, keys: readonly string[]): string {
  if (issue.code === 'too_small' && issue.origin === 'array') return '缺少参数。'
  if (issue.code === 'too_big' && issue.origin === 'array') return '参数太多了。'
  if (issue.code === 'unrecognized_keys') return `不认识的项目：${issue.keys.join('、')}${keys.length ? `（可用：${keys.join('、')}）` : ''}。`
  if (issue.code === 'invalid_type' && issue.input === undefined) return '缺少参数。'
  return issue.message.endsWith('。') ? issue.message : `${issue.message}。`
}
