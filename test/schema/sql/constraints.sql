-- Bad input in every domain is refused with its standard SQLSTATE and a message that names
-- the rule (CHECK constraints are named <table>_<column>_<rule> and carry the rule in words
-- as their COMMENT), and leaves nothing half-written.
--   23514 check_violation        23505 unique_violation (partial: among active rows)
--   23503 foreign_key_violation  23502 not_null_violation
--   22P02 invalid_text_representation, 22001 string_data_right_truncation,
--   22003 numeric_value_out_of_range, 22007 invalid_datetime_format,
--   22008 datetime_field_overflow, 25P02 in_failed_sql_transaction
-- Runs after install (extension present). Fixture rows have fixed ids and are deleted at
-- the end; the row counts of every domain table are compared with those at the start.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
-- CHECK and NOT NULL errors carry a DETAIL with the whole failing row, timestamps from
-- now() included: those are shown terse (message only). Unique and foreign-key errors are
-- shown with their DETAIL (the offending key), which holds only fixed values.
\set VERBOSITY terse

CREATE TEMP TABLE rows_before AS
SELECT c.oid::regclass::text AS tbl,
       (xpath('/row/n/text()',
              query_to_xml(format('SELECT count(*) AS n FROM %s', c.oid::regclass), false, true, '')
       ))[1]::text::bigint AS n
FROM pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace,
                         'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  -- grow by design: they record this test (the audit trail, the events of its memberships)
  AND c.oid NOT IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass);

-- Fixed fixture ids; :missing is an id no table holds.
\set u1      '00000000-0000-7000-8000-000000000001'
\set u2      '00000000-0000-7000-8000-000000000002'
\set u3      '00000000-0000-7000-8000-000000000003'
\set u4      '00000000-0000-7000-8000-000000000004'
\set cat1    '00000000-0000-7000-8000-000000000005'
\set tag1    '00000000-0000-7000-8000-000000000006'
\set tag2    '00000000-0000-7000-8000-000000000007'
\set inst1   '00000000-0000-7000-8000-000000000011'
\set mem1    '00000000-0000-7000-8000-000000000012'
\set e1      '00000000-0000-7000-8000-000000000021'
\set w1      '00000000-0000-7000-8000-000000000031'
\set ws1     '00000000-0000-7000-8000-000000000032'
\set p1      '00000000-0000-7000-8000-000000000041'
\set ps1     '00000000-0000-7000-8000-000000000042'
\set g1      '00000000-0000-7000-8000-000000000051'
\set gm1     '00000000-0000-7000-8000-000000000052'
\set m1      '00000000-0000-7000-8000-000000000061'
\set plan1   '00000000-0000-7000-8000-000000000071'
\set sub1    '00000000-0000-7000-8000-000000000072'
\set pay1    '00000000-0000-7000-8000-000000000073'
\set s1      '00000000-0000-7000-8000-000000000081'
\set s2      '00000000-0000-7000-8000-000000000082'
\set sl1     '00000000-0000-7000-8000-000000000083'
\set fc2     '00000000-0000-7000-8000-000000000091'
\set fav1    '00000000-0000-7000-8000-000000000092'
\set r1      '00000000-0000-7000-8000-000000000093'
\set n1      '00000000-0000-7000-8000-000000000094'
\set tr1     '00000000-0000-7000-8000-000000000095'
\set tc1     '00000000-0000-7000-8000-000000000096'
\set set1    '00000000-0000-7000-8000-000000000097'
\set err1    '00000000-0000-7000-8000-000000000098'
\set missing '00000000-0000-7000-8000-0000000000ff'

-- Seeded reference rows the fixtures point at (their ids are generated: never printed).
SELECT (SELECT id FROM core.role WHERE code = 'coach' AND is_active) AS role_coach,
       (SELECT id FROM core.permission WHERE code = 'user.read_self') AS perm_read_self,
       (SELECT id FROM content.goal WHERE code = 'increase_one_rm' AND is_active) AS goal_one_rm,
       (SELECT id FROM content.media_type WHERE code = 'image' AND is_active) AS mt_image,
       (SELECT id FROM content.equipment_category WHERE code = 'free_weights' AND is_active) AS eqc_free_weights,
       (SELECT id FROM platform.activity_type WHERE code = 'session_completed' AND is_active) AS at_session_completed,
       (SELECT id FROM platform.rating_status WHERE code = 'published' AND is_active) AS rs_published,
       (SELECT id FROM platform.notification_type WHERE code = 'workout_reminder' AND is_active) AS nt_reminder,
       (SELECT id FROM platform.error_type WHERE code = 'validation.constraint' AND is_active) AS et_constraint
