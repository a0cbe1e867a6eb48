-- Set logs (src/rules/set_logs.cpp): a set's measures fit its exercise's tracking type, the
-- exercise is active, the session is still open; the session is the user's own (foreign key
-- (session_id, user_id) and row-level security).
SET TIME ZONE 'UTC';
\set u    '00000000-0000-7000-8000-0000000fb001'
\set u2   '00000000-0000-7000-8000-0000000fb002'
\set s1   '00000000-0000-7000-8000-0000000fb101'
\set s2   '00000000-0000-7000-8000-0000000fb102'
\set sx   '00000000-0000-7000-8000-0000000fb103'
\set e_rw '00000000-0000-7000-8000-0000000fb201'
\set e_r  '00000000-0000-7000-8000-0000000fb202'
\set e_d  '00000000-0000-7000-8000-0000000fb203'
\set e_m  '00000000-0000-7000-8000-0000000fb204'
\set e_dm '00000000-0000-7000-8000-0000000fb205'
\set e_x  '00000000-0000-7000-8000-0000000fb206'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Logger', 'logger@setlogs.test'), (:'u2', 'Other', 'other@setlogs.test');
INSERT INTO content.exercise (id, slug, name, owner_id, tracking_type, load_mode) VALUES
    (:'e_rw', 'sl-squat', 'Squat', :'u', 'reps_weight', 'external'),
    (:'e_r', 'sl-pushup', 'Push-up', :'u', 'reps', 'bodyweight'),
    (:'e_d', 'sl-plank', 'Plank', :'u', 'duration', 'bodyweight'),
    (:'e_m', 'sl-row', 'Rowing machine', :'u', 'distance', 'external'),
    (:'e_dm', 'sl-run', 'Run', :'u', 'duration_distance', 'bodyweight'),
    (:'e_x', 'sl-gone', 'Deleted one', :'u', 'reps', 'bodyweight'),
    ('00000000-0000-7000-8000-0000000fb207', 'sl-private', 'Someone else''s', :'u2', 'duration', 'bodyweight');
DELETE FROM content.exercise WHERE id = :'e_x';
INSERT INTO content.workout (id, owner_id, name, visibility) VALUES ('00000000-0000-7000-8000-0000000fb4a0', :'u2', 'Private plan', 'private');
INSERT INTO content.workout_set (id, workout_id, position, exercise_id)
VALUES ('00000000-0000-7000-8000-0000000fb4a1', '00000000-0000-7000-8000-0000000fb4a0', 1, '00000000-0000-7000-8000-0000000fb202');
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at) VALUES
    (:'s1', :'u', 'in_progress', now()), (:'sx', :'u2', 'in_progress', now());
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at, ended_at) VALUES
    (:'s2', :'u', 'completed', now() - interval '2 days', now() - interval '2 days' + interval '1 hour');
CREATE FUNCTION public.set_log_violation(stmt text) RETURNS TABLE (state text, rule text, message text)
LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE stmt;
  state := 'accepted';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME, message = MESSAGE_TEXT;
  message := regexp_replace(message, '[0-9a-f]{8}-[0-9a-f-]{27}', '<id>', 'g');
  RETURN NEXT;
END $f$;
-- log(exercise, reps, weight, duration, distance): one set into s1 as the user, the result
CREATE FUNCTION public.log_set(exercise uuid, reps int, weight numeric, duration int, distance numeric,
                               session uuid DEFAULT '00000000-0000-7000-8000-0000000fb101')
RETURNS TABLE (state text, rule text, message text) LANGUAGE sql AS $f$
  SELECT * FROM public.set_log_violation(format(
    'INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, duration_s, distance_m)'
    ' VALUES (%L, %L, %L, (SELECT coalesce(max(set_index), 0) + 1 FROM user_mgmt.user_set_log WHERE session_id = %L), %s, %s, %s, %s)',
    session, '00000000-0000-7000-8000-0000000fb001', exercise, session,
    coalesce(reps::text, 'NULL'), coalesce(weight::text, 'NULL'), coalesce(duration::text, 'NULL'), coalesce(distance::text, 'NULL')))
$f$;

