import type { Db } from '../open'

/**
 * Which chats are direct chats: a card action says only the chat id, and masking depends on the kind. A chat
 * is known from a person's message in it, or from Lark's answer to a send by open_id (./outbox.ts, markSent).
 * A chat's binding and its reminder pauses are ./bindings.ts's.
 */
export function createChats(db: Db) {
  const rememberDirect = db.prepare(`INSERT OR IGNORE INTO direct_chats (chat_id) VALUES (?)`)
  const isDirect = db.prepare(`SELECT 1 FROM direct_chats WHERE chat_id = ?`)
  return {
    rememberDirect: (chatId: string) => void rememberDirect.run(chatId),
    isDirect: (chatId: string) => isDirect.get(chatId) !== undefined,
  }
}
export type Chats = ReturnType<typeof createChats>
