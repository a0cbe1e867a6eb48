-- fitness 1.0 -> 1.1, run by ALTER EXTENSION fitness UPDATE (or UPDATE TO '1.1').
\echo Use "ALTER EXTENSION fitness UPDATE TO '1.1'" to load this file. \quit

-- 1.1 changed the C++ inside the library (one relation plan cache, one way to declare
-- SQL-callable functions) and the layout of the sources. In the catalogue only texts
-- changed: comments and a tenancy-map note that named install-script files by their 1.0
-- names.
COMMENT ON COLUMN user_mgmt.user_program_enrollment.program_id IS 'content.program followed';
COMMENT ON COLUMN user_mgmt.user_workout_session.workout_id IS 'content.workout performed; NULL: ad hoc';
COMMENT ON COLUMN user_mgmt.user_workout_session.schedule_workout_id IS 'content.schedule_workout this session fulfils';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_id IS 'content.exercise performed';
COMMENT ON COLUMN user_mgmt.user_set_log.exercise_variant_id IS 'content.exercise_variant performed, if any';
COMMENT ON COLUMN user_mgmt.user_set_log.workout_set_id IS 'content.workout_set this set carries out, if planned';
UPDATE fitness.tenancy_map
   SET note = 'The data subject reads their requests. The app and the service have no privileges on it (requests go through fitness.export_user / forget_user); the policies are defence in depth'
 WHERE target = 'platform.data_subject_request'::regclass;

-- Secret settings hidden from fitness_app (grants.sql).
ALTER TABLE platform.system_setting ENABLE ROW LEVEL SECURITY;
CREATE POLICY system_setting_not_secret ON platform.system_setting FOR SELECT TO fitness_app
    USING (NOT is_secret);
CREATE POLICY system_setting_service ON platform.system_setting FOR SELECT TO fitness_service
    USING (true);
CREATE POLICY system_setting_admin ON platform.system_setting TO fitness_admin
    USING (true) WITH CHECK (true);

-- fitness_admin may run tenancy_predicate for tables with permission-bound branches.
GRANT EXECUTE ON FUNCTION fitness.tenancy_set_arm(text, text, text) TO fitness_admin;

-- The view's description no longer points at a document outside the repository.
COMMENT ON VIEW fitness.entity_tables IS
    'Every entity table: ordinary tables of core, user_mgmt, content, platform except logs, queues and partitions';

-- Who queued a machine-translation request (fitness.cached_translation).
ALTER TABLE platform.translation_request ADD COLUMN requested_by uuid;
COMMENT ON COLUMN platform.translation_request.requested_by IS
    'Acting user whose cache miss queued the request (no FK: the queue survives erasure); NULL: a trusted backend without a context';
CREATE INDEX translation_request_requested_by_idx ON platform.translation_request (requested_by)
    WHERE requested_by IS NOT NULL;

-- Internationalisation (new in 1.1): language tags and chains, translate(), message().
-- @fragment i18n/i18n.sql
-- @fragment i18n/search.sql
-- @fragment i18n/import.sql
SELECT fitness.watch_translated_entities();
-- Search documents of the exercises already there (their search_vector is filled at their
-- next change of name, description or language).
SELECT fitness.rebuild_exercise_search();

-- Partition maintenance (new in 1.1). The audit DDL watch leaves run_maintenance's own DDL
-- to it (a new partition is protected before it is attached; retirements are recorded).
CREATE OR REPLACE FUNCTION fitness.audit_ddl_watch() RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c record;
    gap record;
BEGIN
    -- Only superusers can open a gap: audited tables and the log are superuser-owned, and
    -- DDL on a table needs its owner. Everyone else's DDL (a user's temp table) is not ours
    -- to look at, and must not fail on privileges this check needs.
    IF NOT coalesce((SELECT r.rolsuper FROM pg_catalog.pg_roles r WHERE r.rolname = current_user), false) THEN
        RETURN;
    END IF;
    IF TG_EVENT = 'ddl_command_end' THEN
        FOR c IN SELECT DISTINCT d.objid, d.command_tag FROM pg_catalog.pg_event_trigger_ddl_commands() d
                  WHERE d.classid = 'pg_catalog.pg_class'::regclass AND NOT d.in_extension LOOP
            -- fitness.run_maintenance()'s own DDL: a new partition gets its guards before
            -- it is attached (and the check below costs a catalogue scan per command).
            CONTINUE WHEN fitness.partition_maintenance_active();
            FOR gap IN SELECT g.object, g.problem FROM fitness.audit_protection_gaps() g
                        WHERE g.object = c.objid::regclass::text LOOP
                INSERT INTO platform.system_event (event_type, aggregate_type, payload)
                VALUES ('audit.protection_changed', 'audit_log',
                        pg_catalog.jsonb_build_object('command', c.command_tag, 'object', gap.object,
                                                      'problem', gap.problem, 'role', current_user::text,
                                                      'session_role', session_user::text));
                RAISE WARNING 'audit protection changed: % (%)', gap.problem, gap.object
                    USING HINT = 'fitness.register_entities() and fitness.protect_audit_log() restore it; the change is recorded in platform.system_event.';
            END LOOP;
        END LOOP;
    ELSIF TG_EVENT = 'sql_drop' THEN
        -- (Triggers that go with their table are no gap: the table is gone.)
        FOR c IN SELECT d.object_type, d.object_identity FROM pg_catalog.pg_event_trigger_dropped_objects() d
                  WHERE ((d.object_type = 'trigger'
                          AND d.object_identity ~ '^(fitness_audit_(insert|update|delete|truncate)|audit_log_append_only|audit_log_no_truncate) on ')
                         OR (d.object_type = 'table' AND d.object_identity ~ '^platform\.audit_log(_|$)')
                         OR (d.object_type = 'rule' AND d.object_identity ~ ' on platform\.audit_log'))
                    AND NOT (d.object_type IN ('trigger', 'rule') AND EXISTS (
                            SELECT 1 FROM pg_catalog.pg_event_trigger_dropped_objects() t
                             WHERE t.object_type = 'table' AND d.object_identity LIKE '% on ' || t.object_identity
                               AND t.object_identity !~ '^platform\.audit_log(_|$)')) LOOP
            -- A partition fitness.run_maintenance() retires is on record already
            -- (audit.partition_retired in platform.system_event).
            CONTINUE WHEN fitness.partition_maintenance_active();
            INSERT INTO platform.system_event (event_type, aggregate_type, payload)
            VALUES ('audit.protection_changed', 'audit_log',
                    pg_catalog.jsonb_build_object('command', TG_TAG, 'object', c.object_identity,
                                                  'problem', c.object_type || ' dropped', 'role', current_user::text,
                                                  'session_role', session_user::text));
            RAISE WARNING 'audit protection changed: % dropped (%)', c.object_type, c.object_identity;
        END LOOP;
    END IF;