\gset

-- =========================================================================================
-- core: lookups and RBAC
-- =========================================================================================
INSERT INTO core.category (id, domain, code, name)
VALUES (:'cat1', 'exercise', 'constraint_test', 'Constraint test');
INSERT INTO core.role (code, name, scope, rank) VALUES ('tester', 'Tester', 'platform', 5000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.role (code, name, scope, rank) VALUES ('tester', 'Tester', 'galaxy', 10);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.role (code, name, scope, rank) VALUES ('tester', 'Tester', NULL, 10);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.permission (code, domain, description) VALUES ('workout.fly', 'program', 'Fly');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.category (domain, code, name) VALUES ('food', 'snacks', 'Snacks');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.role_permission (role_id, permission_id) VALUES ('coach', :'perm_read_self');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO core.role (code, name, scope, rank) VALUES ('coach', 'Second coach', 'institution', 20);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO core.role_permission (role_id, permission_id) VALUES (:'missing', :'perm_read_self');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a parent category must belong to the same domain (composite foreign key)
INSERT INTO core.category (domain, code, name, parent_id)
VALUES ('workout', 'constraint_child', 'Child', :'cat1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a natural key is unique among active rows only: after a soft delete it can be reused
INSERT INTO core.tag (id, tag_group, code, name) VALUES (:'tag1', 'test', 'constraint_tag', 'Tag');
INSERT INTO core.tag (tag_group, code, name) VALUES ('test', 'constraint_tag', 'Same tag');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE core.tag SET is_active = false, deleted_at = now() WHERE id = :'tag1';
INSERT INTO core.tag (id, tag_group, code, name) VALUES (:'tag2', 'test', 'constraint_tag', 'Same tag');
SELECT id, name, is_active FROM core.tag WHERE tag_group = 'test' ORDER BY id;
\set VERBOSITY terse

-- =========================================================================================
-- users: app_user
-- =========================================================================================
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES
    (:'u1', 'anna@example.com', 'Anna'),
    (:'u2', 'ben@example.com', 'Ben');
INSERT INTO user_mgmt.app_user (email, display_name) VALUES ('anna(at)example.com', 'Anna');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, phone) VALUES ('Anna', '0171 1234567');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, birth_date) VALUES ('Anna', '1899-12-31');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, unit_system) VALUES ('Anna', 'furlongs');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (email) VALUES ('nobody@example.com');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, birth_date) VALUES ('Anna', '1990-02-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, birth_date) VALUES ('Anna', 'sometime in May');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, height_cm) VALUES ('Anna', 'tall');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.app_user (display_name, height_cm) VALUES ('Anna', 12345);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- soft delete sets is_active and deleted_at together
UPDATE user_mgmt.app_user SET is_active = false WHERE id = :'u1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'app_user_soft_delete_state';
\set VERBOSITY default
INSERT INTO user_mgmt.app_user (display_name, language_code) VALUES ('Anna', 'xx');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- email is unique among active users, case-insensitively
INSERT INTO user_mgmt.app_user (display_name, email) VALUES ('Anna again', 'ANNA@example.com');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- after the soft delete of the first account the address can be registered again
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES (:'u3', 'carla@example.com', 'Carla');
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES (:'u4', 'Carla@Example.com', 'Carla');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
UPDATE user_mgmt.app_user SET is_active = false, deleted_at = now() WHERE id = :'u3';
INSERT INTO user_mgmt.app_user (id, email, display_name) VALUES (:'u4', 'Carla@Example.com', 'Carla');
SELECT id, email, is_active FROM user_mgmt.app_user WHERE lower(email) = 'carla@example.com' ORDER BY id;
\set VERBOSITY terse

-- RBAC grants: user_role
INSERT INTO user_mgmt.user_role (user_id, role_id, granted_at, expires_at)
VALUES (:'u1', :'role_coach', '2024-01-02 00:00+00', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_role (user_id, role_id) VALUES ('abc', :'role_coach');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO user_mgmt.user_role (user_id, role_id) VALUES (:'u1', :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- institutions: institution, institution_member
-- =========================================================================================
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'inst1', 'Constraint Gym', 'constraint-gym');
INSERT INTO user_mgmt.institution_member (id, institution_id, user_id, member_role, status, joined_at)
VALUES (:'mem1', :'inst1', :'u1', 'owner', 'active', '2024-01-01 00:00+00');
INSERT INTO user_mgmt.institution (name, slug) VALUES ('Other Gym', 'Other Gym');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution (name, slug, country_code) VALUES ('Other Gym', 'other-gym', 'de');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at)
VALUES (:'inst1', :'u2', 'boss', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status, joined_at)
VALUES (:'inst1', :'u2', 'active', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status, joined_at)
VALUES (:'inst1', :'u2', 'left', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status, joined_at, left_at)
VALUES (:'inst1', :'u2', 'left', '2024-02-01 00:00+00', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status, joined_at)
VALUES (:'inst1', :'u2', 'active', '2024-01-01 25:00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status, joined_at)
VALUES (:'inst1', :'u1', 'active', '2024-03-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.institution_member (institution_id, user_id, status)
VALUES (:'inst1', :'missing', 'invited');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- exercises
-- =========================================================================================
INSERT INTO content.exercise (id, slug, name, owner_id) VALUES (:'e1', 'goblet-squat', 'Goblet squat', :'u1');
INSERT INTO content.exercise (slug, name, owner_id) VALUES ('Goblet Squat', 'Goblet squat', :'u1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise (slug, name, owner_id, tracking_type) VALUES ('plank', 'Plank', :'u1', 'weight');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise (slug, name, owner_id, visibility) VALUES ('plank', 'Plank', :'u1', 'institution');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise (slug, name, owner_id, source) VALUES ('plank', 'Plank', :'u1', 'wger');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise (slug, owner_id) VALUES ('plank', :'u1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO content.exercise (slug, name, owner_id, category_id) VALUES ('plank', 'Plank', :'u1', :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise (slug, name, owner_id) VALUES ('goblet-squat', 'Goblet squat (copy)', :'u1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- workouts: workout, workout_set
-- =========================================================================================
INSERT INTO content.workout (id, name, owner_id) VALUES (:'w1', 'Leg day', :'u1');
INSERT INTO content.workout_set (id, workout_id, position, exercise_id, target_reps_min, target_reps_max)
VALUES (:'ws1', :'w1', 1, :'e1', 8, 12);
INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (:'w1', 0, :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, position, exercise_id, target_reps_min, target_reps_max)
VALUES (:'w1', 2, :'e1', 12, 8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, position, exercise_id, target_rpe) VALUES (:'w1', 2, :'e1', 7.3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, position, exercise_id, tempo) VALUES (:'w1', 2, :'e1', '31-2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, exercise_id) VALUES (:'w1', :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, position, exercise_id, rest_s) VALUES (:'w1', 2, :'e1', '90s');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'workout_set_target_rpe_range';
\set VERBOSITY default
INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (:'w1', 2, :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (:'w1', 1, :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an exercise used by a workout cannot be deleted (RESTRICT)
DELETE FROM content.exercise WHERE id = :'e1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
-- A multi-row INSERT is all or nothing: the last row breaks a CHECK, none of the rows land.
INSERT INTO content.workout_set (workout_id, position, exercise_id, rest_s) VALUES
    (:'w1', 2, :'e1', 90),
    (:'w1', 3, :'e1', 90),
    (:'w1', 4, :'e1', 5000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS batch_rows_written FROM content.workout_set WHERE workout_id = :'w1' AND id <> :'ws1';
-- The same when the last row has an unknown exercise (checked after all rows were written).
\set VERBOSITY default
INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES
    (:'w1', 2, :'e1'),
    (:'w1', 3, :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
SELECT count(*) AS batch_rows_written FROM content.workout_set WHERE workout_id = :'w1' AND id <> :'ws1';

-- =========================================================================================
-- programs: program, program_schedule
-- =========================================================================================
INSERT INTO content.program (id, name, owner_id, duration_weeks, days_per_week)
VALUES (:'p1', 'Strength base', :'u1', 4, 3);
INSERT INTO content.program_schedule (id, program_id, week_number, day_number) VALUES (:'ps1', :'p1', 1, 1);
INSERT INTO content.program (name, owner_id, duration_weeks, days_per_week) VALUES ('Forever', :'u1', 0, 3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (:'p1', 1, 8);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (:'p1', 0, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (:'p1', 1, 'monday');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.program_schedule (program_id, day_number) VALUES (:'p1', 2);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (:'p1', 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.program_schedule (program_id, week_number, day_number) VALUES (:'missing', 1, 1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- goals: user_goal, goal_metric
-- =========================================================================================
INSERT INTO content.user_goal (id, user_id, goal_id, title, start_date, target_date)
VALUES (:'g1', :'u1', :'goal_one_rm', 'Squat 140 kg', '2024-01-01', '2024-06-30');
INSERT INTO content.goal_metric (id, user_goal_id, metric, exercise_id, unit, direction, baseline_value, target_value)
VALUES (:'gm1', :'g1', 'one_rm_kg', :'e1', 'kg', 'increase', 100, 140);
INSERT INTO content.user_goal (user_id, title, start_date, target_date)
VALUES (:'u1', 'Run 10 km', '2024-06-01', '2024-05-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.user_goal (user_id, title, progress_pct) VALUES (:'u1', 'Run 10 km', 120);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.user_goal (user_id, title, status) VALUES (:'u1', 'Run 10 km', 'achieved');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.user_goal (user_id, title, start_date, target_date)
VALUES (:'u1', 'Run 10 km', '2024-01-01', '2024-02-30');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.goal_metric (user_goal_id, metric, exercise_id, unit, direction, baseline_value, target_value)
VALUES (:'g1', 'max_weight_kg', :'e1', 'kg', 'increase', 100, 90);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'goal_metric_target_value_direction';
INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction, target_value)
VALUES (:'g1', 'max_reps', 'reps', 'increase', 20);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction, target_value)
VALUES (:'g1', 'bench_press', 'kg', 'increase', 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction, target_value)
VALUES (:'g1', 'body_weight_kg', 'kg', 'decrease', 'ten');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction)
VALUES (:'g1', 'body_weight_kg', 'kg', 'decrease');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO content.goal_metric (user_goal_id, metric, exercise_id, unit, direction, target_value)
VALUES (:'g1', 'one_rm_kg', :'e1', 'kg', 'increase', 150);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.goal_metric (user_goal_id, metric, unit, direction, target_value)
VALUES (:'missing', 'body_weight_kg', 'kg', 'decrease', 70);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- media
-- =========================================================================================
INSERT INTO content.media (id, media_type_id, owner_id, storage_key, mime_type)
VALUES (:'m1', :'mt_image', :'u1', 'u1/goblet-squat.jpg', 'image/jpeg');
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type)
VALUES (:'mt_image', :'u1', 'u1/a.jpg', 'JPEG');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type, sha256)
VALUES (:'mt_image', :'u1', 'u1/a.jpg', 'image/jpeg', 'abc123');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type, status, byte_size)
VALUES (:'mt_image', :'u1', 'u1/a.jpg', 'image/jpeg', 'ready', 1024);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type, width)
VALUES (:'mt_image', :'u1', 'u1/a.jpg', 'image/jpeg', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type, byte_size)
VALUES (:'mt_image', :'u1', 'u1/a.jpg', 'image/jpeg', '2 MB');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type)
VALUES (:'missing', :'u1', 'u1/a.jpg', 'image/jpeg');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.media (media_type_id, owner_id, storage_key, mime_type)
VALUES (:'mt_image', :'u2', 'u1/goblet-squat.jpg', 'image/jpeg');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- equipment
-- =========================================================================================
INSERT INTO content.equipment (equipment_category_id, code, name) VALUES (:'eqc_free_weights', 'Sandbag', 'Sandbag');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.equipment (equipment_category_id, code, name, source_names)
VALUES (:'eqc_free_weights', 'sandbag', 'Sandbag', ARRAY['Sand Bag']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.equipment (equipment_category_id, code, name) VALUES (:'eqc_free_weights', 'sandbag', ' ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.equipment (code, name) VALUES ('sandbag', 'Sandbag');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO content.equipment (equipment_category_id, code, name) VALUES (:'eqc_free_weights', 'barbell', 'Barbell');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.equipment (equipment_category_id, code, name) VALUES (:'missing', 'sandbag', 'Sandbag');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO content.exercise_equipment (exercise_id, equipment_id) VALUES (:'e1', :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- payments: billing_plan, subscription, payment
-- =========================================================================================
INSERT INTO user_mgmt.billing_plan (id, institution_id, code, name, amount, currency)
VALUES (:'plan1', :'inst1', 'monthly', 'Monthly', 29.00, 'EUR');
INSERT INTO user_mgmt.subscription (id, user_id, billing_plan_id, current_period_start, current_period_end)
VALUES (:'sub1', :'u1', :'plan1', '2024-01-01 00:00+00', '2024-02-01 00:00+00');
INSERT INTO user_mgmt.payment (id, subscription_id, user_id, amount, currency, status, paid_at)
VALUES (:'pay1', :'sub1', :'u1', 29.00, 'EUR', 'succeeded', '2024-01-01 00:00+00');
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency)
VALUES (:'inst1', 'yearly', 'Yearly', 290.00, 'EURO');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency)
VALUES (:'inst1', 'yearly', 'Yearly', 290.00, 'eur');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'billing_plan_currency_iso4217';
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency)
VALUES (:'inst1', 'yearly', 'Yearly', 0, 'EUR');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency)
VALUES (:'inst1', 'yearly', 'Yearly', '290,00', 'EUR');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency, billing_interval)
VALUES (:'inst1', 'yearly', 'Yearly', 290.00, 'EUR', 'fortnight');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.subscription (user_id, institution_id, billing_plan_id)
VALUES (:'u2', :'inst1', :'plan1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.subscription (user_id, billing_plan_id, current_period_start, current_period_end)
VALUES (:'u2', :'plan1', '2024-02-01 00:00+00', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.subscription (user_id, billing_plan_id, status) VALUES (:'u2', :'plan1', 'trialing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, status)
VALUES (:'sub1', :'u1', 29.00, 'EUR', 'succeeded');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, amount_refunded)
VALUES (:'sub1', :'u1', 29.00, 'EUR', 50.00);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency, card_last4)
VALUES (:'sub1', :'u1', 29.00, 'EUR', '12345');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency)
VALUES (:'sub1', :'u1', 29.00, 'USDX');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency)
VALUES (:'sub1', :'u1', 29.00, NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO user_mgmt.billing_plan (institution_id, code, name, amount, currency)
VALUES (:'inst1', 'monthly', 'Monthly (new)', 31.00, 'EUR');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.subscription (user_id, billing_plan_id) VALUES (:'u2', :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the payer of a payment is the subscriber of its subscription (composite foreign key)
INSERT INTO user_mgmt.payment (subscription_id, user_id, amount, currency)
VALUES (:'sub1', :'u2', 29.00, 'EUR');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- caching: translation_cache, cache_strategy
-- =========================================================================================
INSERT INTO platform.translation_cache (id, source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES (:'tc1', sha256(convert_to(E'en\nGoblet squat', 'UTF8')), 'en', 'de', 'Goblet squat', 'Goblet-Kniebeuge', 'deepl');
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES ('\x0102', 'en', 'de', 'Squat', 'Kniebeuge', 'deepl');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES (sha256('\x01'), 'en', 'en', 'Squat', 'Squat', 'deepl');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES (sha256('\x01'), 'en', 'de', 'Squat', 'Kniebeuge', 'bing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider, quality)
VALUES (sha256('\x01'), 'en', 'de', 'Squat', 'Kniebeuge', 'deepl', 1.5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.cache_strategy (cache_name, layer, scope) VALUES ('exercise', 'L5', 'backend');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.cache_strategy (cache_name, layer, scope, ttl) VALUES ('exercise', 'L1', 'backend', '-5 minutes');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.cache_strategy (cache_name, layer, scope, invalidated_by)
VALUES ('exercise', 'L1', 'backend', '{exercise}');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.cache_strategy (cache_name, layer, scope, ttl) VALUES ('exercise', 'L1', 'backend', 'forever');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES (sha256(convert_to(E'en\nGoblet squat', 'UTF8')), 'en', 'de', 'Goblet squat', 'Kelch-Kniebeuge', 'google');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
VALUES (sha256('\x01'), 'en', 'xx', 'Squat', 'Squat', 'manual');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.cache_strategy (cache_name, layer, scope) VALUES ('translation', 'L1', 'backend');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- i18n: language, translation
-- =========================================================================================
INSERT INTO platform.translation (id, entity_type, entity_id, field, language_code, value)
VALUES (:'tr1', 'exercise', :'e1', 'name', 'de', 'Goblet-Kniebeuge');
INSERT INTO platform.language (code, name, native_name) VALUES ('english', 'English', 'English');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.language (code, name, native_name, fallback_code) VALUES ('tlh', 'Klingon', 'tlhIngan Hol', 'tlh');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.language (code, name) VALUES ('tlh', 'Klingon');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'e1', 'Description', 'de', 'Beschreibung');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'e1', 'description', 'de', '');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value, origin)
VALUES ('exercise', :'e1', 'description', 'de', 'Beschreibung', 'machine');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.language (code, name, native_name, fallback_code) VALUES ('tlh', 'Klingon', 'tlhIngan Hol', 'xx');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.language (code, name, native_name) VALUES ('de', 'German', 'Deutsch');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'e1', 'description', 'xx', 'Beschreibung');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('banana', :'e1', 'name', 'de', 'Banane');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'e1', 'name', 'de', 'Becher-Kniebeuge');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- activity (append-only log, hash-partitioned by user_id)
-- =========================================================================================
INSERT INTO platform.activity (user_id, activity_type_id, entity_type) VALUES (:'u1', :'at_session_completed', 'workout');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.activity (user_id, activity_type_id, payload) VALUES (:'u1', :'at_session_completed', '[1, 2]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.activity (user_id, activity_type_id, visibility) VALUES (:'u1', :'at_session_completed', 'friends');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.activity (user_id, activity_type_id, payload) VALUES (:'u1', :'at_session_completed', '{"sets": 5');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.activity (user_id) VALUES (:'u1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.activity (user_id, activity_type_id) VALUES (:'u1', :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.activity (user_id, activity_type_id) VALUES (:'missing', :'at_session_completed');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- favorites: favorite_collection, favorite
-- =========================================================================================
INSERT INTO platform.favorite_collection (id, user_id, name) VALUES (:'fc2', :'u2', 'Leg day');
INSERT INTO platform.favorite (id, user_id, entity_type, entity_id) VALUES (:'fav1', :'u1', 'exercise', :'e1');
INSERT INTO platform.favorite_collection (user_id, name) VALUES (:'u1', '   ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.favorite (user_id, entity_type, entity_id, position) VALUES (:'u1', 'workout', :'w1', -1);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.favorite_collection (user_id, name) VALUES (:'u2', 'LEG DAY');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- one active favorite per user, entity and collection; "no collection" counts as one
INSERT INTO platform.favorite (user_id, entity_type, entity_id) VALUES (:'u1', 'exercise', :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a favorite can only be filed in a collection of the same user
INSERT INTO platform.favorite (user_id, entity_type, entity_id, collection_id) VALUES (:'u1', 'exercise', :'e1', :'fc2');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.favorite (user_id, entity_type, entity_id) VALUES (:'u1', 'banana', :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- ratings (e1 is u1's: u2 and u3 rate it)
-- =========================================================================================
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id)
VALUES (:'r1', :'u2', 'exercise', :'e1', 5, :'rs_published');
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
VALUES (:'u3', 'exercise', :'e1', 6, :'rs_published');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
VALUES (:'u3', 'exercise', :'e1', 'five', :'rs_published');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id, moderated_by)
VALUES (:'u3', 'exercise', :'e1', 4, :'rs_published', :'u1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.rating (user_id, entity_type, entity_id, score) VALUES (:'u3', 'exercise', :'e1', 4);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
VALUES (:'u2', 'exercise', :'e1', 4, :'rs_published');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
VALUES (:'u3', 'exercise', :'e1', 4, :'missing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- audit: audit_log (append-only, monthly partitions; a fixed old date lands in the default)
-- =========================================================================================
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id, operation)
VALUES ('2000-01-01 00:00+00', 'content', 'exercise', :'e1', 'UPSERT');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- (the partitions carry copies of the constraint: its comment is on the parent's)
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint
WHERE conname = 'audit_log_operation_allowed' AND conrelid = 'platform.audit_log'::regclass;
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, operation)
VALUES ('2000-01-01 00:00+00', 'content', 'exercise', 'UPDATE');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id, operation, new_data)
VALUES ('2000-01-01 00:00+00', 'content', 'exercise', :'e1', 'INSERT', '"name"');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id)
VALUES ('2000-01-01 00:00+00', 'content', 'exercise', :'e1');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.audit_log (occurred_at, table_schema, table_name, record_id, operation)
VALUES ('2000-13-01 00:00+00', 'content', 'exercise', :'e1', 'INSERT');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS refused_rows_in_log FROM platform.audit_log WHERE occurred_at < '2001-01-01';

-- =========================================================================================
-- notifications: notification_type, notification
-- =========================================================================================
INSERT INTO platform.notification (id, user_id, notification_type_id, channel, title, dedupe_key)
VALUES (:'n1', :'u1', :'nt_reminder', 'push', 'Time to train', 'reminder:u1:2024-01-01');
INSERT INTO platform.notification_type (code, name, default_channels, title_key, body_key)
VALUES ('fax_digest', 'Fax digest', '{fax}', 'notification.fax.title', 'notification.fax.body');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
VALUES (:'u1', :'nt_reminder', 'pigeon', 'Time to train');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, status)
VALUES (:'u1', :'nt_reminder', 'push', 'Time to train', 'sent');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, status, sent_at)
VALUES (:'u1', :'nt_reminder', 'push', 'Time to train', 'read', '2024-01-01 08:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, dedupe_key)
VALUES (:'u1', :'nt_reminder', 'push', 'Time to train', ' ');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel)
VALUES (:'u1', :'nt_reminder', 'push');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.notification (user_id, notification_type_id, channel, title, dedupe_key)
VALUES (:'u1', :'nt_reminder', 'in_app', 'Time to train', 'reminder:u1:2024-01-01');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.notification (user_id, notification_type_id, channel, title)
VALUES (:'u1', :'missing', 'push', 'Time to train');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- settings: system_setting, setting
-- =========================================================================================
INSERT INTO platform.setting (id, scope, scope_id, key, value) VALUES (:'set1', 'user', :'u1', 'units_default', '"imperial"');
INSERT INTO platform.system_setting (key, value, value_type, description)
VALUES ('Max.Sessions', '3', 'integer', 'Sessions a day');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type, description)
VALUES ('max_sessions', '"three"', 'integer', 'Sessions a day');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type, min_value, max_value, description)
VALUES ('max_sessions', '30', 'integer', 1, 10, 'Sessions a day');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type, min_value, max_value, description)
VALUES ('max_sessions', '3', 'integer', 10, 1, 'Sessions a day');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type, description)
VALUES ('theme', '"dark"', 'enum', 'Colour theme');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type, allowed_values, description)
VALUES ('theme', '"pink"', 'enum', '["dark", "light"]', 'Colour theme');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.system_setting (key, value, value_type) VALUES ('theme', '"dark"', 'string');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('team', :'u1', 'week_start', '"sunday"');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', :'u1', 'week_start', 'sunday');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.system_setting (key, value, value_type, allowed_values, description)
VALUES ('units_default', '"metric"', 'enum', '["metric", "imperial"]', 'Unit system for new users');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.setting (scope, scope_id, key, value) VALUES ('user', :'u1', 'units_default', '"metric"');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- errors: error_type, error
-- =========================================================================================
INSERT INTO platform.error (id, error_type_id, fingerprint, sqlstate, message)
VALUES (:'err1', :'et_constraint', 'fp-constraints-1', '23514', 'check violation');
INSERT INTO platform.error_type (code, name, severity) VALUES ('import.too_large', 'Import too large', 'fatal');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error_type (code, name, alert_threshold_per_hour) VALUES ('import.too_large', 'Import too large', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, sqlstate, message)
VALUES (:'et_constraint', 'fp-constraints-2', '2351', 'check violation');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, message, status)
VALUES (:'et_constraint', 'fp-constraints-2', 'check violation', 'resolved');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, message, first_seen_at, last_seen_at)
VALUES (:'et_constraint', 'fp-constraints-2', 'check violation', '2024-01-02 00:00+00', '2024-01-01 00:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, message, occurrence_count)
VALUES (:'et_constraint', 'fp-constraints-2', 'check violation', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, message, detail)
VALUES (:'et_constraint', 'fp-constraints-2', 'check violation', '["row"]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the duplicate key holds a seeded (generated) error_type_id: shown terse
INSERT INTO platform.error (error_type_id, fingerprint, message)
VALUES (:'et_constraint', 'fp-constraints-1', 'check violation again');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO platform.error_type (code, name) VALUES ('validation.constraint', 'Constraint violation');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.error (error_type_id, fingerprint, message) VALUES (:'missing', 'fp-constraints-3', 'unknown');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse

-- =========================================================================================
-- user progress: user_workout_session, user_set_log
-- =========================================================================================
INSERT INTO user_mgmt.user_workout_session (id, user_id, workout_id, status, started_at, ended_at)
VALUES (:'s1', :'u1', :'w1', 'completed', '2024-01-01 10:00+00', '2024-01-01 11:00+00');
INSERT INTO user_mgmt.user_set_log (id, session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe)
VALUES (:'sl1', :'s1', :'u1', :'e1', 1, 5, 100, 8);
-- a session cannot end before it started
INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at, ended_at)
VALUES (:'u1', 'completed', '2024-01-01 10:00+00', '2024-01-01 09:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'user_workout_session_ended_at_after_started_at';
INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at) VALUES (:'u1', 'completed', '2024-01-01 10:00+00');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_workout_session (user_id, status, started_at, perceived_exertion)
VALUES (:'u1', 'in_progress', '2024-01-01 10:00+00', 11);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES (:'s1', :'u1', :'e1', 2, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'user_set_log_reps_range';
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
VALUES (:'s1', :'u1', :'e1', 2, 5, -2.5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
VALUES (:'s1', :'u1', :'e1', 2, 5, 2000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg)
VALUES (:'s1', :'u1', :'e1', 2, 5, 100000);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rpe)
VALUES (:'s1', :'u1', :'e1', 2, 5, 7.3);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'user_set_log_rpe_half_steps';
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rpe)
VALUES (:'s1', :'u1', :'e1', 2, 5, 11);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, rpe)
VALUES (:'s1', :'u1', :'e1', 2, 5, 'hard');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, weight_kg)
VALUES (:'s1', :'u1', :'e1', 2, 100);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, reps) VALUES (:'s1', :'u1', :'e1', 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps)
VALUES (:'s1', :'u1', :'e1', 1, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- sets can only be logged into a session of the same user (composite foreign key)
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps)
VALUES (:'s1', :'u2', :'e1', 2, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps)
VALUES (:'s1', :'u1', :'missing', 2, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY terse
-- A multi-row INSERT whose last row is bad writes none of its rows.
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, rpe) VALUES
    (:'s1', :'u1', :'e1', 2, 5, 100, 8),
    (:'s1', :'u1', :'e1', 3, 5, 100, 8.5),
    (:'s1', :'u1', :'e1', 4, 5, 100, 9.25);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS batch_rows_written FROM user_mgmt.user_set_log WHERE session_id = :'s1' AND id <> :'sl1';
