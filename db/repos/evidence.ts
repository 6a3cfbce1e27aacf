import type { Db } from '../open'

export const EVIDENCE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'] as const
export type EvidenceType = (typeof EVIDENCE_TYPES)[number]

/** A record a reply may add a photo to: the sender's own, not withdrawn. */
export interface EvidenceTarget { id: number; kind: string; villageCode: string | null; authorOpenId: string }

export interface EvidenceFile { id: number; recordId: number; sha256: string; type: EvidenceType; villageCode: string | null; zoneId: number }

/** A file the database refers to: one per content, with every record it is evidence of. */
export interface StoredFile { sha256: string; type: EvidenceType; bytes: number; recordIds: number[] }

/**
 * Photos kept as evidence of records, and the link from a message someone replies to back to the record it
 * is about. The link needs no table of its own: a record keeps the message that made it
 * (records.source_message_id — the person's command, or the card whose form was submitted), and the bot's
 * answer keeps what it answered (outbox.reply_to) and, once sent, Lark's id for itself (outbox.message_id).
 */
export function createEvidence(db: Db) {
  const about = db.prepare(`
    SELECT rc.id, rc.kind, rc.village_code AS villageCode, rc.author_open_id AS authorOpenId
    FROM records rc
    WHERE rc.withdrawn_at IS NULL AND (rc.source_message_id = @parent
       OR rc.source_message_id IN (SELECT o.reply_to FROM outbox o WHERE o.message_id = @parent AND o.reply_to IS NOT NULL))
    ORDER BY rc.id`)
  const insert = db.prepare(`
    INSERT OR IGNORE INTO evidence (record_id, sha256, bytes, type, author_open_id, created_at)
    VALUES (@recordId, @sha256, @bytes, @type, @authorOpenId, @now)`)
  const count = db.prepare(`SELECT COUNT(*) FROM evidence WHERE record_id = ?`).pluck()
  const file = db.prepare(`
    SELECT e.id, e.record_id AS recordId, e.sha256, e.type, rc.village_code AS villageCode, t.zone_id AS zoneId
    FROM evidence e JOIN records rc ON rc.id = e.record_id JOIN townships t ON t.code = rc.township_code
    WHERE e.id = ? AND rc.withdrawn_at IS NULL`)
  const all = db.prepare(`SELECT sha256, type, bytes, record_id AS recordId FROM evidence ORDER BY sha256, record_id`)
  const ofRecords = db.prepare(`SELECT id, record_id AS recordId FROM evidence WHERE record_id IN (SELECT value FROM json_each(?)) ORDER BY id`)

  return {
    /** The records a message is about (its own, or the person's message a bot answer replied to). */
    recordsAbout: (parentMessageId: string) => about.all({ parent: parentMessageId }) as EvidenceTarget[],
    /** Links a stored photo to a record; false when this very photo is linked to it already. */
    add: (e: { recordId: number; sha256: string; bytes: number; type: EvidenceType; authorOpenId: string }, now: number) =>
      insert.run({ ...e, now }).changes === 1,
    countOf: (recordId: number) => count.get(recordId) as number,
    /** Photo ids by record, for the lines that show 📷 and the map's links. */
    byRecords(recordIds: readonly number[]): Map<number, number[]> {
      const out = new Map<number, number[]>()
      if (recordIds.length === 0) return out
      const rows = ofRecords.all(JSON.stringify(recordIds)) as { id: number; recordId: number }[]
      for (const r of rows) out.set(r.recordId, [...(out.get(r.recordId) ?? []), r.id])
      return out
    },
    /** A photo with where its record is (for the map's remit check); null when unknown or withdrawn. */
    file: (id: number) => (file.get(id) as EvidenceFile | undefined) ?? null,
    /** Every file the evidence refers to, withdrawn records' included (a withdrawal keeps its record). */
    storedFiles(): StoredFile[] {
      const out = new Map<string, StoredFile>()
      for (const r of all.iterate() as Iterable<{ sha256: string; type: EvidenceType; bytes: number; recordId: number }>) {
        const file = out.get(r.sha256) ?? { sha256: r.sha256, type: r.type, bytes: r.bytes, recordIds: [] }
        file.recordIds.push(r.recordId)
        out.set(r.sha256, file)
      }
      return [...out.values()]
    },
  }
}
export type Evidence = ReturnType<typeof createEvidence>
