-- Events we have accepted from Lark. A row is written before Lark gets its 200, so an acknowledged
-- event is never lost; event_id and message_id are both unique, so a redelivery has no effect.
CREATE TABLE inbox (
  id          INTEGER PRIMARY KEY,
  event_id    TEXT NOT NULL UNIQUE,
  message_id  TEXT UNIQUE,
  payload     TEXT,                -- the normalised Incoming; cleared once handled (it may hold personal data)
  received_at INTEGER NOT NULL,    -- epoch ms
  handled_at  INTEGER
);
CREATE INDEX inbox_unhandled ON inbox(id) WHERE handled_at IS NULL;

-- Every message the bot will send. Written in the same transaction as the work that produced it.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  receive_id      TEXT NOT NULL,   -- chat_id (or open_id): the destination, also when replying (for pacing)
  receive_id_type TEXT NOT NULL DEFAULT 'chat_id' CHECK (receive_id_type IN ('chat_id', 'open_id')),
  reply_to        TEXT,            -- message_id to reply to
  msg_type        TEXT NOT NULL CHECK (msg_type IN ('text', 'interactive', 'file')),
  content         TEXT NOT NULL,   -- Lark's content JSON string
  file_name       TEXT,            -- msg_type=file: uploaded first, then sent
  file_bytes      BLOB,
  source          TEXT,            -- what produced it (event id, job run) for tracing
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,   -- epoch ms
  lease_until     INTEGER,            -- epoch ms; a sender owns the row until then
  lease_owner     TEXT,               -- host:pid of that sender, so a restart can take back a dead one's rows
  message_id      TEXT,
  last_error      TEXT,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER
);
CREATE INDEX outbox_due ON outbox(next_attempt_at) WHERE status = 'pending';

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,          -- epoch ms
  actor   TEXT NOT NULL,             -- open_id, 'admin-cli' or 'scheduler'
  action  TEXT NOT NULL,
  target  TEXT,
  detail  TEXT                       -- JSON
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
