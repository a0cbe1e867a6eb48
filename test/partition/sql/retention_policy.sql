-- platform.retention_policy applied by run_maintenance: rows older than keep deleted or
-- anonymized, in batches (fitness.retention_batch_size, fitness.retention_batches_per_run),
-- the rest on the next run; bad policies reported without stopping the others.
\set VERBOSITY terse
SET TimeZone = 'UTC';
SET DateStyle = 'ISO';
SET client_min_messages = warning;
SET fitness.maintenance_now = '2030-06-30 00:00:00+00';
CREATE TABLE public.sample_log (
    id        bigint PRIMARY KEY,
    logged_at timestamptz NOT NULL,
    note      text,
    client    inet
);
INSERT INTO public.sample_log
SELECT i, timestamptz '2030-06-30 00:00:00+00' - i * interval '1 day', 'note ' || i, '10.0.0.1'
  FROM generate_series(1, 60) i;
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, description)
VALUES ('public.sample_log', 'logged_at', interval '45 days', 'delete', 'test: rows older than 45 days');
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, anonymize_columns, description)
VALUES ('public.sample_log', 'logged_at', interval '20 days', 'anonymize', ARRAY['note', 'client'],
        'test: notes and addresses of rows older than 20 days');
SET fitness.retention_batch_size = 4;
SET fitness.retention_batches_per_run = 2;
-- 60 rows: days 46..60 are expired (15 rows); 8 per run.
SELECT action FROM fitness.run_maintenance() WHERE parent = 'public.sample_log'::regclass ORDER BY 1;
SELECT count(*) AS kept, min(id), max(id) FROM public.sample_log;
SELECT action FROM fitness.run_maintenance() WHERE parent = 'public.sample_log'::regclass ORDER BY 1;
SELECT count(*) AS kept, max(id) FROM public.sample_log;
SELECT count(*) AS anonymized FROM public.sample_log WHERE note IS NULL AND client IS NULL;
SELECT min(id) AS first_anonymized FROM public.sample_log WHERE note IS NULL;
SELECT max(id) AS last_with_note FROM public.sample_log WHERE note IS NOT NULL;
SET fitness.retention_batches_per_run = 100;
SELECT action FROM fitness.run_maintenance() WHERE parent = 'public.sample_log'::regclass ORDER BY 1;
SELECT count(*) FILTER (WHERE note IS NULL) AS anonymized, count(*) FILTER (WHERE note IS NULL AND id <= 20) AS too_young
  FROM public.sample_log;
-- Nothing left to do: no action, last_run_at set only when rows changed.
SELECT count(*) AS actions FROM fitness.run_maintenance() WHERE parent = 'public.sample_log'::regclass;
SELECT action, last_run_at IS NOT NULL AS ran FROM platform.retention_policy
 WHERE target_table = 'public.sample_log' ORDER BY 1;

-- The seeded policies: cache samples and translation requests past 30 days.
INSERT INTO platform.cache_metrics (cache_name, recorded_at, hits, misses, evictions, entries)
VALUES ('test_cache', '2030-05-01', 1, 1, 0, 1), ('test_cache', '2030-06-29', 1, 1, 0, 1);
SELECT action FROM fitness.run_maintenance() WHERE parent = 'platform.cache_metrics'::regclass;
SELECT recorded_at FROM platform.cache_metrics WHERE cache_name = 'test_cache';

-- Policies that cannot be applied are reported, and the others still run.
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, description)
VALUES ('public.no_such_table', 'at', interval '1 day', 'delete', 'test: missing table'),
       ('public.sample_log', 'missing_column', interval '1 day', 'detach_partition', 'test: partitions'),
       ('platform.rating', 'no_such_column', interval '1 day', 'delete', 'test: missing column');
CREATE TABLE public.no_key (at timestamptz);
INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action, description)
VALUES ('public.no_key', 'at', interval '1 day', 'delete', 'test: no primary key');
SELECT parent, action, partition FROM fitness.run_maintenance()
 WHERE action LIKE 'failed%' OR action LIKE 'skipped%' ORDER BY 3, 2;
