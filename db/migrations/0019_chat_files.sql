-- Files people send the bot (docs/architecture.md "Files from chats"): a registry workbook an admin sends to
-- import, or a photo replied to the bot's answer as evidence of a record. Downloading is slow, so the
-- message is answered after the inbox records it and the download runs from this queue; a restart finds
-- here what was received and not yet fetched, and what was confirmed and not yet imported.
CREATE TABLE chat_files (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('import', 'photo')),
  message_id  TEXT NOT NULL,                 -- the message that carried the file
  file_key    TEXT NOT NULL,
  chat_id     TEXT NOT NULL,
  open_id     TEXT NOT NULL,                 -- who sent it: the only one who may confirm an import
  file_name   TEXT,                          -- as Lark gave it: shown back as text, never used as a path
  record_id   INTEGER REFERENCES records(id), -- a photo: the record it is evidence of
  state       TEXT NOT NULL CHECK (state IN ('received', 'ready', 'confirmed', 'imported', 'stored', 'refused', 'failed', 'expired', 'replaced')),
  path        TEXT,                          -- the kept workbook while ready or confirmed; NULL once deleted
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER,                       -- a ready import: its 确认导入 button works until then
  finished_at INTEGER,
  -- Taken by a worker until then: a second bot process on the same database leaves it alone, and after a
  -- crash it is taken again once this passes.
  lease_until INTEGER,
  UNIQUE (message_id, file_key)
);
CREATE INDEX chat_files_open ON chat_files(state, id) WHERE state IN ('received', 'ready', 'confirmed');

-- A photo stored as evidence of a record: content-addressed (sha256) in the evidence folder beside the
-- database. Optional, never asked for, and no figure or ranking reads it.
CREATE TABLE evidence (
  id             INTEGER PRIMARY KEY,
  record_id      INTEGER NOT NULL REFERENCES records(id),
  sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
  bytes          INTEGER NOT NULL CHECK (bytes > 0),
  type           TEXT NOT NULL CHECK (type IN ('image/jpeg', 'image/png', 'image/gif', 'image/webp')),
  author_open_id TEXT NOT NULL,
  created_at     INTEGER NOT NULL,
  UNIQUE (record_id, sha256)
);

-- Which record a reply is about: the bot's answer (outbox.message_id, Lark's id once sent) answers the
-- person's message (outbox.reply_to), which is the record's source_message_id.
CREATE INDEX outbox_sent_message ON outbox(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX records_source_message ON records(source_message_id) WHERE source_message_id IS NOT NULL;