-- 1. Each tracking type: what it takes, and the first thing it refuses.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT t.type, t.what, r.*
  FROM (VALUES
    ('reps_weight', 'reps and weight', :'e_rw'::uuid, 5, 100.0, NULL::int, NULL::numeric),
    ('reps_weight', 'reps, no load', :'e_rw', 8, NULL, NULL, NULL),
    ('reps_weight', 'weight, no reps', :'e_rw', NULL, 100.0, 30, NULL),
    ('reps_weight', 'reps and a duration', :'e_rw', 5, 100.0, 30, NULL),
    ('reps_weight', 'reps and a distance', :'e_rw', 5, 100.0, NULL, 10),
    ('reps', 'reps', :'e_r', 20, NULL, NULL, NULL),
    ('reps', 'reps and weight', :'e_r', 20, 10, NULL, NULL),
    ('reps', 'a duration', :'e_r', NULL, NULL, 60, NULL),
    ('duration', 'a duration', :'e_d', NULL, NULL, 60, NULL),
    ('duration', 'a duration and reps', :'e_d', 1, NULL, 60, NULL),
    ('duration', 'a duration and a distance', :'e_d', NULL, NULL, 60, 100),
    ('distance', 'a distance', :'e_m', NULL, NULL, NULL, 2000),
    ('distance', 'a distance and its time', :'e_m', NULL, NULL, 480, 2000),
    ('distance', 'a time only', :'e_m', NULL, NULL, 480, NULL),
    ('distance', 'a distance and a weight', :'e_m', NULL, 20, NULL, 2000),
    ('duration_distance', 'both', :'e_dm', NULL, NULL, 1800, 5000),
    ('duration_distance', 'a distance only', :'e_dm', NULL, NULL, NULL, 5000),
    ('duration_distance', 'a duration only', :'e_dm', NULL, NULL, 1800, NULL),
    ('duration_distance', 'both and reps', :'e_dm', 1, NULL, 1800, 5000)
  ) t (type, what, exercise, reps, weight, duration, distance),
  LATERAL public.log_set(t.exercise, t.reps, t.weight, t.duration, t.distance) r;
-- the table's own ranges stay the table's CHECKs: the boundaries
SELECT t.what, r.state, r.rule
  FROM (VALUES ('1 rep', 1, 100.0), ('1000 reps', 1000, 0.0), ('0 reps', 0, 100.0), ('1001 reps', 1001, 100.0),
               ('1500 kg', 1, 1500.0), ('1500.01 kg', 1, 1500.01), ('-0.01 kg', 1, -0.01)) t (what, reps, weight),
  LATERAL public.log_set(:'e_rw', t.reps, t.weight, NULL, NULL) r;
-- a deleted exercise (an application user sees no deleted row: "not found"; an operator
-- is told it is deleted)
SELECT * FROM public.log_set(:'e_x', 5, NULL, NULL, NULL);
-- another user's private exercise: "not found", its tracking type is not told; also with
-- measures that fit it (a duration): nobody logs sets of an exercise they cannot read
SELECT * FROM public.log_set('00000000-0000-7000-8000-0000000fb207', 5, NULL, NULL, NULL);
SELECT * FROM public.log_set('00000000-0000-7000-8000-0000000fb207', NULL, NULL, 60, NULL);
-- a multi-row INSERT with one bad row writes none
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, duration_s)
  VALUES ('00000000-0000-7000-8000-0000000fb101', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb202', 900, 10, NULL),
         ('00000000-0000-7000-8000-0000000fb101', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb202', 901, NULL, 30)$$);
SELECT count(*) AS rows_900 FROM user_mgmt.user_set_log WHERE session_id = :'s1' AND set_index >= 900;
-- an UPDATE is checked too: a push-up set given a duration instead of reps
SELECT * FROM public.set_log_violation($$UPDATE user_mgmt.user_set_log SET reps = NULL, duration_s = 40
  WHERE session_id = '00000000-0000-7000-8000-0000000fb101' AND exercise_id = '00000000-0000-7000-8000-0000000fb202'$$);
COMMIT;

-- 2. Only into one's own, open session: another user's (the foreign key and RLS), a
--    completed one; its sets may still be corrected or deleted, not moved into it.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.log_set(:'e_r', 10, NULL, NULL, NULL, :'sx');
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps)
  VALUES ('00000000-0000-7000-8000-0000000fb103', '00000000-0000-7000-8000-0000000fb002', '00000000-0000-7000-8000-0000000fb202', 1, 10)$$);
