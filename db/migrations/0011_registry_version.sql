-- A counter that moves with every change to what a task row shows besides its progress: the task itself,
-- its village's and township's names and zone, its owner's name and open_id. The bot keeps the county's
-- 5,000 task rows in memory between changes (db/repos/task-registry.ts) instead of reading ~75,000
-- strings for every county view; this counter, moved by triggers, tells every process exactly when to
-- read them again — whichever process or path (import, /认证, admin bind) made the change.
CREATE TABLE registry_version (
  only INTEGER PRIMARY KEY CHECK (only = 1),
  n    INTEGER NOT NULL
);
INSERT INTO registry_version (only, n) VALUES (1, 0);

CREATE TRIGGER registry_version_task_insert AFTER INSERT ON tasks BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_task_update AFTER UPDATE ON tasks BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_task_delete AFTER DELETE ON tasks BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_village_update AFTER UPDATE OF name, township_code ON villages BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_township_update AFTER UPDATE OF name, zone_id ON townships BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_member_insert AFTER INSERT ON members BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_member_update AFTER UPDATE OF name, phone, open_id ON members BEGIN UPDATE registry_version SET n = n + 1; END;
CREATE TRIGGER registry_version_member_delete AFTER DELETE ON members BEGIN UPDATE registry_version SET n = n + 1; END;
