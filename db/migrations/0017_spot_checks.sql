-- Spot checks (抽查复核, docs/domain.md "Spot checks"): inspectors draw households at random and re-verify
-- them; each re-verification is compared with what the village team's checks said before the draw.

-- A 复核 is a record like the others (one sequence, so `/撤销 <n>` stays unambiguous): records.kind gains
-- 'reverify'. SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows and ids. The
-- other tables' foreign keys name `records`: with the checks deferred to the commit, dropping the old table
-- counts their rows as orphans and inserting the same ids into the new one counts them back, so the commit
-- succeeds only if every row found its record again. Dropping the table drops its index and trigger, which
-- are made again exactly as they were (0003, 0010).
PRAGMA defer_foreign_keys = ON;
CREATE TEMP TABLE records_before_0017 AS SELECT * FROM records;
DROP TABLE records;
CREATE TABLE records (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('report', 'check', 'completion', 'sixiao', 'reverify')),
  township_code     TEXT NOT NULL REFERENCES townships(code),
  village_code      TEXT REFERENCES villages(code),          -- NULL for a township-level task
  author_open_id    TEXT NOT NULL,
  author_member_id  INTEGER REFERENCES members(id),
  created_at        INTEGER NOT NULL,                        -- epoch ms
  visited_on        TEXT NOT NULL CHECK (visited_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  source_message_id TEXT,
  note              TEXT CHECK (note IS NULL OR length(note) <= 500),
  withdrawn_at      INTEGER,
  withdrawn_by      TEXT
);
INSERT INTO records SELECT * FROM records_before_0017;
DROP TABLE records_before_0017;
CREATE INDEX records_village ON records(village_code, id);
CREATE TRIGGER task_progress_withdrawal AFTER UPDATE OF withdrawn_at ON records BEGIN
  INSERT OR REPLACE INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
    SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE task_code IN (
    SELECT task_code FROM reports WHERE record_id = new.id AND task_code IS NOT NULL
    UNION SELECT task_code FROM completions WHERE record_id = new.id);
END;

-- A draw: who drew what, when, from which households, with which seed. The list is drawn by a seeded
-- generator over the eligible households in 户编号 order (src/domain/sample.ts), so the seed and the
-- population reproduce it. A draw and its list are permanent (triggers below): a second draw is a new one,
-- and every draw shows in /抽查 记录 — nobody can redraw until the sample looks good without it showing.
CREATE TABLE spot_draws (
  id                INTEGER PRIMARY KEY,
  scope_kind        TEXT NOT NULL CHECK (scope_kind IN ('zone', 'township', 'village')),
  zone_id           INTEGER NOT NULL REFERENCES zones(id),
  township_code     TEXT REFERENCES townships(code),         -- township and village draws
  village_code      TEXT REFERENCES villages(code),          -- village draws
  scope_label       TEXT NOT NULL,                           -- the place's name when drawn
  statuses          TEXT NOT NULL,                           -- which households could be drawn: '当年脱贫,已脱贫'
  requested         INTEGER,                                 -- 户数= as asked; NULL = the default (5 per village)
  population        INTEGER NOT NULL CHECK (population > 0), -- how many households could be drawn
  size              INTEGER NOT NULL CHECK (size BETWEEN 1 AND population),
  seed              INTEGER NOT NULL CHECK (seed BETWEEN 0 AND 4294967295),
  method            TEXT NOT NULL,                           -- the sampling procedure, versioned
  drawer_open_id    TEXT NOT NULL,
  drawer_member_id  INTEGER REFERENCES members(id),
  drawn_at          INTEGER NOT NULL,                        -- epoch ms
  source_message_id TEXT,
  CHECK ((scope_kind = 'zone') = (township_code IS NULL)),
  CHECK ((scope_kind = 'village') = (village_code IS NOT NULL))
);
CREATE INDEX spot_draws_zone ON spot_draws(zone_id, id);

-- The drawn households in the order drawn, with what the team's checks (records of kind 'check' typed
-- before the draw, not withdrawn then) said of each item: the comparison's "team said", frozen with the draw.
CREATE TABLE spot_draw_households (
  draw_id          INTEGER NOT NULL REFERENCES spot_draws(id),
  position         INTEGER NOT NULL CHECK (position >= 1),
  household_code   TEXT NOT NULL REFERENCES households(code),
  village_code     TEXT NOT NULL REFERENCES villages(code),
  township_code    TEXT NOT NULL REFERENCES townships(code),
  team_income      REAL,
  team_income_year INTEGER,
  housing          INTEGER CHECK (housing IN (0, 1)),
  water            INTEGER CHECK (water IN (0, 1)),
  power            INTEGER CHECK (power IN (0, 1)),
  tv               INTEGER CHECK (tv IN (0, 1)),
  education        INTEGER CHECK (education IN (0, 1)),
  medical          INTEGER CHECK (medical IN (0, 1)),
  team_checked_on  TEXT,                                     -- visit date of the latest of those checks
  PRIMARY KEY (draw_id, household_code),
  UNIQUE (draw_id, position)
) WITHOUT ROWID;
CREATE INDEX spot_draw_households_household ON spot_draw_households(household_code, draw_id);
CREATE INDEX spot_draw_households_township ON spot_draw_households(township_code, draw_id);

