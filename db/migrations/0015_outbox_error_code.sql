-- The Lark error code a message failed with (230002 bot not in the chat, …), so `admin stats` can say how
-- many failed and why without parsing last_error's text.
ALTER TABLE outbox ADD COLUMN error_code INTEGER;
