import { bindingLabel, createBindings } from '../../db/repos/bindings'
import { createLookup } from '../../db/repos/lookup'
import { createTransactions } from '../../db/transactions'
import { defineSubcommand, UsageError } from './define'
import { matchZone } from '../registry/find-zone'

const COUNTY = ['全县', '县指挥部']

export const bind = defineSubcommand({
  name: 'bind',
  summary: '把飞书群绑定到一个战区，或绑定为全县（县指挥部）群',
  usage: '<chat_id> <战区名称|全县>',
  description: ['chat_id 是飞书群的 ID（以 oc_ 开头）。已绑定的群会改绑，并显示原来的绑定。', '一个战区（县指挥部也一样）只绑定一个群：原来绑定它的群会解除绑定。'],
  examples: ['oc_a0553eda9014c201e6969b478895c230 第一战区', 'oc_5ad11d72b830411d72b836c20 全县'],
  args: { min: 2, max: 2 },
  run: (ctx, { positionals: [chatIdInput, targetInput] }) => {
    const chatId = chatIdInput!.trim()
    const target = targetInput!.normalize('NFKC').trim()
    if (!/^[\w-]{3,100}$/.test(chatId)) throw new UsageError([`chat_id 无效：${chatId || '（空）'}（飞书群的 chat_id 形如 oc_xxx）`])
    const db = ctx.db()
    const zones = createLookup(db).zones()
    let zone: { id: number; name: string } | null = null
    if (!COUNTY.includes(target)) {
      zone = matchZone(zones, target) ?? null
      if (!zone) {
        throw new UsageError([zones.length === 0
          ? `没有战区「${target}」：还没有导入任何战区，请先用 import 导入花名册。`
          : `没有战区「${target}」。现有战区：${zones.map((z) => z.name).join('、')}；或用「全县」绑定县指挥部群。`])
      }
    }
    const bindings = createBindings(db)
    const now = ctx.now().getTime()
    const to = { zoneId: zone?.id ?? null, zoneName: zone?.name ?? null }
    const change = createTransactions(db).immediate(() => {
      const prev = bindings.get(chatId)
      if (prev && prev.zoneId === to.zoneId) return { before: prev, freed: [], same: true }
      return { ...bindings.take(chatId, to, 'admin-cli', now), same: false }
    })
    if (!chatId.startsWith('oc_')) ctx.out('提示：飞书群的 chat_id 通常以 oc_ 开头，请确认没有填错。')
    if (change.same) ctx.out(`未变：群 ${chatId} 已经绑定到 ${bindingLabel(to)}。`)
    else if (change.before) ctx.out(`已改绑：群 ${chatId} 从 ${bindingLabel(change.before)} 改为 ${bindingLabel(to)}。`)
    else ctx.out(`已绑定：群 ${chatId} → ${bindingLabel(to)}。`)
    for (const f of change.freed) ctx.out(`群 ${f.chatId} 原来绑定 ${bindingLabel(f)}，已解除（一个战区、县指挥部各只绑定一个群）。`)
  },
})
