-- The battle map (/作战图, docs/interface.md). Only SHA-256 hashes of link tokens and session cookies are
-- stored: whoever reads this file (or a backup of it) cannot open a map with what is in it.

-- A link handed out in a direct chat. `personal`: single use, 10 minutes. `wall`: a wall screen's link,
-- reusable for 30 days until revoked. The remit is fixed when the link is made (county or one zone).
CREATE TABLE web_links (
  id          INTEGER PRIMARY KEY,
  token_hash  TEXT NOT NULL UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('personal', 'wall')),
  open_id     TEXT NOT NULL,                 -- who asked for it (their remit is re-checked at every use)
  zone_id     INTEGER REFERENCES zones(id),  -- NULL = the whole county
  created_at  INTEGER NOT NULL,              -- epoch ms
  expires_at  INTEGER NOT NULL,
  used_at     INTEGER,                       -- personal links: set once, atomically, on first use
  revoked_at  INTEGER                        -- /作战图 撤销
);
CREATE INDEX web_links_owner ON web_links(open_id) WHERE revoked_at IS NULL;

-- A browser session opened by a link: 8 hours for a person, the link's lifetime for a wall screen.
-- Revoking the link ends its sessions too (they are checked through it).
CREATE TABLE web_sessions (
  id           INTEGER PRIMARY KEY,
  session_hash TEXT NOT NULL UNIQUE,
  link_id      INTEGER NOT NULL REFERENCES web_links(id),
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX web_sessions_link ON web_sessions(link_id);
