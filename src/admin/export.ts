import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { loadConfig } from '../config'
import { loadSettings } from '../settings'
import { createDeps } from '../deps'
import { createLogger } from '../log'
import { localDate } from '../domain/dates'
import { EXPORTERS, ExportError, exporterByName } from '../export/index'
import { writeBook } from '../export/render'
import { defineSubcommand, UsageError } from './define'

export const exportCommand = defineSubcommand({
  name: 'export',
  summary: `导出 Excel（${EXPORTERS.map((e) => e.name).join('、')}）`,
  usage: `<${EXPORTERS.map((e) => e.name).join('|')}> [--period …] [--year …] <out.xlsx>`,
  description: EXPORTERS.map((e) => `${e.name}：${e.summary}${Object.entries(e.options).map(([k, v]) => `；--${k} ${v}`).join('')}。`),
  options: {
    period: { type: 'string', description: '期间：月 YYYY-MM 或季度 YYYY-Qn' },
    year: { type: 'string', description: '年份 YYYY' },
  },
  examples: ['ranking --period 2018-05 排名-2018-05.xlsx', 'reports --period 2018-Q2 记录-2018Q2.xlsx', 'reports --year 2018 记录-2018.xlsx'],
  args: { min: 2, max: 2 },
  run: async (ctx, { positionals: [name, out], options }) => {
    const exporter = exporterByName(name!)
    const problems: string[] = []
    if (!exporter) problems.push(`没有「${name}」这种导出，可用：${EXPORTERS.map((e) => e.name).join('、')}`)
    if (!/\.xlsx$/i.test(out!)) problems.push(`输出文件应以 .xlsx 结尾：${out}`)
    for (const key of ['period', 'year'] as const) {
      if (exporter && options[key] !== undefined && !(key in exporter.options)) problems.push(`${exporter.name} 不接受 --${key}`)
    }
    if (problems.length || !exporter) throw new UsageError(problems)

    const config = loadConfig(ctx.env, { lark: false })
    const deps = createDeps(ctx.db(), config, loadSettings(config.CONFIG_PATH), createLogger('silent'))
    const started = performance.now()
    let result
    try {
      result = exporter.build(deps, {
        period: options.period as string | undefined, year: options.year as string | undefined, today: localDate(ctx.now(), config.TIMEZONE),
      })
    } catch (err) {
      if (err instanceof ExportError) throw new UsageError([err.message])
      throw err
    }
    mkdirSync(dirname(out!), { recursive: true })
    await writeBook(result.book, out!)
    ctx.out(`已导出 ${result.label} → ${out}（${Math.round(performance.now() - started)} ms）`)
  },
})
