import type { Db } from '../open'

export type RecordKind = 'report' | 'check' | 'completion' | 'sixiao' | 'reverify'

export interface NewRecord {
  kind: RecordKind
  townshipCode: string
  villageCode: string | null
  authorOpenId: string
  authorMemberId: number | null
  createdAt: number
  visitedOn: string
  sourceMessageId: string | null
  note: string | null
}

export interface RecordRow {
  id: number
  kind: RecordKind
  townshipCode: string
  villageCode: string | null
  authorOpenId: string
  createdAt: number
  visitedOn: string
  withdrawnAt: number | null
}

export type CheckItems = Partial<Record<'housing' | 'water' | 'power' | 'tv' | 'education' | 'medical', boolean>>

/** Writes of the work teams' records. Callers run these inside the command's transaction. */
export function createRecords(db: Db) {
  const insertRecord = db.prepare(`
    INSERT INTO records (kind, township_code, village_code, author_open_id, author_member_id, created_at, visited_on, source_message_id, note)
    VALUES (@kind, @townshipCode, @villageCode, @authorOpenId, @authorMemberId, @createdAt, @visitedOn, @sourceMessageId, @note)`)
  const insertReport = db.prepare(`INSERT INTO reports (record_id, task_code, item, input, ratio, amount, done, visited_on)
                                   VALUES (@recordId, @taskCode, @item, @input, @ratio, @amount, @done, @visitedOn)`)
  const insertCheck = db.prepare(`INSERT INTO checks (record_id, household_code, income, housing, water, power, tv, education, medical)
                                  VALUES (@recordId, @householdCode, @income, @housing, @water, @power, @tv, @education, @medical)`)
  const insertCompletion = db.prepare(`INSERT INTO completions (record_id, task_code) VALUES (?, ?)`)
  const insertSixiao = db.prepare(`INSERT INTO sixiao_projects (record_id, household_code, kind, content, scale, park, persons, visited_on)
                                   VALUES (@recordId, @householdCode, @kind, @content, @scale, @park, @persons, @visitedOn)`)
  const insertReverify = db.prepare(`INSERT INTO reverifications (record_id, draw_id, household_code, income, housing, water, power, tv, education, medical)
                                     VALUES (@recordId, @drawId, @householdCode, @income, @housing, @water, @power, @tv, @education, @medical)`)
  const get = db.prepare(`SELECT id, kind, township_code AS townshipCode, village_code AS villageCode, author_open_id AS authorOpenId,
                                 created_at AS createdAt, visited_on AS visitedOn, withdrawn_at AS withdrawnAt FROM records WHERE id = ?`)
  const checkedHousehold = db.prepare(`SELECT household_code FROM checks WHERE record_id = ?`).pluck()
  const recent = db.prepare(`
    SELECT rc.id, rc.kind, rc.visited_on AS visitedOn,
           COALESCE(t.title, r.item, CASE rc.kind WHEN 'check' THEN '户核查' WHEN 'completion' THEN ct.title WHEN 'sixiao' THEN '"四小"项目' WHEN 'reverify' THEN '抽查复核' ELSE rc.kind END) AS what,
           r.input
    FROM records rc LEFT JOIN reports r ON r.record_id = rc.id LEFT JOIN tasks t ON t.code = r.task_code
    LEFT JOIN completions c ON c.record_id = rc.id LEFT JOIN tasks ct ON ct.code = c.task_code
    WHERE rc.village_code = ? AND rc.withdrawn_at IS NULL ORDER BY rc.id DESC LIMIT ?`)
  const withdraw = db.prepare(`UPDATE records SET withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_at IS NULL`)
  // A report the same author just made of the same thing: sought from the task's (or the village's item
  // reports') index, then the few rows of that day are compared.
  const sameWhere = `rc.created_at >= @since AND rc.author_open_id = @authorOpenId AND rc.withdrawn_at IS NULL
      AND rc.village_code IS @villageCode AND rc.township_code = @townshipCode AND r.input = @input
      AND r.visited_on = @visitedOn AND rc.note IS @note`
  const sameTaskReport = db.prepare(`SELECT rc.id FROM reports r JOIN records rc ON rc.id = r.record_id
    WHERE r.task_code = @taskCode AND ${sameWhere} ORDER BY rc.id DESC LIMIT 1`).pluck()
  const sameItemReport = db.prepare(`SELECT rc.id FROM reports r INDEXED BY reports_items JOIN records rc ON rc.id = r.record_id
    WHERE r.item = @item AND ${sameWhere} ORDER BY rc.id DESC LIMIT 1`).pluck()
  const sameCheck = db.prepare(`
    SELECT rc.id FROM checks c JOIN records rc ON rc.id = c.record_id
    WHERE c.household_code = @householdCode AND rc.created_at >= @since AND rc.author_open_id = @authorOpenId
      AND rc.withdrawn_at IS NULL AND c.income IS @income AND c.housing IS @housing AND c.water IS @water
      AND c.power IS @power AND c.tv IS @tv AND c.education IS @education AND c.medical IS @medical
      AND rc.visited_on = @visitedOn AND rc.note IS @note
    ORDER BY rc.id DESC LIMIT 1`).pluck()
  // What keeps a task done: its completions and its reports that reached the target (not withdrawn).
  const doneRecords = db.prepare(`
    SELECT rc.id, rc.kind FROM records rc JOIN completions c ON c.record_id = rc.id WHERE c.task_code = @code AND rc.withdrawn_at IS NULL
    UNION ALL
    SELECT rc.id, rc.kind FROM reports r JOIN records rc ON rc.id = r.record_id
    WHERE r.task_code = @code AND r.done = 1 AND rc.withdrawn_at IS NULL
    ORDER BY 1`)

  const bit = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0)
  const add = (r: NewRecord) => Number(insertRecord.run(r).lastInsertRowid)

  return {
    addReport(r: NewRecord, p: { taskCode: string | null; item: string | null; input: string; ratio: number | null; amount: number | null; done: boolean }): number {
      const recordId = add(r)
      insertReport.run({ recordId, ...p, done: p.done ? 1 : 0, visitedOn: r.visitedOn })
      return recordId
    },
    addCheck(r: NewRecord, c: { householdCode: string; income: number | null; items: CheckItems }): number {
      const recordId = add(r)
      const i = c.items
      insertCheck.run({
        recordId, householdCode: c.householdCode, income: c.income,
        housing: bit(i.housing), water: bit(i.water), power: bit(i.power), tv: bit(i.tv), education: bit(i.education), medical: bit(i.medical),
      })
      return recordId
    },
    addCompletion(r: NewRecord, taskCode: string): number {
      const recordId = add(r)
      insertCompletion.run(recordId, taskCode)
      return recordId
    },
    /** A "四小" project; its subsidy is derived at read (src/views/sixiao.ts), never stored. */
    addSixiao(r: NewRecord, p: { householdCode: string; kind: string; content: string; scale: string | null; park: boolean; persons: number }): number {
      const recordId = add(r)
      insertSixiao.run({ recordId, ...p, park: p.park ? 1 : 0, visitedOn: r.visitedOn })
      return recordId
    },
    /**
     * A spot check's 复核 of a drawn household (migration 0017). With `alsoCheck` (config
     * spotCheck.overrides) the same record is also the household's check and counts for its standing.
     */
    addReverify(r: NewRecord, v: { drawId: number; householdCode: string; income: number | null; items: CheckItems }, alsoCheck: boolean): number {
      const recordId = add(r)
      const i = v.items
      const values = {
        recordId, householdCode: v.householdCode, income: v.income,
        housing: bit(i.housing), water: bit(i.water), power: bit(i.power), tv: bit(i.tv), education: bit(i.education), medical: bit(i.medical),
      }
      insertReverify.run({ ...values, drawId: v.drawId })
      if (alsoCheck) insertCheck.run(values)
      return recordId
    },
    /**
     * The record the same author made of the same report in the last minutes (a double send, a double
     * tap on a form), so that it is not counted twice.
     */
    sameReport: (r: NewRecord, p: { taskCode: string | null; item: string | null; input: string }, since: number) =>
      (p.taskCode !== null ? sameTaskReport : sameItemReport).get({ ...r, ...p, since }) as number | undefined,
    sameCheck: (r: NewRecord, c: { householdCode: string; income: number | null; items: CheckItems }, since: number) => {
      const i = c.items
      return sameCheck.get({
        since, authorOpenId: r.authorOpenId, householdCode: c.householdCode, income: c.income, visitedOn: r.visitedOn, note: r.note,
        housing: bit(i.housing), water: bit(i.water), power: bit(i.power), tv: bit(i.tv), education: bit(i.education), medical: bit(i.medical),
      }) as number | undefined
    },
    doneRecords: (taskCode: string) => doneRecords.all({ code: taskCode }) as { id: number; kind: RecordKind }[],
    get: (id: number) => get.get(id) as RecordRow | undefined,
    /** The household a check record is about. */
    checkedHousehold: (recordId: number) => checkedHousehold.get(recordId) as string | undefined,
    /** A village's latest records not withdrawn, newest first: what each was about (task, item or kind) and what it said. */
    recent: (villageCode: string, limit: number) =>
      recent.all(villageCode, limit) as { id: number; kind: RecordKind; visitedOn: string; what: string; input: string | null }[],
    /** Marks a record withdrawn; false when it already was. */
    withdraw: (id: number, by: string, at: number) => withdraw.run(at, by, id).changes === 1,
  }
}
export type Records = ReturnType<typeof createRecords>
