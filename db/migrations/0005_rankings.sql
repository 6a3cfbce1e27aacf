-- Published rankings: a frozen snapshot per period (docs/domain.md: "A published ranking is frozen: later
-- edits never change it, and every number in it can be traced to its records"). Written once, in the
-- ranking job's claim transaction; names are copied so a later rename does not rewrite history either.
CREATE TABLE rankings (
  period       TEXT PRIMARY KEY,                          -- YYYY-MM or YYYY-Qn
  kind         TEXT NOT NULL CHECK (kind IN ('month', 'quarter')),
  as_of        TEXT NOT NULL,                             -- the day the figures are as of (month end; today for a running month)
  published_at INTEGER NOT NULL,                          -- epoch ms
  weights      TEXT NOT NULL,                             -- JSON: the weights, currency days and light thresholds used
  months       TEXT                                       -- quarter: JSON [{month, asOf, source}]
);

CREATE TABLE ranking_rows (
  period        TEXT NOT NULL REFERENCES rankings(period),
  township_code TEXT NOT NULL,
  township_name TEXT NOT NULL,
  zone_id       INTEGER NOT NULL,
  zone_name     TEXT NOT NULL,
  households    INTEGER NOT NULL,                         -- 总户数 of its villages: its weight in the zone score
  score         REAL,                                     -- NULL: nothing to assess that period (not ranked)
  tasks         REAL,                                     -- components after rescaling; NULL = left out (or a quarter row)
  standing      REAL,                                     -- the 25-point households component
  villages      REAL,
  currency      REAL,
  penalty       REAL NOT NULL DEFAULT 0,
  rank          INTEGER,                                  -- county-wide, competition ranking ("1224")
  zone_rank     INTEGER,                                  -- within its zone
  detail        TEXT NOT NULL,                            -- JSON: the records and counts behind each component
  PRIMARY KEY (period, township_code)
);
CREATE INDEX ranking_rows_zone ON ranking_rows(period, zone_id);

CREATE TABLE ranking_zones (
  period     TEXT NOT NULL REFERENCES rankings(period),
  zone_id    INTEGER NOT NULL,
  zone_name  TEXT NOT NULL,
  score      REAL,
  rank       INTEGER,
  townships  INTEGER NOT NULL,                            -- how many of its townships were assessed
  households INTEGER NOT NULL,
  PRIMARY KEY (period, zone_id)
);

-- Frozen means frozen: the database itself refuses to edit or delete a published figure.
CREATE TRIGGER rankings_frozen_update BEFORE UPDATE ON rankings BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
CREATE TRIGGER rankings_frozen_delete BEFORE DELETE ON rankings BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
CREATE TRIGGER ranking_rows_frozen_update BEFORE UPDATE ON ranking_rows BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
CREATE TRIGGER ranking_rows_frozen_delete BEFORE DELETE ON ranking_rows BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
CREATE TRIGGER ranking_zones_frozen_update BEFORE UPDATE ON ranking_zones BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
CREATE TRIGGER ranking_zones_frozen_delete BEFORE DELETE ON ranking_zones BEGIN SELECT RAISE(ABORT, 'published rankings are frozen'); END;
