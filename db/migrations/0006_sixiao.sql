-- "四小" household projects (issue 10). The record (records.kind = 'sixiao') carries the author, the
-- village and the project date (visited_on); this row carries what the project is. The subsidy is NOT
-- stored: it is derived at read from the status on the project date, the rates in the config file and
-- which project of the household's year came first among those not withdrawn — so withdrawing the paid
-- project makes the next one the paid one with nothing to recompute (src/domain/sixiao-ledger.ts).
CREATE TABLE sixiao_projects (
  record_id      INTEGER PRIMARY KEY REFERENCES records(id),
  household_code TEXT NOT NULL REFERENCES households(code),
  kind           TEXT NOT NULL CHECK (kind IN ('种植', '养殖', '加工', '经营')),
  content        TEXT NOT NULL CHECK (length(content) BETWEEN 1 AND 50),
  scale          TEXT CHECK (scale IS NULL OR length(scale) BETWEEN 1 AND 30),
  park           INTEGER NOT NULL DEFAULT 0 CHECK (park IN (0, 1)),   -- builds a "四小" park (what earns a non-poor household its subsidy)
  persons        INTEGER NOT NULL CHECK (persons > 0),                -- 家庭人口 when recorded: a later birth must not change a past subsidy
  visited_on     TEXT NOT NULL                                        -- copy of records.visited_on (immutable), for the per-year scans
);
CREATE INDEX sixiao_projects_household ON sixiao_projects(household_code, visited_on, record_id);
CREATE INDEX sixiao_projects_date ON sixiao_projects(visited_on);

-- Each household's status over time, so the rate can follow the status ON THE PROJECT DATE. Filled by
-- triggers, so every writer of households (the registry import, demo data, tests) keeps it without
-- knowing about it. A household inserted with a status is taken to have had it since before the
-- campaign ('0000-01-01'); a change takes effect on the county's calendar day it was written —
-- date('now', '+8 hours') is Asia/Shanghai (UTC+8, no daylight saving since 1991). Two changes on one
-- day: the last one wins. Status on day D = the row with the greatest effective_on <= D.
CREATE TABLE household_status_history (
  household_code TEXT NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  effective_on   TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('未脱贫', '当年脱贫', '已脱贫', '返贫', '非贫困户')),
  PRIMARY KEY (household_code, effective_on)
) WITHOUT ROWID;

INSERT INTO household_status_history (household_code, effective_on, status)
SELECT code, '0000-01-01', status FROM households;

-- AFTER INSERT does not fire when an upsert (INSERT … ON CONFLICT DO UPDATE) updates instead: the UPDATE
-- trigger below does, so a re-import never rewrites a household's past.
CREATE TRIGGER households_status_inserted AFTER INSERT ON households
BEGIN
  INSERT INTO household_status_history (household_code, effective_on, status) VALUES (NEW.code, '0000-01-01', NEW.status)
  ON CONFLICT (household_code, effective_on) DO UPDATE SET status = excluded.status;
END;

CREATE TRIGGER households_status_changed AFTER UPDATE OF status ON households
WHEN NEW.status IS NOT OLD.status
BEGIN
  INSERT INTO household_status_history (household_code, effective_on, status) VALUES (NEW.code, date('now', '+8 hours'), NEW.status)
  ON CONFLICT (household_code, effective_on) DO UPDATE SET status = excluded.status;
END;
