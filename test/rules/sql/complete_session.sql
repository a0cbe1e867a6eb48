-- fitness.complete_session and fitness.estimate_one_rm (src/rules/sessions.cpp) and goal
-- progress (src/rules/goals.cpp), on the demo's logged week: Tom trained four times and
-- wants a 110 kg back squat (estimated 1RM, baseline 90). His next session beats his squat
-- and bench records and reaches the goal.
SET TIME ZONE 'UTC';
SET datestyle = 'ISO, YMD';
-- (pg_regress runs psql in the repository root)
\set ECHO none
\set QUIET on
\i demo/sample.sql
\set QUIET off
\set ECHO all
\set ON_ERROR_STOP off
\set tom    01938000-0001-7000-8000-000000000004
\set olivia 01938000-0001-7000-8000-00000000000b
\set lena   01938000-0001-7000-8000-000000000003
\set g_tom  01938000-000b-7000-8000-000000000001
\set s_new  00000000-0000-7000-8000-0000000fc001
\set s_plan 00000000-0000-7000-8000-0000000fc002
\set s_drop 00000000-0000-7000-8000-0000000fc003
SELECT id AS squat FROM content.exercise WHERE slug = 'barbell-back-squat' AND owner_id IS NULL \gset
SELECT id AS bench FROM content.exercise WHERE slug = 'barbell-bench-press' AND owner_id IS NULL \gset
SELECT id AS row_ex FROM content.exercise WHERE slug = 'bent-over-barbell-row' AND owner_id IS NULL \gset
SELECT id AS pushup FROM content.exercise WHERE slug = 'push-up' AND owner_id IS NULL \gset

-- 1. The estimate: Epley and Brzycki, one rep is the weight, boundaries and bad input.
SELECT w, r, fitness.estimate_one_rm(w, r) AS epley, fitness.estimate_one_rm(w, r, 'brzycki') AS brzycki
  FROM (VALUES (100::numeric, 1), (100, 5), (80, 10), (0, 5), (1500, 36), (62.5, 3)) v (w, r);
SELECT fitness.estimate_one_rm(100, 1000) AS epley_1000_reps, fitness.estimate_one_rm(NULL, 5) AS null_weight,
       fitness.estimate_one_rm(100, NULL) AS null_reps, fitness.estimate_one_rm(100, 5, NULL) AS null_formula;
SELECT fitness.estimate_one_rm(100, 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.estimate_one_rm(100, 1001);
SELECT fitness.estimate_one_rm(-0.01, 5);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.estimate_one_rm(1500.01, 5);
SELECT fitness.estimate_one_rm('NaN', 5);
SELECT fitness.estimate_one_rm(100, 37, 'brzycki');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.estimate_one_rm(100, 5, 'Epley');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.estimate_one_rm(100, 5, 'lombardi; DROP TABLE x');

-- 2. Tom's week, as the demo loaded it: squat best 80 x 5, bench 60 x 6, the goal at 16.65 %.
SELECT title, status, progress_pct FROM content.user_goal WHERE id = :'g_tom';

-- 3. Tom logs today's session as himself: two squat warm-ups, 3 x 5 at 100 kg (estimated
--    1RM 116.67 beats 93.33, and the goal's 110), bench 60 kg for 8 (more reps at 60 kg than
--    his 6, and an estimate of 76 over his 72: two records), rows below his best, and
--    push-ups (bodyweight, never done by Tom: nothing to beat, no record).
BEGIN;
SELECT fitness.set_context(:'tom');
SET LOCAL ROLE fitness_app;
INSERT INTO user_mgmt.user_workout_session (id, user_id, name, status, started_at)
VALUES (:'s_new', :'tom', 'Full Body A, week 2', 'in_progress', now() - interval '70 minutes');
INSERT INTO user_mgmt.user_set_log (session_id, user_id, exercise_id, set_index, set_type, reps, weight_kg, performed_at)
SELECT :'s_new', :'tom', e, i, t, r, w, now() - interval '70 minutes' + i * interval '4 minutes'
  FROM (VALUES (:'squat'::uuid, 1, 'warmup', 10, 40.0), (:'squat', 2, 'warmup', 5, 70.0),
               (:'squat', 3, 'normal', 5, 100.0), (:'squat', 4, 'normal', 5, 100.0), (:'squat', 5, 'normal', 4, 100.0),
               (:'bench', 6, 'normal', 8, 60.0), (:'bench', 7, 'normal', 6, 60.0),
               (:'row_ex', 8, 'normal', 8, 50.0), (:'pushup', 9, 'normal', 20, NULL)) v (e, i, t, r, w);
SELECT fitness.complete_session(:'s_new') AS summary \gset
COMMIT;
SELECT s->>'status' AS status, s->>'completed_now' AS completed_now, s->>'sets' AS sets,
       s->>'total_volume_kg' AS total_volume_kg, s->>'duration_s' AS duration_s
  FROM (SELECT :'summary'::jsonb AS s) x;
SELECT x->>'name' AS exercise, x->>'sets' AS sets, x->>'volume_kg' AS volume_kg, x->>'best_estimated_one_rm_kg' AS best_e1rm
  FROM jsonb_array_elements((:'summary'::jsonb)->'exercises') x;
