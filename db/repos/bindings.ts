import type { Db } from '../open'
import { createAudit } from './audit'

export interface Binding { chatId: string; zoneId: number | null; zoneName: string | null; boundAt: number }

const SELECT = `SELECT b.chat_id AS chatId, b.zone_id AS zoneId, z.name AS zoneName, b.bound_at AS boundAt
                FROM chat_bindings b LEFT JOIN zones z ON z.id = b.zone_id`

/** Which group chat speaks for which zone (zoneId null = the county HQ). */
export function createBindings(db: Db) {
  const get = db.prepare(`${SELECT} WHERE b.chat_id = ?`)
  const zoneOf = db.prepare(`SELECT zone_id AS zoneId FROM chat_bindings WHERE chat_id = ?`)
  const upsert = db.prepare(`INSERT INTO chat_bindings (chat_id, zone_id, bound_by, bound_at) VALUES (?, ?, ?, ?)
                             ON CONFLICT (chat_id) DO UPDATE SET zone_id = excluded.zone_id, bound_by = excluded.bound_by, bound_at = excluded.bound_at`)
  const all = db.prepare(`${SELECT} ORDER BY b.zone_id IS NULL, b.zone_id, b.chat_id`)
  const holders = db.prepare(`${SELECT} WHERE b.zone_id IS ? AND b.chat_id <> ? ORDER BY b.chat_id`)
  const unbind = db.prepare(`DELETE FROM chat_bindings WHERE chat_id = ?`)
  const pause = db.prepare(`INSERT INTO reminder_pauses (chat_id, until, by) VALUES (?, ?, ?)
                            ON CONFLICT (chat_id) DO UPDATE SET until = excluded.until, by = excluded.by`)
  const resume = db.prepare(`DELETE FROM reminder_pauses WHERE chat_id = ?`)
  const paused = db.prepare(`SELECT chat_id FROM reminder_pauses WHERE until >= ?`).pluck()
  const audit = createAudit(db)
  /** Binds and returns what the chat was bound to before (undefined when it was not bound). Other chats are untouched. */
  function bind(chatId: string, zoneId: number | null, by: string, at: number): Binding | undefined {
    const before = get.get(chatId) as Binding | undefined
    upsert.run(chatId, zoneId, by, at)
    return before
  }
  return {
    get: (chatId: string) => get.get(chatId) as Binding | undefined,
    /** What a command needs to know of the chat it is sent in: undefined when the chat is not bound. */
    zoneOf: (chatId: string) => zoneOf.get(chatId) as { zoneId: number | null } | undefined,
    all: () => all.all() as Binding[],
    /** The other chats that speak for this zone (or for the HQ). */
    holders: (zoneId: number | null, exceptChatId: string) => holders.all(zoneId, exceptChatId) as Binding[],
    bind,
    /** /提醒 暂停: the chat's reminders stop through `until` (YYYY-MM-DD, inclusive). */
    pauseReminders: (chatId: string, until: string, by: string) => void pause.run(chatId, until, by),
    /** /提醒 恢复; false when they were not paused. */
    resumeReminders: (chatId: string): boolean => resume.run(chatId).changes > 0,
    /** The chats whose reminders are paused on `date`. */
    pausedOn: (date: string) => new Set(paused.all(date) as string[]),
    /**
     * One chat per zone and one HQ chat: binds this chat and unbinds the others that spoke for the same
     * zone (or HQ), each change in the audit trail. Returns what the chat was bound to before and the chats
     * that were unbound. The caller runs it in a transaction.
     */
    take(chatId: string, to: { zoneId: number | null; zoneName: string | null }, by: string, at: number): { before: Binding | undefined; freed: Binding[] } {
      const freed = holders.all(to.zoneId, chatId) as Binding[]
      for (const f of freed) {
        unbind.run(f.chatId)
        audit.record({ at, actor: by, action: 'chat.unbind', target: f.chatId, detail: { from: bindingLabel(f), to: null, movedTo: chatId } })
      }
      const before = bind(chatId, to.zoneId, by, at)
      audit.record({ at, actor: by, action: 'chat.bind', target: chatId, detail: { from: before ? bindingLabel(before) : null, to: bindingLabel(to) } })
      return { before, freed }
    },
  }
}
export type Bindings = ReturnType<typeof createBindings>

/** How a binding reads to people. */
export const bindingLabel = (b: { zoneId: number | null; zoneName: string | null }) => (b.zoneId === null ? '全县（县指挥部）' : b.zoneName ?? `战区 ${b.zoneId}`)
