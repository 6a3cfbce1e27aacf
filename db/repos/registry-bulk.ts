import type { Db } from '../open'

/**
 * The row triggers an import of many rows suspends: each keeps a derived table in step with one household
 * (or registry) row, which costs four more writes per row — 7 of the 10 s of writing the county's 209,438
 * rows (BENCHMARKS.md §6). Suspended, the same tables are derived once from the written rows instead.
 */
const SUSPENDED = ['village_stats_household_%', 'village_status_counts_%', 'households_status_%', 'registry_version_%']

/**
 * Runs `write` (the import's upserts) with those triggers suspended, then leaves every derived table as
 * the triggers would have: village_stats and village_status_counts recounted from the households,
 * household_status_history given each new household's status and each changed one's, registry_version
 * moved. The caller holds the transaction: the triggers are dropped and made again inside it, so no other
 * connection ever sees the schema without them, and a failed import rolls back both.
 */
export function withTriggersSuspended<T>(db: Db, write: () => T): T {
  const triggers = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND (${SUSPENDED.map(() => 'name LIKE ?').join(' OR ')})`)
    .all(...SUSPENDED) as { name: string; sql: string }[]
  db.exec(`CREATE TEMP TABLE status_before AS SELECT code, status FROM households`)
  for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`)
  // The household table and its three indexes outgrow SQLite's default 2 MB page cache a few thousand rows
  // in, after which every insert evicts a page to the WAL and reads another back. 64 MB for the length of
  // the write keeps the county's 209,438 rows in memory: the write phase 4.8 s → 2.6–2.8 s (BENCHMARKS.md §6).
  const cache = db.pragma('cache_size', { simple: true })
  db.pragma('cache_size = -65536')
  try {
    const result = write()
    derive(db)
    return result
  } finally {
    db.pragma(`cache_size = ${cache}`)
    for (const t of triggers) db.exec(t.sql)
    db.exec('DROP TABLE temp.status_before')
  }
}

function derive(db: Db) {
  db.exec(`
    -- households_status_inserted: a new household's status from the beginning of time;
    -- households_status_changed: a changed one's from today in the county (UTC+8), as SQLite's clock says.
    INSERT INTO household_status_history (household_code, effective_on, status)
      SELECT h.code, CASE WHEN b.code IS NULL THEN '0000-01-01' ELSE date('now', '+8 hours') END, h.status
      FROM households h LEFT JOIN temp.status_before b ON b.code = h.code
      WHERE b.code IS NULL OR b.status IS NOT h.status
    ON CONFLICT (household_code, effective_on) DO UPDATE SET status = excluded.status;

    -- village_stats_household_*: households, poor ones and eligible (exited) ones per village, and how many
    -- of each meet 一超六有 (household_standing.meets).
    -- A village whose households all moved keeps its row at zero, as the triggers leave it.
    UPDATE village_stats SET total = 0, poor = 0, poor_meeting = 0, eligible = 0, eligible_meeting = 0;
    INSERT INTO village_stats (village_code, total, poor, poor_meeting, eligible, eligible_meeting)
      SELECT h.village_code, count(*), sum(h.status <> '非贫困户'), sum(h.status <> '非贫困户' AND COALESCE(s.meets, 0)),
             sum(h.status IN ('当年脱贫', '已脱贫')), sum(h.status IN ('当年脱贫', '已脱贫') AND COALESCE(s.meets, 0))
      FROM households h LEFT JOIN household_standing s ON s.household_code = h.code
      WHERE true GROUP BY h.village_code
    ON CONFLICT (village_code) DO UPDATE SET total = excluded.total, poor = excluded.poor, poor_meeting = excluded.poor_meeting,
      eligible = excluded.eligible, eligible_meeting = excluded.eligible_meeting;

    -- village_status_counts_*: households and people per village and status.
    UPDATE village_status_counts SET n = 0, people = 0;
    INSERT INTO village_status_counts (village_code, status, n, people)
      SELECT village_code, status, count(*), sum(size) FROM households WHERE true GROUP BY village_code, status
    ON CONFLICT (village_code, status) DO UPDATE SET n = excluded.n, people = excluded.people;

    -- registry_version_*: any registry write tells the caches to reload.
    UPDATE registry_version SET n = random();
  `)
}
