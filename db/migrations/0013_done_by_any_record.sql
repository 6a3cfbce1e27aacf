-- A task is done when `/任务 完成` is recorded or any report reached its target or said 完成 (docs/input.md,
-- "Completion is one state"). Before, only the latest report by visit date counted, so a completion
-- reported with an earlier visit date than some lower figure was silently ignored, and a done task could
-- be pushed back by a lower report. Reports on a done task are now refused; reopening withdraws the records
-- that made it done (`/任务 重开`). completion_id is the first of them not withdrawn.
DROP VIEW task_progress_live;
CREATE VIEW task_progress_live AS
SELECT t.code AS task_code, lr.record_id AS report_id, lr.ratio, lr.visited_on,
       (SELECT MIN(id) FROM (
          SELECT c.record_id AS id FROM completions c JOIN records rc ON rc.id = c.record_id
          WHERE c.task_code = t.code AND rc.withdrawn_at IS NULL
          UNION ALL
          SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id
          WHERE r.task_code = t.code AND r.done = 1 AND rr.withdrawn_at IS NULL)) AS completion_id
FROM tasks t
LEFT JOIN reports lr ON lr.record_id = (
  SELECT r.record_id FROM reports r JOIN records rr ON rr.id = r.record_id AND rr.withdrawn_at IS NULL
  WHERE r.task_code = t.code ORDER BY r.visited_on DESC, r.record_id DESC LIMIT 1);

DELETE FROM task_progress;
INSERT INTO task_progress (task_code, report_id, ratio, visited_on, completion_id)
  SELECT task_code, report_id, ratio, visited_on, completion_id FROM task_progress_live WHERE report_id IS NOT NULL OR completion_id IS NOT NULL;
