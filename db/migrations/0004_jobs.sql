-- One row per scheduled job and period, claimed in the transaction that enqueues the job's messages:
-- a second run for the same period (a restart, a second process, `admin run` twice) sends nothing.
CREATE TABLE job_runs (
  job         TEXT NOT NULL,
  period      TEXT NOT NULL,                 -- YYYY-MM-DD, YYYY-MM or YYYY-Qn
  started_at  INTEGER NOT NULL,
  finished_at INTEGER NOT NULL,
  trigger     TEXT NOT NULL CHECK (trigger IN ('schedule', 'catch-up', 'admin')),
  messages    INTEGER NOT NULL,
  PRIMARY KEY (job, period)
);

-- What each overdue digest listed, so the next one can say "仍逾期" for what has not moved.
CREATE TABLE digest_entries (
  chat_id      TEXT NOT NULL,
  digest_date  TEXT NOT NULL,
  task_code    TEXT NOT NULL,
  ratio        REAL,
  PRIMARY KEY (chat_id, digest_date, task_code)
);

-- `/提醒 暂停 <天数>`: no overdue digest in this chat until (and including) `until`.
CREATE TABLE reminder_pauses (
  chat_id  TEXT PRIMARY KEY,
  until    TEXT NOT NULL,
  by       TEXT NOT NULL
);
