import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { backupTo } from '../../db/backup'
import { defineSubcommand, UsageError } from './define'

export const backup = defineSubcommand({
  name: 'backup',
  summary: '在线备份数据库（机器人运行时也可以做，得到一致的快照）',
  usage: '<out.db>',
  description: ['不会覆盖已有文件。恢复：停止机器人，用备份文件替换 DATABASE_PATH 指向的文件，再启动。'],
  examples: ['backup/zhanqu-2018-06-30.db'],
  args: { min: 1, max: 1 },
  run: async (ctx, { positionals: [out] }) => {
    const target = resolve(out!)
    const problems: string[] = []
    if (existsSync(target)) problems.push(`文件已存在，不会覆盖：${out}`)
    if (!existsSync(dirname(target))) problems.push(`目录不存在：${dirname(out!)}`)
    if (resolve(ctx.env.DATABASE_PATH || './data/zhanqu.db') === target) problems.push('备份文件不能是数据库本身')
    if (problems.length) throw new UsageError(problems)
    const { pages } = await backupTo(ctx.db(), target)
    const mb = statSync(target).size / 1024 / 1024
    ctx.out(`已备份到 ${out}（${pages} 页，${mb.toFixed(1)} MB，完整性检查通过）`)
  },
})