-- Permanent means permanent: the database itself refuses to edit or delete a draw, or to add to its list
-- once it holds the draw's size (the list is written in the draw's own transaction).
CREATE TRIGGER spot_draws_permanent_update BEFORE UPDATE ON spot_draws BEGIN SELECT RAISE(ABORT, 'spot-check draws are permanent'); END;
CREATE TRIGGER spot_draws_permanent_delete BEFORE DELETE ON spot_draws BEGIN SELECT RAISE(ABORT, 'spot-check draws are permanent'); END;
CREATE TRIGGER spot_draw_households_permanent_update BEFORE UPDATE ON spot_draw_households BEGIN SELECT RAISE(ABORT, 'spot-check draws are permanent'); END;
CREATE TRIGGER spot_draw_households_permanent_delete BEFORE DELETE ON spot_draw_households BEGIN SELECT RAISE(ABORT, 'spot-check draws are permanent'); END;
CREATE TRIGGER spot_draw_households_full BEFORE INSERT ON spot_draw_households
WHEN new.position > (SELECT size FROM spot_draws WHERE id = new.draw_id)
BEGIN SELECT RAISE(ABORT, 'spot-check draws are permanent'); END;

-- Team members of another village assigned to re-verify a draw's households (`/抽查 指派`).
CREATE TABLE spot_assignees (
  draw_id     INTEGER NOT NULL REFERENCES spot_draws(id),
  member_id   INTEGER NOT NULL REFERENCES members(id),
  assigned_by TEXT NOT NULL,
  assigned_at INTEGER NOT NULL,
  PRIMARY KEY (draw_id, member_id)
) WITHOUT ROWID;

-- A 复核 (records.kind = 'reverify'): what the re-verifier found, any subset of the items (NULL = not this
-- time). It is not the team's check and changes no household's standing, unless the config says a 复核
-- counts (spotCheck.overrides): then the same record also has a row in `checks`.
CREATE TABLE reverifications (
  record_id      INTEGER PRIMARY KEY REFERENCES records(id),
  draw_id        INTEGER NOT NULL,
  household_code TEXT NOT NULL,
  income         REAL CHECK (income IS NULL OR income >= 0),
  housing        INTEGER CHECK (housing IN (0, 1)),
  water          INTEGER CHECK (water IN (0, 1)),
  power          INTEGER CHECK (power IN (0, 1)),
  tv             INTEGER CHECK (tv IN (0, 1)),
  education      INTEGER CHECK (education IN (0, 1)),
  medical        INTEGER CHECK (medical IN (0, 1)),
  FOREIGN KEY (draw_id, household_code) REFERENCES spot_draw_households(draw_id, household_code)
);
CREATE INDEX reverifications_draw ON reverifications(draw_id, household_code, record_id);

-- An admin's closing of a household's open disagreements in a draw, with the reason (`/抽查 关闭`). It
-- closes what the 复核 records up to `through` found (the record sequence orders them, not the clock); a
-- later 复核 can open new ones. Kept, like the draws.
CREATE TABLE spot_closures (
  id             INTEGER PRIMARY KEY,
  draw_id        INTEGER NOT NULL,
  household_code TEXT NOT NULL,
  through        INTEGER NOT NULL REFERENCES records(id),
  reason         TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  closed_by      TEXT NOT NULL,
  closed_at      INTEGER NOT NULL,
  FOREIGN KEY (draw_id, household_code) REFERENCES spot_draw_households(draw_id, household_code)
);
CREATE INDEX spot_closures_draw ON spot_closures(draw_id, household_code);
CREATE TRIGGER spot_closures_permanent_update BEFORE UPDATE ON spot_closures BEGIN SELECT RAISE(ABORT, 'spot-check closures are permanent'); END;
CREATE TRIGGER spot_closures_permanent_delete BEFORE DELETE ON spot_closures BEGIN SELECT RAISE(ABORT, 'spot-check closures are permanent'); END;

-- The ranking's optional spot-check component (weights.spotCheck, default 0): NULL when not weighed.
ALTER TABLE ranking_rows ADD COLUMN spot_check REAL;
