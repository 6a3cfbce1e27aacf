import type { Db } from '../../db/open'
import type { Progress } from './progress'

/** What every subcommand gets: the environment, a lazily opened database, the clock and the terminal. */
export interface CliContext {
  env: Readonly<Record<string, string | undefined>>
  /** Opens DATABASE_PATH (creating and migrating it) on first use; closed by the CLI when the command ends. */
  db(): Db
  now(): Date
  out(line?: string): void
  err(line?: string): void
  /** A progress line on stderr; silent unless stderr is a terminal. */
  progress(): Progress
}

export interface OptionSpec {
  type: 'boolean' | 'string'
  short?: string
  description: string
}

export interface ParsedArgs {
  positionals: string[]
  options: Record<string, string | boolean | undefined>
}

/**
 * A subcommand is data plus a run function. Adding one = one file exporting `defineSubcommand({...})` and
 * one line in subcommands.ts; `--help`, argument counts and exit codes come from here.
 */
export interface Subcommand {
  name: string
  summary: string
  /** Arguments after the name, e.g. `<file> [<file>…] [--dry-run]`. */
  usage: string
  description?: string[]
  options?: Record<string, OptionSpec>
  examples?: string[]
  /** Positional arguments: at least / at most (Infinity for lists). */
  args: { min: number; max: number }
  run(ctx: CliContext, args: ParsedArgs): void | Promise<void>
}

export const defineSubcommand = (s: Subcommand): Subcommand => s

/** Bad input from the operator: exit status 2, every problem listed, then the usage line. */
export class UsageError extends Error {
  constructor(readonly problems: string[], readonly showUsage = true) {
    super(problems.join('\n'))
  }
}

/** Bad input in the data (an import file): exit status 2, the problems were already printed. */
export class InputError extends Error {}

/**
 * Done, but not all of it (a backup whose database is complete while some photos it refers to were
 * missing): exit status 3, what is missing was already printed.
 */
export class IncompleteError extends Error {}
