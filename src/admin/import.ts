import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { basename, dirname, extname } from 'node:path'
import { importLimits, loadConfig } from '../config'
import { changeLines, countLines, writeChangeReport } from '../registry/change-report'
import { importRegistry } from '../registry/import'
import { registryStore } from '../../db/repos/registry'
import { formatProblem } from '../registry/types'
import { defineSubcommand, InputError, UsageError } from './define'

export const importCommand = defineSubcommand({
  name: 'import',
  summary: '导入花名册和任务（.xlsx 或 .csv）；先全部校验，有任何问题就一行也不导入；--dry-run 列出每一处改动',
  usage: '<file> [<file>…] [--dry-run] [--report <file>] [--confirm-heads]',
  description: [
    '.xlsx：工作表名为 战区、乡镇、村、户、成员、任务（任选几张）；表头可在前 10 行内（上面的标题行会被忽略）。',
    '.csv 或 .txt：UTF-8、GBK 或 UTF-16 均可，文件名以表名开头，如 村.csv、村-2018.csv。',
    '按代码更新（战区按名称，成员按手机）。空白单元格和文件里没有的列保留原值；要清空一个值，填 - 或（空）。',
    '问题逐条列出，位置与 Excel 中看到的一致，例如：户 第 12 行 D 列「证件号码」：……',
    '试运行列出每一处改动（原值 → 新值）；替换户主姓名或证件号码的改动列在最前（请核对），正式导入时需加 --confirm-heads。',
    '每张表最多 IMPORT_MAX_ROWS 行（默认 500,000），每个 .xlsx 解压后最多 IMPORT_MAX_MB 兆字节（默认 200），可在 .env 中调整。',
  ],
  options: {
    'dry-run': { type: 'boolean', description: '只校验并列出将会发生的改动，不写入' },
    report: { type: 'string', description: '把全部改动写入一个 CSV 文件（屏幕上每张表最多显示 50 处）' },
    'confirm-heads': { type: 'boolean', description: '确认替换户主姓名或证件号码（先用 --dry-run 核对）' },
  },
  examples: ['花名册.xlsx --dry-run --report 改动.csv', '村.csv 户.csv', '户.csv --confirm-heads'],
  args: { min: 1, max: Infinity },
  run: async (ctx, { positionals: files, options }) => {
    const dryRun = options['dry-run'] === true
    const report = options.report as string | undefined
    if (report !== undefined) {
      // Checked before importing: the report is written after the data, and failing then would look as if
      // nothing had been imported.
      const problems: string[] = []
      const dir = dirname(report) || '.'
      if (extname(report).toLowerCase() !== '.csv') problems.push(`--report 的文件应以 .csv 结尾：${report}`)
      if (!existsSync(dir)) problems.push(`目录不存在：${dir}`)
      else if (existsSync(report) && statSync(report).isDirectory()) problems.push(`--report 应是一个文件，而 ${report} 是文件夹`)
      else if (!writable(existsSync(report) ? report : dir)) problems.push(`没有权限写入：${report}`)
      if (problems.length) throw new UsageError(problems)
    }
    const progress = ctx.progress()
    const started = performance.now()
    let phase = ''
    const result = await importRegistry({
      ...registryStore(ctx.db()),
      now: ctx.now,
      limits: importLimits(loadConfig(ctx.env, { lark: false })),
      progress: (p, done, total) => {
        if (p !== phase) progress.phase()
        phase = p
        progress.update({ read: '读取', check: '校验', write: dryRun ? '比对' : '写入' }[p], done, total)
      },
    }, files, { dryRun, confirmHeads: options['confirm-heads'] === true })
    progress.end()
    for (const note of result.notes) ctx.out(`提示：${note}`)
    if (!result.ok) {
      const bySource = new Map<string, string[]>()
      for (const p of result.problems) bySource.set(p.source, [...(bySource.get(p.source) ?? []), formatProblem(p)])
      for (const [source, lines] of bySource) {
        if (files.length > 1) ctx.out(`文件 ${source}：`)
        for (const line of lines) ctx.out(line)
      }
      throw new InputError(`共 ${result.problems.length} 个问题，没有导入任何数据。请修改后重新导入。`)
    }
    const seconds = (performance.now() - started) / 1000
    const what = `${files.map((f) => basename(f)).join('、')}，共 ${result.rows.toLocaleString('en-US')} 行` +
      `（${seconds.toFixed(1)} 秒，${Math.round(result.rows / Math.max(seconds, 0.001)).toLocaleString('en-US')} 行/秒）`
    ctx.out(dryRun ? `试运行，没有写入任何数据。${what}校验通过；导入将会：`
      : result.written ? `导入完成：${what}` : `校验通过，但没有导入任何数据：${what}。导入将会：`)
    for (const line of countLines(result, dryRun)) ctx.out(line)
    for (const line of changeLines(result.changes, report)) ctx.out(line)
    if (report !== undefined) ctx.out(`全部改动（${writeChangeReport(report, result.changes)} 处）已写入 ${report}`)
    const heads = result.changes.filter((c) => c.heads).length
    if (!dryRun && !result.written) {
      throw new InputError(`有 ${heads} 户的户主姓名或证件号码将被替换（见上方「请核对」），为防止户编号填错，没有导入任何数据。` +
        '核对无误后，加 --confirm-heads 重新导入。')
    }
  },
})

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}
