import type { Db } from '../open'

/** A person's own overdue reminders: their pauses, and the tasks they were urged about (加急). */
export function createReminders(db: Db) {
  const pause = db.prepare(`INSERT INTO direct_reminder_pauses (open_id, until) VALUES (?, ?)
                            ON CONFLICT (open_id) DO UPDATE SET until = excluded.until`)
  const resume = db.prepare(`DELETE FROM direct_reminder_pauses WHERE open_id = ?`)
  const paused = db.prepare(`SELECT open_id FROM direct_reminder_pauses WHERE until >= ?`).pluck()
  const urgedSince = db.prepare(`SELECT DISTINCT task_code FROM urgent_reminders WHERE sent_on > ?`).pluck()
  const urge = db.prepare(`INSERT OR IGNORE INTO urgent_reminders (task_code, sent_on, open_id) VALUES (?, ?, ?)`)
  return {
    /** /提醒 暂停 in a direct chat: the person's own reminders stop through `until` (inclusive). */
    pause: (openId: string, until: string) => void pause.run(openId, until),
    /** false when they were not paused. */
    resume: (openId: string): boolean => resume.run(openId).changes > 0,
    /** Those whose own reminders are paused on `date`. */
    pausedOn: (date: string) => new Set(paused.all(date) as string[]),
    /** The tasks urged about after `date` (exclusive). */
    urgedAfter: (date: string) => new Set(urgedSince.all(date) as string[]),
    urged: (taskCodes: readonly string[], date: string, openId: string) => {
      for (const code of taskCodes) urge.run(code, date, openId)
    },
  }
}
export type Reminders = ReturnType<typeof createReminders>
