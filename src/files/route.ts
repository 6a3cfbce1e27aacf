import { extname } from 'node:path'
import type { ChatInfo } from '../../commands/define'
import type { ChatFiles } from '../../db/repos/chat-files'
import type { Evidence } from '../../db/repos/evidence'
import type { Actor } from '../identity'
import { MAX_IMAGES_PER_MESSAGE, type Attachment, type Incoming } from '../lark/inbound'
import type { RouteResult } from '../router'
import { text } from '../reply'
import { IMPORT_MAX_FILE_BYTES, PHOTO_HINT, WHAT_I_TAKE } from './texts'
import { mb } from './download'

/** What the import reads (src/registry/read-files.ts): anything else is refused before it is downloaded. */
const IMPORTABLE = new Set(['.xlsx', '.xlsm', '.csv', '.txt', '.xls', '.et', '.ods'])

const LABELS: Record<string, string> = {
  sticker: '表情包', audio: '语音', media: '视频', folder: '文件夹', share_chat: '群名片', share_user: '个人名片',
  location: '位置', merge_forward: '合并转发的消息', interactive: '卡片', share_calendar_event: '日程', todo: '任务',
  video_chat: '视频会议', hongbao: '红包', vote: '投票', system: '系统消息',
}

/**
 * A message that carries a file, pictures or anything else that is not text: decided here, inside the
 * inbox row's transaction, with an answer now. What needs a download (an admin's workbook, a photo of
 * one's own record) is queued in chat_files for the file worker (./worker.ts); nothing is queued or kept
 * for the rest.
 */
export function routeAttachment(deps: { chatFiles: ChatFiles; evidence: Evidence }, incoming: Incoming & { attachment: Attachment; messageId: string }, me: Actor, chat: ChatInfo, now: Date): RouteResult {
  const a = incoming.attachment
  const answer = (t: string, outcome: RouteResult['outcome'] = 'user-error', command: string = a.kind): RouteResult => ({ replies: [text(t)], command: `[${command}]`, outcome })

  if (a.kind === 'other') return answer(`我收不了${LABELS[a.messageType] ?? '这类消息'}。\n${WHAT_I_TAKE}`)

  if (a.kind === 'file') {
    const shown = shownName(a.fileName)
    if (me.role !== '管理员') return answer(`只有管理员可以发文件给我导入花名册，「${shown}」没有保存。\n${WHAT_I_TAKE}`, 'denied')
    if (chat.type !== 'p2p') return answer(`请在和我的私聊中发送花名册文件（群聊中不导入），「${shown}」没有保存。`)
    if (!IMPORTABLE.has(extname(a.fileName).toLowerCase())) {
      return answer(`「${shown}」不是花名册文件：我只导入 .xlsx 工作簿或 .csv 文件（不超过 ${mb(IMPORT_MAX_FILE_BYTES)}），文件没有保存。`)
    }
    const id = deps.chatFiles.receive({ kind: 'import', messageId: incoming.messageId, fileKey: a.fileKey, chatId: incoming.chatId, openId: me.openId, fileName: a.fileName }, now.getTime())
    if (id === null) return { replies: [], command: '[import]', outcome: 'ok' }   // queued before: the worker answers it
    return answer(`已收到「${shown}」，正在下载并校验（和 admin import --dry-run 相同的检查），完成后把试运行结果发给你。`, 'ok', 'import')
  }

  // Pictures: evidence of the sender's own record, when they reply to the bot's answer to it.
  if (!incoming.parentId) return answer(`收到图片，但没有保存。${PHOTO_HINT}`)
  if (a.imageKeys.length > MAX_IMAGES_PER_MESSAGE) return answer(`一次最多 ${MAX_IMAGES_PER_MESSAGE} 张照片，这条消息有 ${a.imageKeys.length} 张，没有保存。请分几次回复。`)
  const about = deps.evidence.recordsAbout(incoming.parentId)
  const mine = about.filter((r) => r.authorOpenId === me.openId)
  if (about.length === 0) return answer(`你回复的消息不是我对一条上报或核查的回答，照片没有保存。${PHOTO_HINT}`)
  if (mine.length === 0) return answer('照片只能补充到你自己的记录上：这条记录不是你上报的，照片没有保存。', 'denied')
  if (mine.length > 1) {
    return answer(`你回复的回答对应 ${mine.length} 条记录（${mine.map((r) => `#${r.id}`).join('、')}），分不清照片属于哪一条，没有保存。以后需要附照片的记录请一条消息只报一条。`)
  }
  const record = mine[0]!
  for (const key of a.imageKeys) {
    deps.chatFiles.receive({ kind: 'photo', messageId: incoming.messageId, fileKey: key, chatId: incoming.chatId, openId: me.openId, recordId: record.id }, now.getTime())
  }
  return { replies: [], command: '[photo]', outcome: 'ok' }   // the worker answers once the photos are stored
}

/** A file name as the chat shows it back: the last segment, no control characters, at most 60 characters. */
export function shownName(name: string): string {
  const last = (name.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim()
  const chars = [...last]
  return chars.length === 0 ? '（无名文件）' : chars.length > 60 ? `${chars.slice(0, 59).join('')}…` : last
}
