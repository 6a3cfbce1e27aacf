import type { z } from 'zod'
import type { Reply } from '../src/reply'
import type { Actor } from '../src/identity'
import type { Deps } from '../src/deps'
import type { Random } from '../src/random'
import { usageOf } from './usage'
import { may } from './rights'
import { whoMay, type Right } from '../src/permissions'

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
  /** This command's usage line, for answers that show how to write it. */
  usage: string
  /** The whole command table, for /帮助. */
  commands: readonly Command[]
}

/** Who may run a command: one right of the remit table, or a check of its own with its words. */
type Access =
  /** The right it needs (src/permissions.ts): the check before anything is read and 谁可以用 follow from it. */
  | { right: Right; who?: undefined; allow?: undefined }
  | {
    right?: undefined
    /** Who may run it, in words, for /帮助: composed from src/permissions.ts (whoMay) wherever a right decides. */
    who: string
    /** true, or the refusal to show. Runs before arguments are parsed, so nobody learns anything they may not. */
    allow: (me: Actor, chat: ChatInfo) => true | string
  }

/** What a command file declares: data plus a function that returns a Reply. */
export type CommandDeclaration<A = any, N = any> = Access & {
  /** Words after the slash, e.g. ['村', '进度'] for `/村 进度`. */
  path: string[]
  aliases?: string[][]
  summary: string
  examples: string[]
  /** Positional words after the path, each with its name (commands/args.ts). None when absent. */
  args?: z.ZodType<A>
  /** `key=value` words, declared with keys() (commands/args.ts). Unknown keys are refused. */
  named?: z.ZodType<N>
  run: (ctx: CommandContext<A, N>) => Reply
}

/**
 * A chat command. The router, `/帮助` and the README's command reference are all generated from these
 * declarations: the usage line from the schemas that parse the arguments, and who may run it from the
 * right it declares, so neither can say other than what is checked.
 */
export type Command<A = any, N = any> = Omit<CommandDeclaration<A, N>, 'right' | 'who' | 'allow'> & {
  right?: Right
  who: string
  allow: (me: Actor, chat: ChatInfo) => true | string
  usage: string
}

export function defineCommand<A = [], N = Record<string, never>>(c: CommandDeclaration<A, N>): Command<A, N> {
  const access = c.right === undefined ? { who: c.who, allow: c.allow } : { right: c.right, who: whoMay(c.right), allow: may(c.right) }
  return { ...c, ...access, usage: usageOf(c) }
}
