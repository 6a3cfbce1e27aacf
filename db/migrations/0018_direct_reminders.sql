-- A person's own overdue reminders (the direct message of the overdue run), paused with /提醒 暂停 in a
-- direct chat: through `until` (YYYY-MM-DD, inclusive). Group chats keep theirs in reminder_pauses.
CREATE TABLE direct_reminder_pauses (
  open_id TEXT PRIMARY KEY,
  until   TEXT NOT NULL
);

-- Tasks whose owner was sent an in-app urgent (加急), by day: at most one a week per task.
CREATE TABLE urgent_reminders (
  task_code TEXT NOT NULL,
  sent_on   TEXT NOT NULL,   -- YYYY-MM-DD, the overdue run's day
  open_id   TEXT NOT NULL,
  PRIMARY KEY (task_code, sent_on)
);

-- A message to be made urgent for this person once Lark has it (PATCH …/urgent_app), and how that went:
-- 'ok', or Lark's error. Tried once: an urgent is a nudge on top of a message already delivered.
ALTER TABLE outbox ADD COLUMN urgent_open_id TEXT;
ALTER TABLE outbox ADD COLUMN urgent_result TEXT;
