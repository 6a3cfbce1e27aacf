-- Each task's latest report and its completion, as "now" (every record not withdrawn) sees them. County
-- views read 5,000 tasks at once; seeking each task's latest report among ~300,000 took ~15 ms of every
-- /战区 进度 全县. Kept by triggers on every write path (reports, completions, withdrawals), like
-- household_standing; a past day's view (scores of a past month) still seeks the reports visited by then.
CREATE TABLE task_progress (
  task_code     TEXT PRIMARY KEY REFERENCES tasks(code),
  report_id     INTEGER,   -- latest report not withdrawn (by visit date, then record number)
  ratio         REAL,
  visited_on    TEXT,
  completion_id INTEGER    -- first `/任务 完成` not withdrawn
) WITHOUT ROWID;

-- The definition, in one place: the triggers refresh one task from it, the backfill all of them.
CREATE VIEW task_progress_live AS
SELECT t.code AS task_code, lr.record_id AS report_id, lr.ratio, lr.visited_on,
       (SELECT MIN(c.record_id) FROM completions c JOIN records rc ON rc.id = c.record_id
        WHERE c.task_code = t.code AND rc.withdrawn_at IS NULL) AS completion_id
FROM tasks t
LEFT JOIN reports lr ON lr.record_id = (
  SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id AND rr.withdrawn_at IS NULL
  WHERE r.task_code = t.code ORDER BY r.visited_on DESC, r.record_id DESC LIMIT 1);

INSERT INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
  SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE report_id IS NOT NULL OR completion_id IS NOT NULL;

CREATE TRIGGER task_progress_report AFTER INSERT ON reports WHEN new.task_code IS NOT NULL BEGIN
  INSERT OR REPLACE INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
    SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE task_code = new.task_code;
END;

CREATE TRIGGER task_progress_completion AFTER INSERT ON completions BEGIN
  INSERT OR REPLACE INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
    SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE task_code = new.task_code;
END;

CREATE TRIGGER task_progress_withdrawal AFTER UPDATE OF withdrawn_at ON records BEGIN
  INSERT OR REPLACE INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
    SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE task_code IN (
    SELECT task_code FROM reports WHERE record_id = new.id AND task_code IS NOT NULL
    UNION SELECT task_code FROM completions WHERE record_id = new.id);
END;