SELECT e.slug, r->>'kind' AS kind, r->>'value' AS value, r->>'load_kg' AS load_kg, r->>'previous' AS previous,
       l.set_index AS record_set
  FROM jsonb_array_elements((:'summary'::jsonb)->'personal_records') r
  JOIN content.exercise e ON e.id = (r->>'exercise_id')::uuid
  JOIN user_mgmt.user_set_log l ON l.id = (r->>'set_id')::uuid ORDER BY 1, 2;
SELECT g->>'title' AS goal, g->>'status' AS status, g->>'progress_pct' AS progress_pct, g->>'achieved_at' IS NOT NULL AS has_achieved_at
  FROM jsonb_array_elements((:'summary'::jsonb)->'goals') g;
-- what was stored: the session, 1RM per set (warm-ups and sets over 10 reps get none), flags
SELECT status, ended_at IS NOT NULL AS ended, duration_s BETWEEN 4190 AND 4210 AS duration_about_70_min, total_volume_kg
  FROM user_mgmt.user_workout_session WHERE id = :'s_new';
SELECT set_index, set_type, reps, weight_kg, estimated_one_rm_kg, is_personal_record
  FROM user_mgmt.user_set_log WHERE session_id = :'s_new' ORDER BY set_index;
SELECT metric, current_value FROM content.goal_metric WHERE user_goal_id = :'g_tom';
SELECT value, source FROM content.goal_metric_entry e JOIN content.goal_metric m ON m.id = e.goal_metric_id
 WHERE m.user_goal_id = :'g_tom' ORDER BY measured_at;
-- the events and activity rows, once each
SELECT event_type, count(*) FROM platform.system_event
 WHERE occurred_at > now() - interval '1 hour' AND event_type IN ('session.completed', 'personal_record.set', 'goal.achieved')
 GROUP BY 1 ORDER BY 1;
SELECT t.code, count(*) FROM platform.activity a JOIN platform.activity_type t ON t.id = a.activity_type_id
 WHERE a.user_id = :'tom' GROUP BY 1 ORDER BY 1;
SELECT payload = :'summary'::jsonb AS event_payload_is_summary FROM platform.system_event
 WHERE event_type = 'session.completed' AND aggregate_id = :'s_new';

-- 4. Called again: nothing changes, the same summary but completed_now false.
BEGIN;
SELECT fitness.set_context(:'tom');
SET LOCAL ROLE fitness_app;
SELECT fitness.complete_session(:'s_new') AS again \gset
COMMIT;
SELECT (:'again'::jsonb)->'completed_now' AS completed_now,
       (:'again'::jsonb) - 'completed_now' = (:'summary'::jsonb) - 'completed_now' AS same_summary;
SELECT event_type, count(*) FROM platform.system_event
 WHERE occurred_at > now() - interval '1 hour' AND event_type IN ('session.completed', 'personal_record.set', 'goal.achieved')
 GROUP BY 1 ORDER BY 1;
SELECT t.code, count(*) FROM platform.activity a JOIN platform.activity_type t ON t.id = a.activity_type_id
 WHERE a.user_id = :'tom' GROUP BY 1 ORDER BY 1;

-- 5. A later, lower measurement: a maximum (one_rm_kg) keeps its best, the goal stays achieved.
INSERT INTO content.goal_metric_entry (goal_metric_id, value, measured_at, source)
SELECT id, 95, now(), 'manual' FROM content.goal_metric WHERE user_goal_id = :'g_tom';
SELECT m.current_value, g.status, g.progress_pct FROM content.goal_metric m JOIN content.user_goal g ON g.id = m.user_goal_id
 WHERE g.id = :'g_tom';

-- 6. A planned session completes through in_progress; a session with no sets completes
--    with zero volume and no records.
BEGIN;
SELECT fitness.set_context(:'tom');
SET LOCAL ROLE fitness_app;
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at) VALUES (:'s_plan', :'tom', 'planned', NULL);
SELECT s->>'status' AS status, s->>'sets' AS sets, s->>'total_volume_kg' AS volume, s->'personal_records' AS records,
       (s->>'started_at') IS NOT NULL AS started
  FROM (SELECT fitness.complete_session(:'s_plan') AS s) x;
COMMIT;

-- 7. Refusals: NULL, an unknown id, someone else's session (hidden by row-level security),
--    a coach who may read Tom's sessions but not close them, an abandoned session.
SELECT fitness.complete_session(NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
BEGIN;
SELECT fitness.set_context(:'tom');
SET LOCAL ROLE fitness_app;
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at) VALUES (:'s_drop', :'tom', 'in_progress', now());
UPDATE user_mgmt.user_workout_session SET status = 'abandoned' WHERE id = :'s_drop';
SAVEPOINT s;
SELECT fitness.complete_session('00000000-0000-7000-8000-0000000fcfff');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK TO SAVEPOINT s;
SELECT fitness.complete_session(:'s_drop');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'olivia');
SET LOCAL ROLE fitness_app;
SELECT fitness.complete_session(:'s_new');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'lena', '01938000-0002-7000-8000-000000000001');
SET LOCAL ROLE fitness_app;
SELECT count(*) AS lena_reads_tom_sessions FROM user_mgmt.user_workout_session WHERE user_id = :'tom';
SELECT fitness.complete_session(:'s_new');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
-- without a context an application role sees no session at all
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.complete_session(:'s_new');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT has_function_privilege('public', 'fitness.complete_session(uuid)', 'EXECUTE') AS public_may_call;
