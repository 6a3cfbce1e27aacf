import type { Db } from '../open'

export interface Binding { chatId: string; zoneId: number | null; zoneName: string | null }

/** Which group chat speaks for which zone (zoneId null = the county HQ). */
export function createBindings(db: Db) {
  const get = db.prepare(`SELECT b.chat_id AS chatId, b.zone_id AS zoneId, z.name AS zoneName
                          FROM chat_bindings b LEFT JOIN zones z ON z.id = b.zone_id WHERE b.chat_id = ?`)
  const upsert = db.prepare(`INSERT INTO chat_bindings (chat_id, zone_id, bound_by, bound_at) VALUES (?, ?, ?, ?)
                             ON CONFLICT (chat_id) DO UPDATE SET zone_id = excluded.zone_id, bound_by = excluded.bound_by, bound_at = excluded.bound_at`)
  const all = db.prepare(`SELECT b.chat_id AS chatId, b.zone_id AS zoneId, z.name AS zoneName
                          FROM chat_bindings b LEFT JOIN zones z ON z.id = b.zone_id ORDER BY b.zone_id IS NULL, b.zone_id, b.chat_id`)
  return {
    get: (chatId: string) => get.get(chatId) as Binding | undefined,
    all: () => all.all() as Binding[],
    /** Binds and returns what the chat was bound to before (undefined when it was not bound). */
    bind(chatId: string, zoneId: number | null, by: string, at: number): Binding | undefined {
      const before = get.get(chatId) as Binding | undefined
      upsert.run(chatId, zoneId, by, at)
      return before
    },
  }
}
export type Bindings = ReturnType<typeof createBindings>

/** How a binding reads to people. */
export const bindingLabel = (b: { zoneId: number | null; zoneName: string | null }) => (b.zoneId === null ? '全县（县指挥部）' : b.zoneName ?? `战区 ${b.zoneId}`)
