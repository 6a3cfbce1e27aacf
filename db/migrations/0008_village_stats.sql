-- Zone-wide questions ("how many households meet 一超六有") must not scan 200,000 households each time.
-- village_stats keeps each village's household counts. Triggers on households and household_standing
-- maintain it, so every write path (import, checks, withdrawals, demo data) keeps it right.
-- household_standing.meets is whether the household meets 一超六有 under the configured income lines; the
-- app writes it with each check and recomputes it for all households when the lines change.
ALTER TABLE household_standing ADD COLUMN meets INTEGER NOT NULL DEFAULT 0 CHECK (meets IN (0, 1));

CREATE TABLE village_stats (
  village_code     TEXT PRIMARY KEY REFERENCES villages(code),
  total            INTEGER NOT NULL DEFAULT 0,
  poor             INTEGER NOT NULL DEFAULT 0,
  poor_meeting     INTEGER NOT NULL DEFAULT 0,
  eligible         INTEGER NOT NULL DEFAULT 0,
  eligible_meeting INTEGER NOT NULL DEFAULT 0
);

INSERT INTO village_stats (village_code, total, poor, eligible)
SELECT village_code, COUNT(*), SUM(status <> '非贫困户'), SUM(status IN ('当年脱贫', '已脱贫')) FROM households GROUP BY village_code;

-- A 五有 item report is rare among task reports; this keeps "latest item per village" off the big scan.
CREATE INDEX reports_items ON reports(record_id) WHERE item IS NOT NULL;

CREATE TRIGGER village_stats_household_insert AFTER INSERT ON households BEGIN
  INSERT INTO village_stats (village_code, total, poor, poor_meeting, eligible, eligible_meeting)
  SELECT new.village_code, 1, new.status <> '非贫困户', new.status <> '非贫困户' AND m, new.status IN ('当年脱贫', '已脱贫'), new.status IN ('当年脱贫', '已脱贫') AND m
  FROM (SELECT COALESCE((SELECT meets FROM household_standing WHERE household_code = new.code), 0) AS m) WHERE 1
  ON CONFLICT (village_code) DO UPDATE SET total = total + 1, poor = poor + excluded.poor, poor_meeting = poor_meeting + excluded.poor_meeting,
    eligible = eligible + excluded.eligible, eligible_meeting = eligible_meeting + excluded.eligible_meeting;
END;

CREATE TRIGGER village_stats_household_update AFTER UPDATE OF status, village_code ON households
WHEN old.status <> new.status OR old.village_code <> new.village_code BEGIN
  UPDATE village_stats SET total = total - 1, poor = poor - (old.status <> '非贫困户'),
    poor_meeting = poor_meeting - (old.status <> '非贫困户' AND m), eligible = eligible - (old.status IN ('当年脱贫', '已脱贫')),
    eligible_meeting = eligible_meeting - (old.status IN ('当年脱贫', '已脱贫') AND m)
  FROM (SELECT COALESCE((SELECT meets FROM household_standing WHERE household_code = new.code), 0) AS m)
  WHERE village_code = old.village_code;
  INSERT INTO village_stats (village_code, total, poor, poor_meeting, eligible, eligible_meeting)
  SELECT new.village_code, 1, new.status <> '非贫困户', new.status <> '非贫困户' AND m, new.status IN ('当年脱贫', '已脱贫'), new.status IN ('当年脱贫', '已脱贫') AND m
  FROM (SELECT COALESCE((SELECT meets FROM household_standing WHERE household_code = new.code), 0) AS m) WHERE 1
  ON CONFLICT (village_code) DO UPDATE SET total = total + 1, poor = poor + excluded.poor, poor_meeting = poor_meeting + excluded.poor_meeting,
    eligible = eligible + excluded.eligible, eligible_meeting = eligible_meeting + excluded.eligible_meeting;
END;

CREATE TRIGGER village_stats_standing_insert AFTER INSERT ON household_standing WHEN new.meets = 1 BEGIN
  UPDATE village_stats SET poor_meeting = poor_meeting + (h.status <> '非贫困户'), eligible_meeting = eligible_meeting + (h.status IN ('当年脱贫', '已脱贫'))
  FROM households h WHERE h.code = new.household_code AND village_stats.village_code = h.village_code;
END;

CREATE TRIGGER village_stats_standing_update AFTER UPDATE OF meets ON household_standing WHEN old.meets <> new.meets BEGIN
  UPDATE village_stats SET poor_meeting = poor_meeting + (h.status <> '非贫困户') * (new.meets - old.meets),
    eligible_meeting = eligible_meeting + (h.status IN ('当年脱贫', '已脱贫')) * (new.meets - old.meets)
  FROM households h WHERE h.code = new.household_code AND village_stats.village_code = h.village_code;
END;

CREATE TRIGGER village_stats_standing_delete AFTER DELETE ON household_standing WHEN old.meets = 1 BEGIN
  UPDATE village_stats SET poor_meeting = poor_meeting - (h.status <> '非贫困户'), eligible_meeting = eligible_meeting - (h.status IN ('当年脱贫', '已脱贫'))
  FROM households h WHERE h.code = old.household_code AND village_stats.village_code = h.village_code;
END;