SELECT * FROM public.log_set(:'e_r', 10, NULL, NULL, NULL, :'s2');
COMMIT;
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps) VALUES (:'s2', :'u', :'e_r', 1, 12);
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$UPDATE user_mgmt.user_set_log SET notes = 'felt easy' WHERE session_id = '00000000-0000-7000-8000-0000000fb102'$$);
SELECT * FROM public.set_log_violation($$UPDATE user_mgmt.user_set_log SET reps = 15 WHERE session_id = '00000000-0000-7000-8000-0000000fb102'$$);
SELECT * FROM public.set_log_violation($$DELETE FROM user_mgmt.user_set_log WHERE session_id = '00000000-0000-7000-8000-0000000fb102'$$);
SELECT reps, notes FROM user_mgmt.user_set_log WHERE session_id = :'s2';
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$UPDATE user_mgmt.user_set_log SET session_id = '00000000-0000-7000-8000-0000000fb102' WHERE session_id = '00000000-0000-7000-8000-0000000fb101' AND exercise_id = '00000000-0000-7000-8000-0000000fb202'$$);
ROLLBACK;
-- an operator adds to a closed session (an import, a restore)
BEGIN;
SET LOCAL ROLE fitness_admin;
SELECT * FROM public.log_set(:'e_r', 10, NULL, NULL, NULL, :'s2');
ROLLBACK;
-- a set inserted already deleted is checked like any other (a restore would bring it
-- back): not into a closed session, not for an exercise one cannot read, not with measures
-- that do not fit; and a restore checks exercise and measures again
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, is_active, deleted_at)
  VALUES ('00000000-0000-7000-8000-0000000fb102', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb202', 50, 10, false, now())$$);
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, duration_s, is_active, deleted_at)
  VALUES ('00000000-0000-7000-8000-0000000fb101', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb207', 50, 60, false, now())$$);
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, reps, weight_kg, is_active, deleted_at)
  VALUES ('00000000-0000-7000-8000-0000000fb101', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb202', 50, 10, 20, false, now())$$);
ROLLBACK;
BEGIN;
-- a planned workout set of another user's private workout: "not found" (the foreign key
-- alone would accept it, and tell that it exists)
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, workout_set_id, set_index, reps)
  VALUES ('00000000-0000-7000-8000-0000000fb101', '00000000-0000-7000-8000-0000000fb001', '00000000-0000-7000-8000-0000000fb202', '00000000-0000-7000-8000-0000000fb4a1', 60, 10)$$);
RESET ROLE;
-- a deleted set of an exercise its user can no longer read: restoring it is refused too
-- (the restore reactivates rows as the table owner; the rules judge the caller)
INSERT INTO user_mgmt.user_set_log (id, session_id, user_id, exercise_id, set_index, duration_s, is_active, deleted_at, deleted_by)
VALUES ('00000000-0000-7000-8000-0000000fb3fe', :'s1', :'u', '00000000-0000-7000-8000-0000000fb207', 52, 60, false, now(), :'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$SELECT fitness.restore('user_mgmt.user_set_log', '00000000-0000-7000-8000-0000000fb3fe')$$);
RESET ROLE;
-- a set deleted from the completed session s2 cannot be restored alone (a set added to a
-- closed session); restoring the whole session brings its sets back
INSERT INTO user_mgmt.user_set_log (id, session_id, user_id, exercise_id, set_index, reps, is_active, deleted_at, deleted_by)
VALUES ('00000000-0000-7000-8000-0000000fb3fd', :'s2', :'u', :'e_r', 53, 10, false, now(), :'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$SELECT fitness.restore('user_mgmt.user_set_log', '00000000-0000-7000-8000-0000000fb3fd')$$);
SAVEPOINT whole_session;
DELETE FROM user_mgmt.user_workout_session WHERE id = :'s2';
SELECT fitness.restore('user_mgmt.user_workout_session', :'s2') >= 2 AS session_restored_with_its_sets;
SELECT count(*) AS active_sets_of_s2 FROM user_mgmt.user_set_log WHERE session_id = :'s2' AND is_active;
ROLLBACK TO SAVEPOINT whole_session;
RESET ROLE;
-- a deleted set that does not fit (loaded with the triggers off); its user cannot restore it
SELECT fitness.set_context(:'u');
SET LOCAL session_replication_role = replica;
INSERT INTO user_mgmt.user_set_log (id, session_id, user_id, exercise_id, set_index, reps, weight_kg, is_active, deleted_at, deleted_by)
VALUES ('00000000-0000-7000-8000-0000000fb3ff', :'s1', :'u', :'e_r', 51, 10, 20, false, now(), :'u');
SET LOCAL session_replication_role = origin;
SET LOCAL ROLE fitness_app;
SELECT * FROM public.set_log_violation($$SELECT fitness.restore('user_mgmt.user_set_log', '00000000-0000-7000-8000-0000000fb3ff')$$);
ROLLBACK;

-- 3. A DBA changes an exercise's tracking type: the next set is checked against the new one.
SELECT * FROM public.log_set(:'e_d', NULL, NULL, 45, NULL);
UPDATE content.exercise SET tracking_type = 'reps' WHERE id = :'e_d';
SELECT * FROM public.log_set(:'e_d', NULL, NULL, 45, NULL);
SELECT * FROM public.log_set(:'e_d', 3, NULL, NULL, NULL);
UPDATE content.exercise SET tracking_type = 'duration' WHERE id = :'e_d';
SELECT cache_name, hits > 0 AS used, invalidations > 0 AS invalidated FROM fitness.cache_stats() WHERE cache_name = 'set_log_exercises';
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE rule LIKE 'set_log%' ORDER BY 1;
