import { DEFAULT_SEED } from '../demo/generator'
import type { DemoScale } from '../demo/types'
import { hasRealRegistry } from '../demo/steps'
import { makeDemo } from '../demo/make'
import { defineSubcommand, UsageError } from './define'
import { adminDeps } from './run'

const SCALES: Record<string, string> = {
  demo: '5 个战区、6 个乡镇、约 30 个村，每村 15–40 户，近三个月已发布的考核排名；README 中的例子都能用',
  county: '5 个战区、48 个乡镇、516 个村、200,000 户、约 5,000 项任务（基准测试的规模）',
}

export const demoData = defineSubcommand({
  name: 'demo-data',
  summary: '生成演示数据（虚构的人员，真实的乡镇和村名）',
  usage: '[--scale demo|county] [--seed <n>]',
  description: [
    ...Object.entries(SCALES).map(([k, v]) => `${k}：${v}`),
    '同一 seed 每次生成完全相同的数据；任务日期围绕今天分布。',
    '数据库里已有正式导入的数据时拒绝执行，以免混入演示数据。',
  ],
  options: {
    scale: { type: 'string', description: 'demo（默认）或 county' },
    seed: { type: 'string', description: `随机种子（默认 ${DEFAULT_SEED}）` },
  },
  examples: ['', '--scale county'],
  args: { min: 0, max: 0 },
  run: async (ctx, { options }) => {
    const scale = (options.scale ?? 'demo') as string
    const seedText = (options.seed ?? String(DEFAULT_SEED)) as string
    const problems: string[] = []
    if (!(scale in SCALES)) problems.push(`--scale 应为 demo 或 county，收到：${scale}`)
    if (!/^\d{1,9}$/.test(seedText)) problems.push(`--seed 应为非负整数，收到：${seedText}`)
    if (problems.length) throw new UsageError(problems)
    const deps = adminDeps(ctx)
    if (hasRealRegistry(deps)) {
      throw new UsageError(['数据库里已有正式导入的战区/乡镇数据，不能再写入演示数据。请换一个 DATABASE_PATH。'], false)
    }
    const started = performance.now()
    const lines = await makeDemo(deps, { scale: scale as DemoScale, seed: Number(seedText), now: ctx.now() })
    ctx.out(`已生成演示数据（${scale}，seed ${seedText}，${((performance.now() - started) / 1000).toFixed(1)} 秒）：`)
    for (const line of lines) ctx.out(`  ${line}`)
  },
})
