import { existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { backupTo } from '../../db/backup'
import { loadConfig } from '../config'
import { copyEvidence } from '../files/backup-files'
import { fileFolders } from '../files/store'
import { defineSubcommand, IncompleteError, UsageError } from './define'

/** The folder beside a backup that holds its photos, laid out as FILES_DIR is (README, "Restore"). */
export const backupFilesDir = (backupFile: string) => `${backupFile}.files`

export const backup = defineSubcommand({
  name: 'backup',
  summary: '在线备份数据库和它引用的现场照片（机器人运行时也可以做，得到一致的快照）',
  usage: '<out.db>',
  description: [
    '照片复制到 <out.db>.files/（与 FILES_DIR 相同的目录结构），每个文件复制后按 sha256 核对。',
    '数据库引用的照片文件缺失或损坏时：数据库照常备份，列出这些文件，退出码 3。',
    '不会覆盖已有文件。恢复：见 README「Restore」。',
  ],
  examples: ['backup/zhanqu-2018-06-30.db'],
  args: { min: 1, max: 1 },
  run: async (ctx, { positionals: [out] }) => {
    const config = loadConfig(ctx.env, { lark: false })
    const target = resolve(out!)
    const filesDir = backupFilesDir(target)
    const problems: string[] = []
    if (existsSync(target)) problems.push(`文件已存在，不会覆盖：${out}`)
    if (existsSync(filesDir)) problems.push(`照片目录已存在，不会覆盖：${backupFilesDir(out!)}`)
    if (!existsSync(dirname(target))) problems.push(`目录不存在：${dirname(out!)}`)
    if (resolve(config.DATABASE_PATH) === target) problems.push('备份文件不能是数据库本身')
    if (problems.length) throw new UsageError(problems)

    const { pages, files } = await backupTo(ctx.db(), target)
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
    ctx.out(`已备份到 ${out}（${pages} 页，${mb(statSync(target).size)} MB，完整性检查通过）`)

    const live = fileFolders({ databasePath: config.DATABASE_PATH, filesDir: config.FILES_DIR })
    const kept = fileFolders({ databasePath: target, filesDir })
    mkdirSync(kept.evidence, { recursive: true, mode: 0o700 })
    const copied = copyEvidence(files, live, kept)
    ctx.out(`现场照片 ${copied.files} 个文件，${copied.bytes.toLocaleString('en-US')} 字节（${mb(copied.bytes)} MB），逐个按 sha256 核对无误，在 ${backupFilesDir(out!)}/`)
    if (copied.problems.length === 0) return
    ctx.err(`数据库引用的 ${copied.problems.length} 个照片文件没能备份（在 ${live.root} 中）：`)
    for (const p of copied.problems) ctx.err(`  ${p.path}（记录 ${p.file.recordIds.map((id) => `#${id}`).join('、')}）：${p.why}`)
    ctx.err('数据库已完整备份；这些照片在这份备份里没有。更早的备份里可能还有它们（README「Restore」）。')
    throw new IncompleteError()
  },
})
