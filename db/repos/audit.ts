import type { Db } from '../open'

/** The audit trail: who did what, when. Details hold ids and counts, never personal data. */
export function createAudit(db: Db) {
  const insert = db.prepare(`INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)`)
  return {
    record(e: { at: number; actor: string; action: string; target?: string | null; detail?: unknown }) {
      insert.run(e.at, e.actor, e.action, e.target ?? null, e.detail === undefined ? null : JSON.stringify(e.detail))
    },
  }
}
export type Audit = ReturnType<typeof createAudit>
