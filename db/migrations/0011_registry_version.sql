-- A value that changes with every change to the registry rows county views show: tasks, villages,
-- townships, zones, and the owners' names and open_ids. The bot keeps the county's 5,000 tasks and 516
-- villages in memory between changes (db/repos/registry-cache.ts) instead of reading ~90,000 strings for
-- every county view; this value, changed by triggers, tells every process exactly when to read them
-- again — whichever process or path (an import, /认证, the demo's :as) made the change.
-- Each change sets a new random value rather than n + 1: a rolled-back change would otherwise hand its
-- number to the next committed one, and a cache filled inside the rolled-back transaction would pass.
CREATE TABLE registry_version (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  n    INTEGER NOT NULL
);
INSERT INTO registry_version (only, n) VALUES (1, 0);

CREATE TRIGGER registry_version_task_insert AFTER INSERT ON tasks BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_task_update AFTER UPDATE ON tasks BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_task_delete AFTER DELETE ON tasks BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_village_insert AFTER INSERT ON villages BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_village_update AFTER UPDATE ON villages BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_village_delete AFTER DELETE ON villages BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_township_insert AFTER INSERT ON townships BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_township_update AFTER UPDATE ON townships BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_township_delete AFTER DELETE ON townships BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_zone_insert AFTER INSERT ON zones BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_zone_update AFTER UPDATE ON zones BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_zone_delete AFTER DELETE ON zones BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_member_insert AFTER INSERT ON members BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_member_update AFTER UPDATE OF name, phone, open_id ON members BEGIN UPDATE registry_version SET n = random(); END;
CREATE TRIGGER registry_version_member_delete AFTER DELETE ON members BEGIN UPDATE registry_version SET n = random(); END;
