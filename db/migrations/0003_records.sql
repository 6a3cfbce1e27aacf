-- Everything a work team records. One sequence for every kind, so `/撤销 <n>` is never ambiguous.
-- A withdrawn record stays (audit trail); every figure is computed from the records not withdrawn.
CREATE TABLE records (
  id                INTEGER PRIMARY KEY,
  kind              TEXT NOT NULL CHECK (kind IN ('report', 'check', 'completion', 'sixiao')),
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
CREATE INDEX records_village ON records(village_code, id);
CREATE INDEX records_township ON records(township_code, id);
CREATE INDEX records_author ON records(author_open_id, id);

-- Progress on one task, or on one 一低五有 item, of a village.
CREATE TABLE reports (
  record_id   INTEGER PRIMARY KEY REFERENCES records(id),
  task_code   TEXT REFERENCES tasks(code),
  item        TEXT CHECK (item IN ('集体经济', '硬化路', '卫生室', '文化室', '通信网络')),
  input       TEXT NOT NULL,                                    -- as typed, normalised: 12/15, 80%, 3.2万元
  ratio       REAL CHECK (ratio BETWEEN 0 AND 1),               -- progress against the target; NULL when there is none
  amount      REAL,                                             -- a number or amount when one was given
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  visited_on  TEXT NOT NULL,          -- copy of records.visited_on (immutable), so "latest" is one index seek
  CHECK ((task_code IS NULL) <> (item IS NULL))
);
CREATE INDEX reports_task ON reports(task_code, visited_on, record_id) WHERE task_code IS NOT NULL;

-- A household check against 一超六有: any subset of the items (NULL = not checked this time).
CREATE TABLE checks (
  record_id      INTEGER PRIMARY KEY REFERENCES records(id),
  household_code TEXT NOT NULL REFERENCES households(code),
  income         REAL CHECK (income IS NULL OR income >= 0),   -- 元/人·年
  housing        INTEGER CHECK (housing IN (0, 1)),
  water          INTEGER CHECK (water IN (0, 1)),
  power          INTEGER CHECK (power IN (0, 1)),
  tv             INTEGER CHECK (tv IN (0, 1)),
  education      INTEGER CHECK (education IN (0, 1)),
  medical        INTEGER CHECK (medical IN (0, 1))
);
CREATE INDEX checks_household ON checks(household_code, record_id);
CREATE INDEX records_item_reports ON records(village_code, kind, visited_on);

-- `/任务 完成`.
CREATE TABLE completions (
  record_id INTEGER PRIMARY KEY REFERENCES records(id),
  task_code TEXT NOT NULL REFERENCES tasks(code)
);
CREATE INDEX completions_task ON completions(task_code, record_id);

-- Each household's latest value of every 一超六有 item, folded from its checks that are not withdrawn.
-- Rebuilt for one household in the same transaction as every check or withdrawal touching it, so that
-- zone-wide questions ("how many households meet 一超六有") are one indexed aggregate, not a fold over
-- a million checks. Whether the income clears the line is decided at query time (the line is config).
CREATE TABLE household_standing (
  household_code  TEXT PRIMARY KEY REFERENCES households(code),
  income          REAL,
  income_year     INTEGER,
  housing         INTEGER,
  water           INTEGER,
  power           INTEGER,
  tv              INTEGER,
  education       INTEGER,
  medical         INTEGER,
  last_checked_on TEXT
);

-- Direct chats we have seen, so a card refreshed after a form submit keeps the masking of its chat
-- (a card callback says which chat, not what kind of chat).
CREATE TABLE direct_chats (
  chat_id TEXT PRIMARY KEY
);
