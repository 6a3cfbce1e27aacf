import { existsSync, readFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { z } from 'zod'

/** One schema for everything the bot reads from its environment. Defaults follow docs/interface.md. */
const envSchema = z.object({
  LARK_APP_ID: z.string({ error: '必填：飞书应用的 App ID（形如 cli_xxx）' }),
  LARK_APP_SECRET: z.string({ error: '必填：飞书应用的 App Secret' }),
  LARK_DOMAIN: z.string().default('feishu').refine(
    (v) => v === 'feishu' || v === 'lark' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v),
    '应为 feishu、lark 或以 http(s):// 开头的地址',
  ),
  LARK_MODE: z.enum(['ws', 'webhook'], { message: '应为 ws（长连接）或 webhook（HTTP 回调）' }).default('ws'),
  LARK_ENCRYPT_KEY: z.string().optional(),
  LARK_VERIFICATION_TOKEN: z.string().optional(),
  PORT: z.coerce.number({ error: '应为 0–65535 的端口号' }).int('应为整数').min(0).max(65535, '应为 0–65535 的端口号').default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/zhanqu.db'),
  TIMEZONE: z.string().default('Asia/Shanghai').refine(isTimeZone, '不是有效的 IANA 时区，例如 Asia/Shanghai'),
  ADMIN_OPEN_IDS: z.string().default('').transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_SECRET: z.string().min(16, '至少 16 个字符').optional(),
  PUBLIC_URL: z.string().url('应为完整地址，例如 http://10.0.0.5:3000').optional(),
  SCHEDULER: z.enum(['on', 'off']).default('on'),
  CONFIG_PATH: z.string().default('config/zhanqu.json'),
  // What one import may cost (docs/import.md): rows per sheet, and megabytes of workbook once unzipped.
  IMPORT_MAX_ROWS: z.coerce.number({ error: '应为正整数' }).int('应为正整数').positive('应为正整数').default(500_000),
  IMPORT_MAX_MB: z.coerce.number({ error: '应为正数（兆字节）' }).positive('应为正数（兆字节）').default(200),
  // Files from chats (workbooks waiting for 确认导入, photos kept as evidence); beside the database by default.
  FILES_DIR: z.string().min(1).optional(),
})

export type Env = z.infer<typeof envSchema>
export type Config = Env & { publicUrl: string; larkDomain: string }

/** The bounds of one import, as the readers use them. */
export interface ImportLimits { maxRows: number; maxBytes: number }
export const importLimits = (c: Pick<Env, 'IMPORT_MAX_ROWS' | 'IMPORT_MAX_MB'>): ImportLimits =>
  ({ maxRows: c.IMPORT_MAX_ROWS, maxBytes: c.IMPORT_MAX_MB * 1e6 })
/** The defaults, for callers without an environment (tests, the benchmark). */
export const DEFAULT_IMPORT_LIMITS = importLimits(envSchema.pick({ IMPORT_MAX_ROWS: true, IMPORT_MAX_MB: true }).parse({}))

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误：\n${problems.map((p) => `  - ${p}`).join('\n')}`)
  }
}

/** Parses env into a Config, or throws a ConfigError listing every problem with its variable name. */
export function loadConfig(env: Record<string, string | undefined> = process.env, o: { lark?: boolean } = {}): Config {
  const raw = blankToUndefined(env)
  // The admin CLI works without Lark credentials (it only sends when they are there).
  if (o.lark === false) Object.assign(raw, { LARK_APP_ID: raw.LARK_APP_ID ?? '', LARK_APP_SECRET: raw.LARK_APP_SECRET ?? '', LARK_MODE: 'ws' })
  const parsed = envSchema.safeParse(raw)
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`)
  // Checked on the raw values, so it is reported together with every other problem.
  if ((raw.LARK_MODE ?? 'ws') === 'webhook' && !raw.LARK_ENCRYPT_KEY) {
    problems.push('LARK_ENCRYPT_KEY: webhook 模式必须设置：没有它就无法验证请求来自飞书，机器人拒绝启动')
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems)
  const e = parsed.data
  return {
    ...e,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    larkDomain: e.LARK_DOMAIN === 'feishu' ? 'https://open.feishu.cn'
      : e.LARK_DOMAIN === 'lark' ? 'https://open.larksuite.com'
      : e.LARK_DOMAIN.replace(/\/+$/, ''),
  }
}

/** Reads a dotenv-style file into an object with Node's own parser (quotes, `export`, comments). */
export function readDotEnv(path = '.env'): Record<string, string> {
  if (!existsSync(path)) return {}
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>
}

function blankToUndefined(env: Record<string, string | undefined>) {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]))
}

function isTimeZone(tz: string) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
