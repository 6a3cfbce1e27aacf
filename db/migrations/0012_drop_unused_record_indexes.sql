-- No query reads records by township, by author or by (village, kind, date) — village item reports start
-- from reports_items (0008), /撤销 reads a record by its number — yet every report and check paid for the
-- three indexes: a B-tree insert each and, per commit, a WAL page each (measured in `npm run bench`, 1).
-- tests/query-plans.test.ts fails if a hot query ever needs one of them again.
DROP INDEX records_township;
DROP INDEX records_author;
DROP INDEX records_item_reports;
