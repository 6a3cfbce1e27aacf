import { basename } from 'node:path'
import { importRegistry } from '../registry/import'
import { SHEETS } from '../registry/sheets'
import { formatProblem } from '../registry/types'
import { ORDER, totalCounts } from '../registry/upsert'
import { defineSubcommand, InputError } from './define'

export const importCommand = defineSubcommand({
  name: 'import',
  summary: '导入花名册和任务（.xlsx 或 .csv）；先全部校验，有任何问题就一行也不导入',
  usage: '<file> [<file>…] [--dry-run]',
  description: [
    '.xlsx：工作表名为 战区、乡镇、村、户、成员、任务（任选几张）。',
    '.csv：UTF-8（可带 BOM），文件名以表名开头，如 村.csv、村-2018.csv。',
    '按代码更新（战区按名称，成员按手机），重复导入同一文件不会改变任何数据。',
    '问题逐条列出，格式为 <表> row <行号> column <列名>: <原因>，行号与 Excel 中看到的一致。',
  ],
  options: { 'dry-run': { type: 'boolean', description: '只校验并显示将会发生的变化，不写入' } },
  examples: ['花名册.xlsx', '村.csv 户.csv --dry-run'],
  args: { min: 1, max: Infinity },
  run: async (ctx, { positionals: files, options }) => {
    const dryRun = options['dry-run'] === true
    const progress = ctx.progress()
    const started = performance.now()
    let phase = ''
    const result = await importRegistry({
      db: ctx.db(),
      now: ctx.now,
      progress: (p, done, total) => {
        if (p !== phase) progress.phase()
        phase = p
        progress.update({ read: '读取', check: '校验', write: dryRun ? '比对' : '写入' }[p], done, total)
      },
    }, files, { dryRun })
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
    const total = totalCounts(result.counts)
    const what = `${files.map((f) => basename(f)).join('、')}，共 ${result.rows.toLocaleString('en-US')} 行` +
      `（${seconds.toFixed(1)} 秒，${Math.round(result.rows / Math.max(seconds, 0.001)).toLocaleString('en-US')} 行/秒）`
    ctx.out(dryRun ? `试运行，没有写入任何数据。${what}校验通过；导入将会：` : `导入完成：${what}`)
    for (const key of ORDER) {
      const def = SHEETS.find((s) => s.key === key)!
      if (!result.sheets.includes(def.name)) continue
      const c = result.counts[key]
      ctx.out(`  ${def.name.padEnd(2, '　')}  新增 ${c.added}，更新 ${c.updated}，未变 ${c.unchanged}`)
    }
    if (total.added + total.updated === 0) ctx.out(`${dryRun ? '导入不会带来任何变化' : '没有任何变化'}：数据库中的数据已与文件一致。`)
  },
})
