import type { CardAction } from '../card-actions'
import { card, escapeMd, md } from '../lark/cards/kit'
import { UserError } from '../reply'
import type { ChatImportOutcome } from '../registry/chat-import'
import { localStamp } from '../domain/dates'

const plain = (content: string) => ({ tag: 'plain_text', content })

/** The answer to a checked workbook: what the import will do, and 确认导入 for the admin who sent it. */
export function importReadyCard(o: { id: number; name: string; outcome: ChatImportOutcome; expiresAt: number; timeZone: string }): object {
  const until = localStamp(o.expiresAt, o.timeZone).slice(11)
  const heads = o.outcome.heads > 0 ? `\n⚠️ 有 ${o.outcome.heads} 户的户主姓名或证件号码将被替换（见上面「请核对」）：确认导入即确认这些替换。` : ''
  return card({
    title: '花名册校验通过，等待确认',
    template: o.outcome.heads > 0 ? 'orange' : 'green',
    elements: [
      md(`**${escapeMd(o.name)}**　${o.outcome.rows.toLocaleString('en-US')} 行\n${o.outcome.counts.map((l) => escapeMd(l.trim())).join('\n')}${heads}`),
      md(`确认后一次导入全部改动（全部写入或一行也不写）。按钮 ${until} 前有效，只有你可以确认。`),
      {
        tag: 'button', type: 'primary', text: plain(o.outcome.heads > 0 ? `确认导入（含替换 ${o.outcome.heads} 户户主）` : '确认导入'),
        behaviors: [{ type: 'callback', value: { action: 'import-confirm', id: o.id } }],
      },
    ],
  })
}

/**
 * 确认导入: only the admin who sent the file, only while it is ready and within 30 minutes, only once.
 * The import itself runs in the file worker, woken when this returns (it may take longer than Lark waits
 * for this answer).
 */
export const importConfirmAction: CardAction = {
  name: 'import-confirm',
  run: (ctx) => {
    const id = Number(ctx.value.id)
    const f = Number.isSafeInteger(id) && id > 0 ? ctx.deps.chatFiles.get(id) : null
    if (!f || f.kind !== 'import') throw new UserError('找不到这次导入，请重新发送文件。')
    if (ctx.me.openId !== f.openId || ctx.me.role !== '管理员') throw new UserError('只有发送这个文件的管理员可以确认导入。')
    if (f.state === 'confirmed' || f.state === 'imported') return { toast: { type: 'info', content: '这个文件已经确认过了，不会重复导入。' } }
    if (f.state === 'replaced') throw new UserError('你之后又发送了一个文件，这一个已作废：请确认最新的那个。')
    if (f.state !== 'ready') throw new UserError('这次导入已经结束，请重新发送文件。')
    if (f.expiresAt === null || ctx.now.getTime() >= f.expiresAt || !ctx.deps.chatFiles.confirm(f.id, ctx.now.getTime())) {
      throw new UserError('确认已过期（30 分钟内有效），没有导入。请重新发送文件。')
    }
    return { toast: { type: 'success', content: '开始导入，完成后把结果发给你。' } }
  },
}
