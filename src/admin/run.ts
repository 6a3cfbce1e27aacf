import { loadConfig } from '../config'
import { loadSettings } from '../settings'
import { createDeps } from '../deps'
import { createLogger } from '../log'
import { plainText } from '../lark/cards/kit'
import { createLarkClient, createTokenCache } from '../lark/client'
import { createSender } from '../lark/sender'
import { JOBS, jobByName } from '../../scheduler/jobs'
import { runJob } from '../../scheduler/run-job'
import { atLocalHour, isValidDate, localDate, parsePeriod } from '../domain/dates'
import { createFileRenderer, readFileMessage } from '../export/file-message'
import { defineSubcommand, UsageError } from './define'
import type { CliContext } from './define'
import type { Deps } from '../deps'

const DELIVERY_TIMEOUT_MS = 60_000

export const run = defineSubcommand({
  name: 'run',
  summary: '立即运行一项定时任务（overdue 逾期提醒、monthly-review 月度调度、ranking 考核排名、holidays 节假日安排缺失提醒），同一日期/期间只发送一次',
  usage: '<job> [--date YYYY-MM-DD] [--period YYYY-MM 或 YYYY-Qn 或 YYYY] [--dry-run] [--force]',
  description: [
    `job：${JOBS.map((j) => `${j.name}（${j.summary}）`).join('，')}。`,
    '不受工作日和免打扰时段限制。有飞书凭证（LARK_APP_ID 等）时本命令把消息发出去；否则加入发送队列，由运行中的机器人发送。',
  ],
  options: {
    date: { type: 'string', description: '按这一天运行（默认今天）' },
    period: { type: 'string', description: '期间：月 YYYY-MM 或季度 YYYY-Qn（ranking），年 YYYY（holidays）' },
    'dry-run': { type: 'boolean', description: '只显示将发送的消息，不记录、不发送' },
    force: { type: 'boolean', description: 'ranking：发布还没结束的月份或季度（或攻坚开始前的期间）；发布后冻结，不能撤回' },
  },
  examples: ['overdue', 'overdue --date 2018-06-15 --dry-run', 'monthly-review --period 2018-06', 'ranking --period 2018-Q2'],
  args: { min: 1, max: 1 },
  run: async (ctx, { positionals: [name], options }) => {
    const job = jobByName(name!)
    const problems: string[] = []
    if (!job) problems.push(`没有任务「${name}」，可用：${JOBS.map((j) => j.name).join('、')}`)
    const date = options.date as string | undefined
    if (date !== undefined && !isValidDate(date)) problems.push(`--date「${date}」不是有效日期（YYYY-MM-DD）`)
    const periodOption = options.period as string | undefined
    const periodProblem = job && periodOption !== undefined ? job.checkPeriod(periodOption) : null
    if (periodProblem) problems.push(`--period「${periodOption}」：${periodProblem}`)
    if (problems.length || !job) throw new UsageError(problems)

    const deps = adminDeps(ctx)
    // As of 09:00 on that day in the county (when the scheduler would run it); sent now, whatever the day.
    const at = ctx.now()
    const now = date ? atLocalHour(date, 9, deps.config.TIMEZONE) : at
    const today = date ?? localDate(now, deps.config.TIMEZONE)
    const period = periodOption ?? job.defaultPeriod(today)
    const early = job.name === 'ranking' && options.force !== true && !options['dry-run'] ? unfinishedPeriod(period, today, deps.settings.campaignStart) : null
    if (early) throw new UsageError([`--period「${period}」${early}。排名一经发布就冻结、不能撤回；确实要发布请加 --force，想先看看请加 --dry-run。`])
    const outcome = await runJob(deps, job, { period, now, at, dryRun: options['dry-run'] === true, trigger: 'admin' })
    if (outcome.status === 'already-done') return ctx.out(`${job.name} ${period} 已经运行过，这次没有发送任何消息。`)
    if (outcome.messages.length === 0) return ctx.out(`${job.name} ${period}：没有需要发送的消息。`)
    if (outcome.status === 'dry-run') {
      ctx.out(`${job.name} ${period}（试运行，未记录、未发送）将发送 ${outcome.messages.length} 条消息：`)
      for (const m of outcome.messages) {
        ctx.out(`\n→ ${m.receiveId}`)
        ctx.out(m.msgType === 'interactive' ? plainText(JSON.parse(m.content)) : m.msgType === 'text' ? JSON.parse(m.content).text : `[文件] ${readFileMessage(m.content)?.file_name ?? ''}`)
      }
      return
    }
    ctx.out(`${job.name} ${period}：已生成 ${outcome.messages.length} 条消息（${outcome.ms} ms）。`)
    await deliver(ctx, deps)
  },
})

/** Why a ranking of `period` should not be frozen as of `today`, or null when it may. */
function unfinishedPeriod(id: string, today: string, campaignStart: string): string | null {
  const period = parsePeriod(id)
  if (!period) return null
  if (period.start > today) return null   // a period not begun is refused by the job itself, --force or not
  if (period.end >= today) return `还没有结束（到 ${period.end}）`
  if (period.end < campaignStart) return `在攻坚开始（${campaignStart}）之前`
  return null
}

/** The bot's repositories on the CLI's database, with the config and settings the bot would use. */
export function adminDeps(ctx: CliContext): Deps {
  const config = loadConfig(ctx.env, { lark: false })
  return createDeps(ctx.db(), config, loadSettings(config.CONFIG_PATH), createLogger('silent'))
}

/** With credentials, send the queue now (a running bot may share it: leases keep each row to one sender). */
async function deliver(ctx: CliContext, deps: Deps) {
  const { config } = deps
  if (!config.LARK_APP_ID || !config.LARK_APP_SECRET) {
    ctx.out('未配置飞书凭证：消息已加入发送队列，将由运行中的机器人（npm start）发送。')
    return
  }
  const cache = createTokenCache()
  const client = createLarkClient({ appId: config.LARK_APP_ID, appSecret: config.LARK_APP_SECRET, domain: config.larkDomain, log: deps.log, cache })
  const sender = createSender({ outbox: deps.outbox, client, cache, log: deps.log, renderFile: createFileRenderer({ dbPath: ctx.db().name, timeZone: config.TIMEZONE }) })
  sender.start()
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS
  while (deps.outbox.counts().pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
  await sender.stop()
  const c = deps.outbox.counts()
  ctx.out(c.pending === 0 ? `已发送。发送失败累计 ${c.failed} 条（见 stats）。` : `仍有 ${c.pending} 条待发送，将由运行中的机器人继续发送。`)
}
