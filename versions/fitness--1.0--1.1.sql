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

--
-- Every later change to the install script's fragments brings its statements here (or to
-- the next version's script); test/extension/sql/upgrade.sql fails when an updated database
-- and a fresh install differ in their catalogue.
