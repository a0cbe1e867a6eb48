-- Partition maintenance, native engine: registration, partitions ahead of an empty table,
-- crossing month and day boundaries, rescue from the default partition, retention (drop and
-- detach), status. "Now" is fitness.maintenance_now (superusers only), so the output does
-- not depend on the day the test runs.
\set VERBOSITY terse
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
SET IntervalStyle = 'postgres';
CREATE FUNCTION pg_temp.partitions(parent regclass) RETURNS TABLE (partition text, bound text)
LANGUAGE sql AS $$
    SELECT r.partition::text, r.bound FROM fitness.partition_ranges r
     WHERE r.parent = $1 ORDER BY r.bound = 'DEFAULT', r.partition::text
$$;

CREATE TABLE public.metric (
    id          bigint NOT NULL,
    recorded_at timestamptz NOT NULL,
    value       integer CHECK (value >= 0),
    note        text,
    PRIMARY KEY (id, recorded_at)
) PARTITION BY RANGE (recorded_at);
CREATE INDEX metric_note_idx ON public.metric (note) WHERE note IS NOT NULL;
CREATE TABLE public.metric_default PARTITION OF public.metric DEFAULT;
GRANT SELECT, INSERT ON public.metric TO fitness_service;

-- Registration errors: NULLs, units that do not cut time into slots, tables that are not
-- RANGE-partitioned on a time column, unknown engine and mode, pg_partman absent.
SELECT fitness.manage_partitions(NULL, interval '1 month');
SELECT fitness.manage_partitions('public.metric', NULL);
SELECT fitness.manage_partitions('public.metric', interval '1 month', NULL);
SELECT fitness.manage_partitions('public.metric', interval '1 month 2 days');
SELECT fitness.manage_partitions('public.metric', interval '90 minutes');
SELECT fitness.manage_partitions('public.metric', interval '0 days');
SELECT fitness.manage_partitions('public.metric', interval '-1 month');
SELECT fitness.manage_partitions('public.metric', interval '1 month', premake => -1);
SELECT fitness.manage_partitions('public.metric', interval '1 month', premake => 1001);
SELECT fitness.manage_partitions('public.metric', interval '1 month', retention => interval '0 days');
SELECT fitness.manage_partitions('public.metric', interval '1 month', engine => 'timescale');
SELECT fitness.manage_partitions('public.metric', interval '1 month', retention_mode => 'archive');
SELECT fitness.manage_partitions('public.metric', interval '1 month', engine => 'pg_partman');
SELECT fitness.manage_partitions('platform.audit_log', interval '1 month', engine => 'pg_partman');
SELECT fitness.manage_partitions('public.metric_default', interval '1 month');
SELECT fitness.manage_partitions('platform.activity', interval '1 month');
CREATE TABLE public.by_number (n integer NOT NULL) PARTITION BY RANGE (n);
SELECT fitness.manage_partitions('public.by_number', interval '1 month');
CREATE TABLE public.by_day (d date NOT NULL) PARTITION BY RANGE (d);
SELECT fitness.manage_partitions('public.by_day', interval '6 hours');
SELECT fitness.schedule_maintenance(NULL);
-- Only the parent's owner (or a superuser) registers it.
SET ROLE fitness_admin;
SELECT fitness.manage_partitions('public.metric', interval '1 month');
RESET ROLE;
SELECT count(*) AS registered_after_errors FROM fitness.partition_config WHERE parent = 'public.metric'::regclass;

-- Monthly, 2 ahead, 3 months kept, old months dropped.
SELECT fitness.manage_partitions('public.metric', interval '1 month', 2, interval '3 months', retention_mode => 'drop');
SELECT partition_interval, premake, retention, retention_mode, engine
  FROM fitness.partition_config WHERE parent = 'public.metric'::regclass;

-- An empty table gets the current partition and 2 ahead.
SET fitness.maintenance_now = '2026-01-20 10:00:00+00';
SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass;
SELECT * FROM pg_temp.partitions('public.metric');
-- A re-run changes nothing.
SELECT count(*) AS second_run_actions FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass;

-- The new partitions carry the parent's indexes, constraints, owner and grants (the parent
-- has no row-level security) and accept rows through the parent.
SELECT c.relname, pg_get_userbyid(c.relowner) = current_user AS owner_is_parents,
       (SELECT array_agg(i.relname ORDER BY i.relname) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
         WHERE x.indrelid = c.oid) AS indexes,
       (SELECT array_agg(conname ORDER BY conname) FROM pg_constraint WHERE conrelid = c.oid) AS constraints,
       has_table_privilege('fitness_service', c.oid, 'INSERT') AS service_inserts,
       has_table_privilege('fitness_app', c.oid, 'SELECT') AS app_selects
  FROM pg_class c WHERE c.relname = 'metric_p202602';
INSERT INTO public.metric VALUES (1, '2026-02-03 08:00:00+00', 5, 'x');
SELECT tableoid::regclass, id FROM public.metric;

-- Crossing the month boundary: the new month's "ahead" partition appears.
SET fitness.maintenance_now = '2026-01-31 23:59:59+00';
SELECT count(*) AS actions_before_midnight FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass;
SET fitness.maintenance_now = '2026-02-01 00:00:00+00';
SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass;