-- A transaction whose last statement fails: the statements after it are refused (25P02)
-- and ROLLBACK leaves none of its rows.
BEGIN;
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at)
VALUES (:'s2', :'u1', 'in_progress', '2024-01-02 10:00+00');
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg) VALUES
    (:'s2', :'u1', :'e1', 1, 5, 100),
    (:'s2', :'u1', :'e1', 2, 5, 105);
UPDATE user_mgmt.user_workout_session SET status = 'completed', ended_at = '2024-01-02 09:30+00'
WHERE id = :'s2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM user_mgmt.user_set_log WHERE session_id = :'s2';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT (SELECT count(*) FROM user_mgmt.user_workout_session WHERE id = :'s2') AS sessions,
       (SELECT count(*) FROM user_mgmt.user_set_log WHERE session_id = :'s2') AS set_logs;

-- =========================================================================================
-- Clean up the fixtures (children first: references to shared rows are RESTRICT).
-- =========================================================================================
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.notification', id)) AS hard_deleted FROM platform.notification WHERE user_id IN (:'u1', :'u2');
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.rating', id)) AS hard_deleted FROM platform.rating WHERE user_id IN (:'u1', :'u2');
-- the summary the server kept for the rated exercise (its count is 0 again)
SELECT count(*) FILTER (WHERE rating_count = 0 AND fitness.hard_delete('platform.rating_summary', id)) AS hard_deleted FROM platform.rating_summary WHERE entity_id = :'e1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.favorite', id)) AS hard_deleted FROM platform.favorite WHERE user_id IN (:'u1', :'u2');
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.favorite_collection', id)) AS hard_deleted FROM platform.favorite_collection WHERE user_id IN (:'u1', :'u2');
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.translation', id)) AS hard_deleted FROM platform.translation WHERE id = :'tr1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.translation_cache', id)) AS hard_deleted FROM platform.translation_cache WHERE id = :'tc1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.setting', id)) AS hard_deleted FROM platform.setting WHERE id = :'set1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('platform.error', id)) AS hard_deleted FROM platform.error WHERE id = :'err1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.user_workout_session', id)) AS hard_deleted FROM user_mgmt.user_workout_session WHERE user_id IN (:'u1', :'u2');
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.payment', id)) AS hard_deleted FROM user_mgmt.payment WHERE id = :'pay1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.subscription', id)) AS hard_deleted FROM user_mgmt.subscription WHERE id = :'sub1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.billing_plan', id)) AS hard_deleted FROM user_mgmt.billing_plan WHERE id = :'plan1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.user_goal', id)) AS hard_deleted FROM content.user_goal WHERE id = :'g1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.program', id)) AS hard_deleted FROM content.program WHERE id = :'p1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.workout', id)) AS hard_deleted FROM content.workout WHERE id = :'w1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.media', id)) AS hard_deleted FROM content.media WHERE id = :'m1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.exercise', id)) AS hard_deleted FROM content.exercise WHERE id = :'e1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.institution', id)) AS hard_deleted FROM user_mgmt.institution WHERE id = :'inst1';
SELECT count(*) FILTER (WHERE fitness.hard_delete('user_mgmt.app_user', id)) AS hard_deleted FROM user_mgmt.app_user WHERE id IN (:'u1', :'u2', :'u3', :'u4');
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.tag', id)) AS hard_deleted FROM core.tag WHERE id IN (:'tag1', :'tag2');
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.category', id)) AS hard_deleted FROM core.category WHERE id = :'cat1';

-- Every domain table holds exactly the rows it held before this test.
SELECT b.tbl, b.n AS rows_before, a.n AS rows_after
FROM rows_before b
JOIN LATERAL (
    SELECT (xpath('/row/n/text()',
                  query_to_xml(format('SELECT count(*) AS n FROM %s', b.tbl), false, true, '')
           ))[1]::text::bigint AS n
) a ON true
WHERE a.n IS DISTINCT FROM b.n
ORDER BY 1;
DROP TABLE rows_before;
