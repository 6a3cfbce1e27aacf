-- Townships report on their 乡"三有" items (中心校, 卫生院, 便民服务中心) with `/乡 上报`, as villages do on
-- their 一低五有 items. Without it 三有 stayed ⚪ forever. A township item report is a record with no village.
-- SQLite cannot widen a CHECK in place: the table is rebuilt. The legacy rename leaves the view and
-- triggers that name `reports` (0010, 0013) pointing at the new table; dropping the old table drops its
-- own trigger and indexes, which are made again exactly as they were.
PRAGMA legacy_alter_table = ON;
CREATE TABLE reports_new (
  record_id   INTEGER PRIMARY KEY REFERENCES records(id),
  task_code   TEXT REFERENCES tasks(code),
  item        TEXT CHECK (item IN ('集体经济', '硬化路', '卫生室', '文化室', '通信网络', '中心校', '卫生院', '便民服务中心')),
  input       TEXT NOT NULL,                                    -- what was stored, as echoed: 2 处, 80%, 3.2 万元
  ratio       REAL CHECK (ratio BETWEEN 0 AND 1),               -- progress against the target; NULL when there is none
  amount      REAL,                                             -- the figure in the task's unit (元 for 集体经济)
  done        INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  visited_on  TEXT NOT NULL,          -- copy of records.visited_on (immutable), so "latest" is one index seek
  CHECK ((task_code IS NULL) <> (item IS NULL))
);
INSERT INTO reports_new (record_id, task_code, item, input, ratio, amount, done, visited_on)
  SELECT record_id, task_code, item, input, ratio, amount, done, visited_on FROM reports;
DROP TABLE reports;
ALTER TABLE reports_new RENAME TO reports;
PRAGMA legacy_alter_table = OFF;
CREATE INDEX reports_task ON reports(task_code, visited_on, record_id) WHERE task_code IS NOT NULL;
CREATE INDEX reports_items ON reports(record_id) WHERE item IS NOT NULL;

-- As in 0010.
CREATE TRIGGER task_progress_report AFTER INSERT ON reports WHEN new.task_code IS NOT NULL BEGIN
  INSERT OR REPLACE INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
    SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE task_code = new.task_code;
END;
