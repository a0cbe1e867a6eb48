-- CREATE EXTENSION fitness CASCADE installs every domain, its roles and its grants.
\set SHOW_CONTEXT never
CREATE EXTENSION fitness CASCADE;

SELECT e.extname, e.extversion, e.extrelocatable
FROM pg_extension e
WHERE e.extname IN ('fitness', 'pg_trgm') ORDER BY 1;

SELECT nspname FROM pg_namespace
WHERE nspname IN ('core', 'user_mgmt', 'content', 'platform', 'fitness') ORDER BY 1;

-- Group roles exist, cannot log in, never bypass RLS, own nothing.
SELECT rolname, rolcanlogin, rolbypassrls, rolsuper
FROM pg_roles WHERE rolname IN ('fitness_app', 'fitness_service', 'fitness_admin') ORDER BY 1;
SELECT count(*) AS objects_owned_by_group_roles
FROM pg_class WHERE relowner IN (SELECT oid FROM pg_roles WHERE rolname LIKE 'fitness\_%');

-- Every table of docs/reference/tables.md exists.
SELECT t AS missing_table
FROM unnest(ARRAY[
  'core.tag', 'core.entity_tag', 'core.category', 'core.status', 'core.status_transition',
  'core.role', 'core.permission', 'core.role_permission', 'core.muscle', 'core.muscle_group',
  'core.entity_type', 'core.visibility',
  'user_mgmt.app_user', 'user_mgmt.user_role', 'user_mgmt.user_workout_session',
  'user_mgmt.user_set_log', 'user_mgmt.user_measurement', 'user_mgmt.user_program_enrollment',
  'user_mgmt.institution', 'user_mgmt.institution_member', 'user_mgmt.coach_assignment',
  'user_mgmt.billing_plan', 'user_mgmt.subscription', 'user_mgmt.payment',
  'content.exercise', 'content.exercise_muscle', 'content.exercise_equipment',
  'content.exercise_alias', 'content.exercise_variant', 'content.exercise_media',
  'content.equipment', 'content.equipment_category', 'content.media', 'content.media_type',
  'content.media_metadata', 'content.workout', 'content.workout_set',
  'content.exercise_instruction', 'content.workout_version', 'content.program',
  'content.program_schedule', 'content.schedule_workout', 'content.goal', 'content.user_goal',
  'content.goal_metric', 'content.goal_metric_entry',
  'platform.language', 'platform.translation', 'platform.ui_message',
  'platform.translation_cache', 'platform.translation_request', 'platform.cache_strategy',
  'platform.cache_metrics', 'platform.activity', 'platform.activity_type', 'platform.favorite',
  'platform.favorite_collection', 'platform.rating', 'platform.rating_status',
  'platform.rating_summary', 'platform.audit_log', 'platform.system_event',
  'platform.notification', 'platform.notification_type', 'platform.notification_preference',
  'platform.system_setting', 'platform.setting', 'platform.error', 'platform.error_type',
  'platform.retention_policy', 'platform.data_subject_request'
]) AS t
WHERE to_regclass(t) IS NULL;

-- Partitioned logs: audit_log by month, system_event by day (range, with a default
-- partition; the install makes only that, fitness.run_maintenance() the one covering now),
-- activity by hash of user_id.
SELECT count(*) FILTER (WHERE action = 'created') >= 2 AS maintenance_made_partitions
  FROM fitness.run_maintenance();
SELECT c.relname, p.partstrat,
       (SELECT count(*) FROM pg_inherits i WHERE i.inhparent = c.oid) > 1 AS has_partitions,
       EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class k ON k.oid = i.inhrelid
               WHERE i.inhparent = c.oid AND pg_get_expr(k.relpartbound, k.oid) = 'DEFAULT') AS has_default
FROM pg_partitioned_table p JOIN pg_class c ON c.oid = p.partrelid
WHERE c.relnamespace = 'platform'::regnamespace ORDER BY 1;
BEGIN;
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id, operation)
VALUES (now(), 'core', 'tag', fitness.uuid_generate_v7(), 'INSERT');
SELECT tableoid::regclass <> 'platform.audit_log_default'::regclass AS now_lands_in_a_monthly_partition
FROM platform.audit_log;
ROLLBACK;

-- Reference data is seeded.
SELECT (SELECT count(*) FROM core.role) >= 6 AS roles,
       (SELECT count(*) FROM core.permission) >= 30 AS permissions,
       (SELECT count(*) FROM core.muscle) >= 17 AS muscles,
       (SELECT count(*) FROM content.equipment) >= 10 AS equipment,
       (SELECT count(*) FROM platform.language
         WHERE code IN ('en', 'de', 'es', 'fr', 'it', 'pt', 'pt-BR')) = 7 AS languages,
       (SELECT count(*) FROM core.status_transition) > 0 AS transitions,
       (SELECT count(*) FROM platform.system_setting) > 0 AS settings;

-- Extension-script safety: SQL-language functions pin search_path in their definition, and
-- nothing is SECURITY DEFINER and executable by PUBLIC. (C functions pin it at run time,
-- for the SQL they run, through pg::SpiSession: security.sql section 8 runs them under a
-- hostile search_path.)
SELECT p.oid::regprocedure AS function_without_pinned_search_path
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'fitness'
JOIN pg_language l ON l.oid = p.prolang
WHERE l.lanname <> 'c'
  AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
ORDER BY 1;
SELECT p.oid::regprocedure AS public_security_definer
FROM pg_proc p
JOIN pg_depend d ON d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'fitness'
WHERE p.prosecdef AND has_function_privilege('public', p.oid, 'EXECUTE');

-- Least privilege: the application cannot touch logs and queues, and cannot write
-- reference data; PUBLIC gets nothing.
SELECT t, has_table_privilege('fitness_app', t, 'SELECT') AS app_select,
       has_table_privilege('fitness_app', t, 'INSERT') AS app_insert
FROM unnest(ARRAY['platform.audit_log', 'platform.system_event', 'platform.translation_request',
                  'core.role', 'core.permission', 'platform.language',
                  'user_mgmt.app_user', 'content.workout']) AS t ORDER BY 1;
SELECT count(*) AS tables_with_public_privileges
FROM pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p')
  AND (has_table_privilege('public', c.oid, 'SELECT') OR has_table_privilege('public', c.oid, 'INSERT'));
SELECT privilege, has_table_privilege('fitness_admin', 'platform.audit_log', privilege) AS admin_has
FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS privilege;
