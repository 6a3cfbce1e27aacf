import { createRegistryRepo } from '../../db/repos/registry'
import { createOutbox } from '../../db/repos/outbox'
import { PARENT_GONE_CODES, PERMANENT_CODES } from '../lark/send-outcome'
import { loadConfig } from '../config'
import { loadSettings } from '../settings'
import { missingScheduleYear } from '../domain/calendar'
import { localDate } from '../domain/dates'
import { holidayGapText } from '../../scheduler/holidays'
import { maskName, maskPhone } from '../privacy/mask'
import { requiredTeamSize } from '../registry/team'
import { defineSubcommand } from './define'

const LIVE = 'WHERE record_id IN (SELECT id FROM records WHERE withdrawn_at IS NULL)'

export const stats = defineSubcommand({
  name: 'stats',
  summary: '数据概况：各表行数、消息发送情况、工作队人数不足的村、未关联飞书的任务责任人',
  usage: '[--json]',
  options: { json: { type: 'boolean', description: '输出一个 JSON 对象（各项均为数字）' } },
  examples: ['', '--json'],
  args: { min: 0, max: 0 },
  run: (ctx, { options }) => {
    const repo = createRegistryRepo(ctx.db())
    const outbox = (status: string) => repo.count('outbox', `WHERE status = '${status}'`)
    const counts = {
      zones: repo.count('zones'), townships: repo.count('townships'), villages: repo.count('villages'),
      households: repo.count('households'), members: repo.count('members'), tasks: repo.count('tasks'),
      // What a withdrawn record said no longer counts anywhere else either (/撤销 keeps it only as a trail).
      reports: repo.count('reports', LIVE), checks: repo.count('checks', LIVE), records_withdrawn: repo.count('records', 'WHERE withdrawn_at IS NOT NULL'),
      outbox_pending: outbox('pending'), outbox_sent: outbox('sent'), outbox_failed: outbox('failed'),
      members_linked: repo.count('members', 'WHERE open_id IS NOT NULL'), chat_bindings: repo.count('chat_bindings'),
    }
    const shortTeams = repo.villageTeams()
      .map((v) => ({ ...v, required: requiredTeamSize(v) }))
      .filter((v) => v.team < v.required)
    const unlinked = repo.unlinkedTaskOwners()
    const failures = createOutbox(ctx.db()).failuresByCode()
    const config = loadConfig(ctx.env, { lark: false })
    const today = localDate(ctx.now(), config.TIMEZONE)
    const holidaysMissing = missingScheduleYear(today, loadSettings(config.CONFIG_PATH).calendar)
    if (options.json) {
      // Flat: one key per error code the failed messages carry (outbox_failed_230002), `other` for none.
      const byCode = Object.fromEntries(failures.map((f) => [`outbox_failed_${f.code ?? 'other'}`, f.n]))
      // holiday_schedule_missing: the year whose State Council schedule is missing, 0 when none is.
      ctx.out(JSON.stringify({ ...counts, ...byCode, teams_below_minimum: shortTeams.length, unlinked_task_owners: unlinked.length, holiday_schedule_missing: holidaysMissing ?? 0 }))
      return
    }
    const n = (x: number) => x.toLocaleString('en-US')
    ctx.out(`战区 ${n(counts.zones)}，乡镇 ${n(counts.townships)}，村 ${n(counts.villages)}，户 ${n(counts.households)}`)
    ctx.out(`成员 ${n(counts.members)}（已关联飞书 ${n(counts.members_linked)}），任务 ${n(counts.tasks)}，已绑定群 ${n(counts.chat_bindings)}`)
    ctx.out(`进度上报 ${n(counts.reports)}，入户核查 ${n(counts.checks)}${counts.records_withdrawn ? `（不含已撤销的 ${n(counts.records_withdrawn)} 条记录）` : ''}`)
    ctx.out(`消息：待发送 ${n(counts.outbox_pending)}，已发送 ${n(counts.outbox_sent)}，发送失败 ${n(counts.outbox_failed)}`)
    for (const f of failures) ctx.out(`  失败 ${n(f.n)} 条：${failureReason(f.code)}`)
    if (holidaysMissing !== null) ctx.out(`\n${holidayGapText(holidaysMissing, today, config.CONFIG_PATH)}`)
    ctx.out('')
    if (shortTeams.length === 0) ctx.out('驻村工作队：所有村都达到最低人数。')
    else {
      ctx.out(`驻村工作队人数不足的村（${shortTeams.length} 个；300 户以上或未脱贫的村至少 8 人，其余至少 6 人）：`)
      for (const v of shortTeams) {
        ctx.out(`  ${v.zoneName} ${v.townshipName}${v.name}（${v.code}，${v.category}，${v.households} 户）：${v.team} 人，至少 ${v.required} 人`)
      }
    }
    ctx.out('')
    if (unlinked.length === 0) ctx.out('任务责任人：都已关联飞书。')
    else {
      ctx.out(`未关联飞书的任务责任人（${unlinked.length} 人，收不到提醒；请他们在飞书里发 /认证 <姓名> <手机后四位>）：`)
      for (const u of unlinked) {
        ctx.out(`  ${maskPhone(u.phone)} ${u.name ? maskName(u.name) : '（不在花名册中）'}：${u.tasks} 项任务`)
      }
    }
  },
})

/** What a failure code means for the operator (the code stays visible: it is what Feishu's docs are searched by). */
function failureReason(code: number | null): string {
  if (code === null) return '飞书没有应答或多次重试仍失败（见日志中的 message failed）'
  const meaning = PERMANENT_CODES.get(code) ?? PARENT_GONE_CODES.get(code)
  return meaning ? `${code} ${meaning}` : `错误码 ${code}`
}
