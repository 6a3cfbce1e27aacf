import { existsSync } from 'node:fs'
import { dirname, extname } from 'node:path'
import { writeTemplate } from '../registry/template'
import { defineSubcommand, UsageError } from './define'

export const template = defineSubcommand({
  name: 'template',
  summary: '生成导入模板（Excel）：每张表一个工作表，含表头和一行示例',
  usage: '<out.xlsx>',
  description: [
    '工作表：战区、乡镇、村、户、成员、任务（另附「说明」）。带 * 的列必填。',
    '每张表第 2 行是示例（以「示例-」开头）：导入前请删除或覆盖，留着的示例行会被拒绝。',
  ],
  examples: ['导入模板.xlsx'],
  args: { min: 1, max: 1 },
  run: async (ctx, { positionals: [out] }) => {
    const problems: string[] = []
    if (extname(out!).toLowerCase() !== '.xlsx') problems.push(`输出文件应以 .xlsx 结尾：${out}`)
    if (!existsSync(dirname(out!) || '.')) problems.push(`目录不存在：${dirname(out!)}`)
    if (problems.length) throw new UsageError(problems)
    await writeTemplate(out!)
    ctx.out(`已生成导入模板：${out}`)
  },
})
