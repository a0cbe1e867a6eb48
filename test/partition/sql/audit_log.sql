-- The audit log under maintenance: rows that reached the default partition are moved out
-- (the append-only guard lets exactly that through), old months are detached and stay
-- append-only, each retirement is recorded, and nothing else removes a partition.
\set VERBOSITY terse
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
SET IntervalStyle = 'postgres';
SET client_min_messages = warning;
-- Far from today, so that the test's own audit rows (written at the real now) stay apart.
-- (Earlier files of this suite made and retired partitions of other years: left out here.)
SET fitness.maintenance_now = '2040-01-15 00:00:00+00';
SELECT action, partition FROM fitness.run_maintenance()
 WHERE parent = 'platform.audit_log'::regclass AND partition ~ '_p20(38|40)' ORDER BY partition;
-- The new partitions carry the append-only guard: a row trigger cloned from the parent and
-- their own TRUNCATE trigger; fitness.audit_protection_gaps() finds nothing missing.
SELECT c.relname, array_agg(t.tgname ORDER BY t.tgname) AS triggers
  FROM pg_class c JOIN pg_trigger t ON t.tgrelid = c.oid
 WHERE c.relname = 'audit_log_p204001' GROUP BY 1;
SELECT count(*) AS protection_gaps FROM fitness.audit_protection_gaps();

-- Entries dated into months without a partition land in the default; they are moved.
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id, operation)
SELECT timestamptz '2038-03-01 00:00:00+00' + i * interval '7 days', 'core', 'tag',
       fitness.uuid_generate_v7(), 'INSERT'
  FROM generate_series(0, 9) i;
SELECT count(*) AS in_default FROM ONLY platform.audit_log_default WHERE occurred_at < '2039-01-01';
SELECT action, partition FROM fitness.run_maintenance()
 WHERE parent = 'platform.audit_log'::regclass AND partition ~ '_p20(38|40)' ORDER BY partition;
SELECT count(*) AS in_default FROM ONLY platform.audit_log_default WHERE occurred_at < '2039-01-01';
SELECT count(*) AS moved_entries FROM platform.audit_log WHERE occurred_at < '2039-01-01';

-- The guard refuses everyone else's DELETE, UPDATE and TRUNCATE as before, and now also
-- DROP TABLE and DETACH PARTITION of the log's partitions, for this superuser too.
DELETE FROM platform.audit_log WHERE occurred_at < '2039-01-01';
UPDATE platform.audit_log_p203803 SET operation = 'DELETE';
TRUNCATE platform.audit_log_p203803;
DROP TABLE platform.audit_log_p203803;
DROP TABLE IF EXISTS public.nothing, platform.audit_log_default;
ALTER TABLE platform.audit_log DETACH PARTITION platform.audit_log_p203803;
DROP TABLE platform.audit_log;
SELECT count(*) AS still_there FROM platform.audit_log WHERE occurred_at < '2039-01-01';

-- Retention: with 24 months kept, on 2040-04-20 the months ending on or before 2038-04-20
-- are detached (2038-03 only), each recorded in the outbox with its row count.
SET fitness.maintenance_now = '2040-04-20 00:00:00+00';
SELECT action, partition FROM fitness.run_maintenance()
 WHERE parent = 'platform.audit_log'::regclass AND action = 'detached' ORDER BY partition;
SELECT payload->>'partition' AS partition, payload->>'from' AS range_from, payload->>'rows' AS entries,
       payload->>'mode' AS mode
  FROM platform.system_event WHERE event_type = 'audit.partition_retired'
   AND payload->>'partition' LIKE '%p2038%' ORDER BY 1;
-- A detached month is an archive: still append-only, no longer part of the log.
SELECT c.relispartition, (SELECT count(*) FROM platform.audit_log_p203803) AS entries
  FROM pg_class c WHERE c.oid = 'platform.audit_log_p203803'::regclass;
DELETE FROM platform.audit_log_p203803;
-- The audit.retention_months setting is followed as it changes: 12 months on 2040-04-20
-- retire 2038-04 and 2038-05 as well.
UPDATE platform.system_setting SET value = '12' WHERE key = 'audit.retention_months';
SELECT retention FROM fitness.partition_status() WHERE parent = 'platform.audit_log'::regclass;
SELECT action, partition FROM fitness.run_maintenance()
 WHERE parent = 'platform.audit_log'::regclass AND action <> 'created'
   AND partition LIKE 'platform.audit_log_p2038%' ORDER BY partition;
-- Dropping an archive is the DBA's decision (recorded by the audit DDL watch).
DROP TABLE platform.audit_log_p203803;
SELECT payload->>'problem' AS problem FROM platform.system_event
 WHERE event_type = 'audit.protection_changed' AND payload->>'object' = 'platform.audit_log_p203803';
