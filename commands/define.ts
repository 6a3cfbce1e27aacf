import type { z } from 'zod'
import type { Reply } from '../src/reply'
import type { Actor } from '../src/identity'
import type { Deps } from '../src/deps'
import type { Random } from '../src/random'

/** Where a command was typed. `binding` is undefined for an unbound chat, null for the county HQ. */
export interface ChatInfo {
  id: string
  type: 'group' | 'p2p'
  binding: { zoneId: number | null } | undefined
}

export interface CommandContext<A = string[], N = Record<string, string>> {
  me: Actor
  chat: ChatInfo
  messageId: string
  now: Date
  /** The random source (spot-check draws): crypto-strong in production, seeded in tests. */
  random: Random
  deps: Deps
  args: A
  named: N
  /** The whole command table, for /帮助. */
  commands: readonly Command[]
}

/**
 * A chat command is data plus a function that returns a Reply. The router, `/帮助` and the README's
 * command reference are all generated from these declarations.
 */
export interface Command<A = any, N = any> {
  /** Words after the slash, e.g. ['村', '进度'] for `/村 进度`. */
  path: string[]
  aliases?: string[][]
  summary: string
  usage: string
  examples: string[]
  /** Who may run it, in words, for /帮助. */
  who: string
  /** true, or the refusal to show. Runs before arguments are parsed, so nobody learns anything they may not. */
  allow: (me: Actor, chat: ChatInfo) => true | string
  /** Positional words after the path. */
  args?: z.ZodType<A>
  /** `key=value` words. Unknown keys are refused. */
  named?: z.ZodType<N>
  run: (ctx: CommandContext<A, N>) => Reply
}

export function defineCommand<A = string[], N = Record<string, string>>(c: Command<A, N>): Command<A, N> {
  return c
}
