-- The C++/PostgreSQL bridge (src/pg/guard.hpp): errors cross in both directions with their
-- SQLSTATE, C++ objects are destroyed on every path, the session stays usable.
-- The SQLSTATE the client received is printed from psql's LAST_ERROR_SQLSTATE.
\set SHOW_CONTEXT never

SELECT fitness.bridge_live_objects() AS live_before;
SELECT fitness.bridge_selftest('ok') AS live_inside_ok_call;

-- A C++ exception thrown three frames down reaches the client with its SQLSTATE (22023),
-- detail and hint.
SELECT fitness.bridge_selftest('cpp_error');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_live_objects() AS live_after_cpp_error;

-- A PostgreSQL error (ereport in int4div) raised under C++ code: rethrown as a C++
-- exception, C++ frames unwind, the original SQLSTATE 22012 and message survive.
SELECT fitness.bridge_selftest('pg_error');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_live_objects() AS live_after_pg_error;

-- An error inside SPI (unknown table, 42P01) unwinds the SPI session object too.
SELECT fitness.bridge_selftest('spi_error');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_live_objects() AS live_after_spi_error;

-- Foreign C++ exceptions become XX000 / 53200, never a crashed backend.
SELECT fitness.bridge_selftest('std_error');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_selftest('bad_alloc');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_selftest('unknown');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_live_objects() AS live_after_foreign_errors;

-- Bad input names the value.
SELECT fitness.bridge_selftest('no-such-mode');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.bridge_selftest(NULL) IS NULL AS strict_null;

-- The session is still usable, also inside a transaction after a caught error.
BEGIN;
SAVEPOINT s1;
SELECT fitness.bridge_selftest('pg_error');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK TO SAVEPOINT s1;
SELECT fitness.bridge_selftest('ok') AS usable_after_savepoint_rollback;
COMMIT;

-- PL/pgSQL can catch our errors by SQLSTATE like any other.
DO $$
BEGIN
    PERFORM fitness.bridge_selftest('cpp_error');
EXCEPTION WHEN invalid_parameter_value THEN
    RAISE NOTICE 'caught % from C++', SQLSTATE;
END
$$;

-- Kept SPI plans: prepared once per backend, then reused.
SELECT fitness.bridge_kept_plan_sum(1000) AS sum_of_2i;
SELECT misses AS prepares, hits AS reuses
FROM fitness.cache_stats() WHERE cache_name = 'spi_plans';
SELECT fitness.bridge_kept_plan_sum(10) AS sum_of_2i;
SELECT misses AS prepares, hits AS reuses
FROM fitness.cache_stats() WHERE cache_name = 'spi_plans';
SELECT fitness.bridge_kept_plan_sum(-1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Per-relation metadata cache: filled once, invalidated by ALTER TABLE in the same session.
CREATE TABLE public.bridge_probe (id integer, a text);
SELECT fitness.relation_columns('public.bridge_probe');
SELECT fitness.relation_columns('public.bridge_probe');
SELECT hits >= 1 AS hit_on_second_call FROM fitness.cache_stats() WHERE cache_name = 'relation_meta';
SELECT invalidations AS invalidations_before FROM fitness.cache_stats() WHERE cache_name = 'relation_meta' \gset
ALTER TABLE public.bridge_probe ADD COLUMN b integer;
SELECT fitness.relation_columns('public.bridge_probe');
ALTER TABLE public.bridge_probe DROP COLUMN a;
SELECT fitness.relation_columns('public.bridge_probe');
SELECT invalidations > :invalidations_before AS invalidated_by_alter
FROM fitness.cache_stats() WHERE cache_name = 'relation_meta';
DROP TABLE public.bridge_probe;
SELECT fitness.relation_columns(0::oid::regclass);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- The relation plan cache (pg::RelationPlanCache), here through the audit trigger's entry:
-- made once per table, rebuilt after ALTER TABLE (in the same transaction as the next
-- write, whose plans see the new column), and forgotten once the table is dropped.
CREATE TABLE public.plan_probe (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), a text);
CREATE TABLE public.plan_probe_2 (id uuid PRIMARY KEY DEFAULT fitness.uuid_generate_v7(), a text);
SELECT fitness.enable_audit('public.plan_probe'), fitness.enable_audit('public.plan_probe_2');
CREATE FUNCTION pg_temp.audit_plans() RETURNS TABLE (entries bigint, builds bigint, rebuilds bigint)
LANGUAGE sql AS $$
    SELECT coalesce(max(entries), 0), coalesce(max(misses), 0), coalesce(max(invalidations), 0)
      FROM fitness.cache_stats() WHERE cache_name = 'audit_plans'  -- no row before its first use
$$;
SELECT entries AS e0, builds AS b0, rebuilds AS r0 FROM pg_temp.audit_plans() \gset
INSERT INTO public.plan_probe (a) VALUES ('one');
INSERT INTO public.plan_probe (a) VALUES ('two');
SELECT entries - :e0 AS new_entries, builds - :b0 AS builds FROM pg_temp.audit_plans();
BEGIN;
ALTER TABLE public.plan_probe ADD COLUMN b integer;
UPDATE public.plan_probe SET b = 4 WHERE a = 'one';
COMMIT;
SELECT entries - :e0 AS entries_after_alter, rebuilds - :r0 AS rebuilds FROM pg_temp.audit_plans();
SELECT new_data ->> 'b' AS logged_b FROM platform.audit_log
 WHERE table_schema = 'public' AND table_name = 'plan_probe' AND operation = 'UPDATE';
DROP TABLE public.plan_probe;
INSERT INTO public.plan_probe_2 (a) VALUES ('another table');
SELECT entries - :e0 AS entries_after_drop FROM pg_temp.audit_plans();
DROP TABLE public.plan_probe_2;

-- Test hooks are not for PUBLIC.
SELECT has_function_privilege('public', 'fitness.bridge_selftest(text)', 'EXECUTE') AS public_can_call_selftest;
SELECT has_function_privilege('fitness_admin', 'fitness.bridge_selftest(text)', 'EXECUTE') AS admin_can_call_selftest;