END
$$;
-- Detached log partitions (archives) are not entity tables.
CREATE OR REPLACE VIEW fitness.entity_tables AS
SELECT c.oid::regclass AS entity_table
FROM pg_catalog.pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass,
                    'platform.activity'::regclass, 'platform.cache_metrics'::regclass,
                    'platform.translation_request'::regclass)
  -- old log partitions that retention detached (archives, partition/partition.sql)
  AND c.relname !~ '^(audit_log|system_event)_p[0-9]';
COMMENT ON VIEW fitness.entity_tables IS
    'Every entity table: ordinary tables of core, user_mgmt, content, platform except logs (and their detached partitions), queues and partitions';
-- @fragment partition/partition.sql
-- 1.0 made the dated partitions of audit_log and system_event inside its install script, so
-- they belong to the extension and pg_dump leaves them (and their rows) out. They become
-- ordinary tables, as run_maintenance makes them from now on.
DO $release$
DECLARE
    p regclass;
BEGIN
    FOR p IN SELECT i.inhrelid::regclass
               FROM pg_catalog.pg_inherits i
               JOIN pg_catalog.pg_class k ON k.oid = i.inhrelid
               JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass
                AND d.objid = i.inhrelid AND d.deptype = 'e'
              WHERE i.inhparent IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass)
                AND pg_catalog.pg_get_expr(k.relpartbound, k.oid) <> 'DEFAULT'
    LOOP
        EXECUTE pg_catalog.format('ALTER EXTENSION fitness DROP TABLE %s', p);
    END LOOP;
END
$release$;
-- The logs' retention is in fitness.partition_config now, not in retention_policy.
SELECT fitness.hard_delete('platform.retention_policy', id)
  FROM platform.retention_policy
 WHERE target_table IN ('platform.audit_log', 'platform.system_event') AND action = 'detach_partition';
UPDATE platform.retention_policy SET description = 'Translation requests older than 30 days are deleted (answered or not)'
 WHERE target_table = 'platform.translation_request' AND action = 'delete';
UPDATE platform.system_setting SET description = v.description
  FROM (VALUES
    ('audit.retention_months', 'Months of audit_log partitions kept before fitness.run_maintenance() detaches them'),
    ('audit.premake_months', 'Monthly audit_log partitions fitness.run_maintenance() keeps ahead of the current one'),
    ('system_event.premake_days', 'Daily system_event partitions fitness.run_maintenance() keeps ahead of the current one'),
    ('system_event.retention_days', 'Days of system_event partitions kept before fitness.run_maintenance() drops them'))
    AS v (key, description)
 WHERE system_setting.key = v.key;

-- Business rules (issue: rules in every domain): the catalogue and the state machines.
-- @fragment rules/business_rules.sql
-- @fragment rules/state_machine.sql
-- @fragment rules/events.sql
-- @fragment rules/goals.sql
-- @fragment rules/sessions.sql
-- @fragment rules/settings.sql
-- @fragment rules/set_logs.sql
-- @fragment rules/institutions.sql
-- @fragment rules/billing.sql
-- @fragment rules/ratings.sql
-- @fragment rules/notifications.sql
-- @fragment rules/structure.sql

-- The update policy checks the row as it is, not only as it becomes (a readable row could
-- be rewritten into one's own): the new apply_tenancy, applied to every mapped table.
-- @fragment tenancy/apply_tenancy.sql
SELECT fitness.apply_tenancy();

--
-- Every later change to the install script's fragments brings its statements here (or to
-- the next version's script); test/extension/sql/upgrade.sql fails when an updated database
-- and a fresh install differ in their catalogue.
