import { openDatabase } from '../../db/open'
import { createRankings } from '../../db/repos/rankings'
import { rankingBook } from './ranking'
import { renderBook } from './render'

/**
 * Runs in a worker thread (./file-message.ts): the workbook of a published ranking, read from the frozen
 * snapshot with a read-only connection of its own and rendered there — about a second of CPU for the county,
 * which on the bot's event loop would hold every webhook answer that long.
 */
export async function renderRankingFile(i: { dbPath: string; timeZone: string; period: string; zoneId: number | null }): Promise<Buffer> {
  const db = openDatabase(i.dbPath, { readonly: true, skipIntegrityCheck: true })
  let snapshot
  try {
    snapshot = createRankings(db).snapshot(i.period)
  } finally {
    db.close()
  }
  if (!snapshot) throw new Error(`没有已发布的 ${i.period} 排名`)
  return renderBook(rankingBook(snapshot, { zoneId: i.zoneId ?? undefined, timeZone: i.timeZone }))
}
