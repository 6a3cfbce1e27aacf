-- 贫困发生率 is read from the households' current status once all of a village's households are imported
-- (docs/figures.md): it needs the people of the village's 未脱贫 and 返贫 households. village_status_counts
-- (0009) already keeps households per village and status by triggers; it now keeps their people too, and
-- follows a household's size (an import may correct 家庭人口) as well as its status and village.
ALTER TABLE village_status_counts ADD COLUMN people INTEGER NOT NULL DEFAULT 0;

UPDATE village_status_counts SET people = (
  SELECT COALESCE(SUM(h.size), 0) FROM households h
  WHERE h.village_code = village_status_counts.village_code AND h.status = village_status_counts.status);

DROP TRIGGER village_status_counts_insert;
DROP TRIGGER village_status_counts_update;
DROP TRIGGER village_status_counts_delete;

CREATE TRIGGER village_status_counts_insert AFTER INSERT ON households BEGIN
  INSERT INTO village_status_counts (village_code, status, n, people) VALUES (new.village_code, new.status, 1, new.size)
  ON CONFLICT (village_code, status) DO UPDATE SET n = n + 1, people = people + excluded.people;
END;

CREATE TRIGGER village_status_counts_update AFTER UPDATE OF status, village_code, size ON households
WHEN old.status <> new.status OR old.village_code <> new.village_code OR old.size <> new.size BEGIN
  UPDATE village_status_counts SET n = n - 1, people = people - old.size WHERE village_code = old.village_code AND status = old.status;
  INSERT INTO village_status_counts (village_code, status, n, people) VALUES (new.village_code, new.status, 1, new.size)
  ON CONFLICT (village_code, status) DO UPDATE SET n = n + 1, people = people + excluded.people;
END;

CREATE TRIGGER village_status_counts_delete AFTER DELETE ON households BEGIN
  UPDATE village_status_counts SET n = n - 1, people = people - old.size WHERE village_code = old.village_code AND status = old.status;
END;
