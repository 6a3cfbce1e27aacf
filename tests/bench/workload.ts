// Who sends what: the county's work-team members (linked to Feishu in the demo roster) reporting progress
// on their own village's open tasks (a lower figure on a done task is refused), each village from its own
// group chat — the days before the monthly meeting.
import Database from 'better-sqlite3'
import { createRng } from '../../src/domain/prng'
import type { LarkSimulator } from '../sim'
import { prepareEvent, type PreparedEvent } from './load'

export interface Reporter { openId: string; villageCode: string; tasks: string[] }
export interface Workload { reporters: Reporter[]; inspector: string; villages: number; households: number }

export function loadWorkload(dbPath: string): Workload {
  const db = new Database(dbPath, { readonly: true })
  try {
    const rows = db.prepare(`
      SELECT m.open_id AS openId, m.village_code AS villageCode, json_group_array(t.code) AS tasks
      FROM members m JOIN tasks t ON t.village_code = m.village_code LEFT JOIN task_progress p ON p.task_code = t.code
      WHERE m.open_id IS NOT NULL AND m.role IN ('第一书记', '队长', '队员') AND p.completion_id IS NULL
      GROUP BY m.id ORDER BY m.id`).all() as { openId: string; villageCode: string; tasks: string }[]
    const inspector = db.prepare(`SELECT open_id FROM members WHERE role = '督查' AND open_id IS NOT NULL ORDER BY id LIMIT 1`).pluck().get() as string
    const villages = db.prepare(`SELECT COUNT(*) FROM villages`).pluck().get() as number
    const households = db.prepare(`SELECT COUNT(*) FROM households`).pluck().get() as number
    return { reporters: rows.map((r) => ({ ...r, tasks: JSON.parse(r.tasks) as string[] })), inspector, villages, households }
  } finally {
    db.close()
  }
}

/** `n` distinct `/村 上报 <村> <任务> <n>%` messages from random reporters, ready to post. */
export function reportEvents(sim: LarkSimulator, encryptKey: string, w: Workload, n: number, tag: string, seed: number): PreparedEvent[] {
  const rng = createRng(seed)
  return Array.from({ length: n }, (_, i) => {
    const r = rng.pick(w.reporters)
    const text = `/村 上报 ${r.villageCode} ${rng.pick(r.tasks)} ${rng.int(5, 95)}%`
    return prepareEvent(sim, encryptKey, {
      text, mentionBot: true, chatType: 'group', chatId: `oc_v${r.villageCode}`, openId: r.openId,
      messageId: `om_${tag}_${i}`, eventId: `ev_${tag}_${i}`,
    })
  })
}