-- Rows outside every partition land in the default; maintenance moves them into proper
-- partitions (creating them), counted, none lost or doubled.
INSERT INTO public.metric
SELECT i, timestamptz '2026-07-01 00:00:00+00' + (i % 40) * interval '1 day', i, NULL
  FROM generate_series(100, 219) i;
INSERT INTO public.metric VALUES (300, '2025-12-31 23:59:59.999999+00', 1, 'last microsecond of 2025');
SELECT count(*) AS rows_in_default FROM ONLY public.metric_default;
CREATE TEMP TABLE before_rescue AS SELECT * FROM public.metric;
SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass;
SELECT count(*) AS rows_in_default FROM ONLY public.metric_default;
SELECT (SELECT count(*) FROM before_rescue) AS before, (SELECT count(*) FROM public.metric) AS after,
       (SELECT count(*) FROM (SELECT * FROM before_rescue EXCEPT SELECT * FROM public.metric) d) AS lost,
       (SELECT count(*) - count(DISTINCT (id, recorded_at)) FROM public.metric) AS doubled;
SELECT tableoid::regclass AS partition, count(*) FROM public.metric GROUP BY 1 ORDER BY 1;

-- Retention (drop): on 2026-06-15 with 3 months kept, partitions ending on or before
-- 2026-03-15 go, and only they.
SET fitness.maintenance_now = '2026-06-15 12:00:00+00';
SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass ORDER BY 1, 2;
SELECT * FROM pg_temp.partitions('public.metric');
SELECT to_regclass('public.metric_p202602') AS dropped_partition_is_gone;

-- Detach mode keeps the old partition as a table of its own.
SELECT fitness.manage_partitions('public.metric', interval '1 month', 2, interval '2 months');
SET fitness.maintenance_now = '2026-07-02 00:00:00+00';
SELECT action, partition FROM fitness.run_maintenance() WHERE parent = 'public.metric'::regclass ORDER BY 1, 2;
SELECT c.relname, c.relispartition, (SELECT count(*) FROM public.metric_p202604) AS rows_kept
  FROM pg_class c WHERE c.relname = 'metric_p202604';

-- A registration whose interval does not match the partitions already there is refused.
SELECT fitness.manage_partitions('public.metric', interval '7 days');

-- Daily on timestamp (no time zone), Monday-aligned weeks, dates; days cross at midnight.
CREATE TABLE public.ping (at timestamp NOT NULL, host text) PARTITION BY RANGE (at);
SELECT fitness.manage_partitions('public.ping', interval '1 day', 1);
CREATE TABLE public.weekly (day date NOT NULL) PARTITION BY RANGE (day);
SELECT fitness.manage_partitions('public.weekly', interval '7 days', 0);
CREATE TABLE public.hourly (at timestamptz NOT NULL) PARTITION BY RANGE (at);
SELECT fitness.manage_partitions('public.hourly', interval '6 hours', 1);
SET fitness.maintenance_now = '2026-03-04 23:59:59+00';
SELECT parent, action, partition FROM fitness.run_maintenance()
 WHERE parent IN ('public.ping'::regclass, 'public.weekly'::regclass, 'public.hourly'::regclass) ORDER BY 1, 3;
SET fitness.maintenance_now = '2026-03-05 00:00:00+00';
SELECT parent, action, partition FROM fitness.run_maintenance()
 WHERE parent IN ('public.ping'::regclass, 'public.weekly'::regclass, 'public.hourly'::regclass) ORDER BY 1, 3;
SELECT * FROM pg_temp.partitions('public.weekly');
-- No default partition: rows outside every partition are refused by PostgreSQL itself.
INSERT INTO public.ping VALUES ('2030-01-01 00:00:00', 'far');

-- Status, per parent.
SELECT parent, engine, partition_interval, premake, retention, retention_mode, partitions,
       range_from, range_to, default_rows, next_to_create, oldest_kept, last_outcome
  FROM fitness.partition_status() WHERE parent::text NOT LIKE 'platform.%' ORDER BY 1::text;

-- A registration outlives a dropped parent; maintenance reports it and goes on.
CREATE TABLE public.gone (at timestamptz NOT NULL) PARTITION BY RANGE (at);
SELECT fitness.manage_partitions('public.gone', interval '1 day', 0);
DROP TABLE public.gone;
SELECT action, partition ~ '^OID [0-9]+$' AS names_the_oid FROM fitness.run_maintenance() WHERE action LIKE 'skipped%';
DELETE FROM fitness.partition_config WHERE parent::text !~ '^(public|platform)\.';

-- Who may run it: fitness_admin (as the tables' owner), not the application roles.
RESET fitness.maintenance_now;
SET ROLE fitness_admin;
SET fitness.maintenance_now = '2030-01-01 00:00:00+00';
SELECT count(*) >= 0 AS admin_runs_maintenance FROM fitness.run_maintenance();
SELECT count(*) > 0 AS admin_reads_status FROM fitness.partition_status();
RESET ROLE;
SET ROLE fitness_app;
SELECT * FROM fitness.run_maintenance();
SELECT * FROM fitness.partition_status();
SELECT fitness.manage_partitions('public.metric', interval '1 month');
SELECT * FROM fitness.partition_config;
RESET ROLE;
SET ROLE fitness_service;
SELECT * FROM fitness.run_maintenance();
RESET ROLE;
