import { parseArgs } from 'node:util'
import { pathToFileURL } from 'node:url'
import { DatabaseCorruptError, openDatabase } from '../../db/open'
import type { Db } from '../../db/open'
import { readDotEnv } from '../config'
import { DISK_HELP, diskProblemOf } from '../db-health'
import { IncompleteError, InputError, UsageError } from './define'
import type { CliContext, ParsedArgs, Subcommand } from './define'
import { createProgress } from './progress'
import { subcommands } from './subcommands'

const PROGRAM = 'npm run admin --'

export interface CliIo {
  env: Record<string, string | undefined>
  out: (line: string) => void
  err: (line: string) => void
  /** Raw stderr for the progress line. */
  status?: (text: string) => void
  interactive?: boolean
  now?: () => Date
}

/**
 * Runs one admin command and returns its exit status: 0 done, 2 bad input (every problem listed),
 * 1 internal error (one line; the stack only with LOG_LEVEL=debug), 3 done but incomplete (what is
 * missing listed). Never calls process.exit itself, so output is flushed and tests can call it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.err(globalHelp())
    return 2
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const sub = rest[0] === undefined ? undefined : find(rest[0])
    io.out(sub ? subcommandHelp(sub) : globalHelp())
    return rest[0] !== undefined && !sub ? 2 : 0
  }
  const sub = find(name)
  if (!sub) {
    io.err(`未知的子命令：${name}\n\n${globalHelp()}`)
    return 2
  }
  let db: Db | undefined
  const ctx: CliContext = {
    env: io.env,
    db: () => (db ??= open(databasePath(io.env))),
    now: io.now ?? (() => new Date()),
    out: (line = '') => io.out(line),
    err: (line = '') => io.err(line),
    progress: () => createProgress(io.status ?? (() => {}), !!io.interactive),
  }
  try {
    const args = parse(sub, rest)
    if (args.options.help) {
      io.out(subcommandHelp(sub))
      return 0
    }
    await sub.run(ctx, args)
    return 0
  } catch (err) {
    if (err instanceof UsageError) {
      for (const p of err.problems) io.err(p)
      if (err.showUsage) io.err(`\n用法：${PROGRAM} ${sub.name} ${sub.usage}\n详见：${PROGRAM} ${sub.name} --help`)
      return 2
    }
    if (err instanceof InputError) {
      if (err.message) io.err(err.message)
      return 2
    }
    if (err instanceof IncompleteError) return 3
    const debug = io.env.LOG_LEVEL === 'debug' || io.env.LOG_LEVEL === 'trace'
    // The database's file or disk, not the command: say what to do about it (still exit 1, nothing was done).
    const problem = diskProblemOf(err) ?? diskProblemOf((err as { cause?: unknown })?.cause)
    if (problem) {
      const detail = (err instanceof Error && err.cause instanceof Error ? err.cause : err) as Error
      io.err(`数据库 ${databasePath(io.env)} 不能使用：${DISK_HELP[problem]}（${detail.message}）`)
      return 1
    }
    io.err(`内部错误：${err instanceof Error ? err.message : String(err)}`)
    if (debug && err instanceof Error) io.err(String((err.cause instanceof Error ? err.cause : err).stack))
    return 1
  } finally {
    db?.close()
  }
}

function open(path: string): Db {
  try {
    return openDatabase(path)
  } catch (err) {
    if (err instanceof DatabaseCorruptError) throw err // already says what to do
    throw new Error(`无法打开数据库 ${path}：${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
}

const find = (name: string) => subcommands.find((s) => s.name === name)
const databasePath = (env: CliIo['env']) => env.DATABASE_PATH || './data/zhanqu.db'

function parse(sub: Subcommand, argv: string[]): ParsedArgs {
  const options = { ...(sub.options ?? {}), help: { type: 'boolean', short: 'h', description: '显示帮助' } } as const
  let parsed
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, o.short ? { type: o.type, short: o.short } : { type: o.type }])),
    })
  } catch (err) {
    const m = /'([^']+)'/.exec(err instanceof Error ? err.message : '')
    const code = (err as { code?: string }).code
    throw new UsageError([code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? `未知选项：${m?.[1] ?? ''}`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ? `选项 ${m?.[1] ?? ''} 需要一个值`
      : `参数有误：${err instanceof Error ? err.message : String(err)}`])
  }
  const args: ParsedArgs = { positionals: parsed.positionals, options: parsed.values as ParsedArgs['options'] }
  if (args.options.help) return args
  const n = args.positionals.length
  if (n < sub.args.min) throw new UsageError([`缺少参数（需要 ${sub.args.min} 个，收到 ${n} 个）`])
  if (n > sub.args.max) throw new UsageError([`参数太多：${args.positionals.slice(sub.args.max).join(' ')}`])
  return args
}

export function globalHelp(): string {
  const width = Math.max(...subcommands.map((s) => s.name.length))
  return [
    '战区助手 管理命令',
    '',
    `用法：${PROGRAM} <子命令> [参数…]`,
    '',
    '子命令：',
    ...subcommands.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    `每个子命令的说明：${PROGRAM} <子命令> --help`,
    '数据库位置取自环境变量 DATABASE_PATH（也读取 .env），默认 ./data/zhanqu.db。',
    '退出码：0 成功，2 输入有误（列出全部问题），1 内部错误，3 完成但不完整（backup：有照片文件缺失，已列出）。',
  ].join('\n')
}

export function subcommandHelp(sub: Subcommand): string {
  const opts = Object.entries(sub.options ?? {})
  return [
    `${sub.summary}`,
    '',
    `用法：${PROGRAM} ${sub.name} ${sub.usage}`.trimEnd(),
    ...(sub.description?.length ? ['', ...sub.description] : []),
    ...(opts.length ? ['', '选项：', ...opts.map(([k, o]) => `  --${k}${o.type === 'string' ? ' <值>' : ''}  ${o.description}`)] : []),
    ...(sub.examples?.length ? ['', '示例：', ...sub.examples.map((e) => `  ${PROGRAM} ${sub.name} ${e}`)] : []),
  ].join('\n')
}

/** Process entry (here under tsx, dist/admin.js compiled): env = .env overlaid by the real environment (the environment wins). */
export async function main() {
  // `… | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw err
  })
  const env = { ...readDotEnv(), ...process.env }
  process.exitCode = await runCli(process.argv.slice(2), {
    env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    status: (text) => process.stderr.write(text),
    interactive: !!process.stderr.isTTY,
  })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main()
