/** The largest registry file the bot downloads from a chat (bytes). */
export const IMPORT_MAX_FILE_BYTES = 20_000_000
/** The largest photo it keeps (Feishu itself sends pictures of at most 10 MB). */
export const PHOTO_MAX_BYTES = 10_000_000
/** How long 确认导入 works after the check. */
export const CONFIRM_WINDOW_MS = 30 * 60_000

/** What the bot takes besides commands: said whenever it is sent something it does not. */
export const WHAT_I_TAKE = [
  '我能处理的是：',
  '· 文字命令（发送 /帮助 查看全部）；',
  '· 现场照片（可选）：「回复」我对你上报或核查的回答，附上照片；',
  '· 管理员在私聊中发来的花名册（.xlsx 或 .csv，不超过 20 MB）。',
].join('\n')

export const PHOTO_HINT = '照片只用作记录的现场照片（可选，不是必须）：请长按我对你上报或核查的回答，选「回复」，再发送照片。'
