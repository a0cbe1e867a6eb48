-- Workout and program structure (src/rules/workouts.cpp, src/rules/programs.cpp): deferred
-- constraint triggers check at commit that a workout's sets take positions 1..n and that its
-- superset groups are sound; that a program's schedule lies within duration_weeks, schedules
-- only workouts its owner may use, and, once published, has a workout on every training day.
-- attempt() runs statements and SET CONSTRAINTS ALL IMMEDIATE in a subtransaction: the
-- deferred checks run there, and a refusal undoes all of it.
SET TIME ZONE 'UTC';
\set u   '00000000-0000-7000-8000-0000000f9601'
\set u2  '00000000-0000-7000-8000-0000000f9602'
\set e1  '00000000-0000-7000-8000-0000000f9611'
\set e2  '00000000-0000-7000-8000-0000000f9612'
\set w   '00000000-0000-7000-8000-0000000f9621'
\set wb  '00000000-0000-7000-8000-0000000f9622'
\set wx  '00000000-0000-7000-8000-0000000f9623'
\set p   '00000000-0000-7000-8000-0000000f9631'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Coach', 'coach@structure.test'), (:'u2', 'Other', 'other@structure.test');
INSERT INTO content.exercise (id, slug, name, tracking_type, visibility, status) VALUES
    (:'e1', 'structure-squat', 'Squat', 'reps_weight', 'public', 'published'),
    (:'e2', 'structure-row', 'Row', 'reps_weight', 'public', 'published');
INSERT INTO content.workout (id, owner_id, name, visibility) VALUES
    (:'w', :'u', 'Legs', 'private'), (:'wb', :'u', 'Back', 'private'), (:'wx', :'u2', 'Not yours', 'private');
CREATE FUNCTION public.attempt(stmts text) RETURNS TABLE (state text, rule text, message text)
LANGUAGE plpgsql AS $f$
BEGIN
  EXECUTE stmts;
  SET CONSTRAINTS ALL IMMEDIATE;
  SET CONSTRAINTS ALL DEFERRED;
  state := 'accepted';
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME, message = MESSAGE_TEXT;
  SET CONSTRAINTS ALL DEFERRED;
  message := regexp_replace(message, '[0-9a-f]{8}-[0-9a-f-]{27}', '<id>', 'g');
  RETURN NEXT;
END $f$;
GRANT EXECUTE ON FUNCTION public.attempt(text) TO fitness_app;
CREATE VIEW positions AS
SELECT workout_id, string_agg(position::text || ':' || exercise_id::text, ' ' ORDER BY position) AS sets
  FROM content.workout_set WHERE is_active GROUP BY workout_id;
\x on

-- 1. Positions, as the workout's owner through the application: 1..3 in one statement;
--    then 5 (gap at 4) refused, 4 accepted.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM attempt($$INSERT INTO content.workout_set (workout_id, position, exercise_id)
  SELECT '00000000-0000-7000-8000-0000000f9621', g, '00000000-0000-7000-8000-0000000f9611' FROM generate_series(1, 3) g$$);
SELECT * FROM attempt($$INSERT INTO content.workout_set (workout_id, position, exercise_id)
  VALUES ('00000000-0000-7000-8000-0000000f9621', 5, '00000000-0000-7000-8000-0000000f9611')$$);
SELECT * FROM attempt($$INSERT INTO content.workout_set (workout_id, position, exercise_id)
  VALUES ('00000000-0000-7000-8000-0000000f9621', 4, '00000000-0000-7000-8000-0000000f9612')$$);
COMMIT;
SELECT count(*) AS sets_of_w FROM content.workout_set WHERE workout_id = :'w' AND is_active;

-- 2. Removing set 2: alone it leaves a gap; with the rest renumbered in the same
--    transaction it is accepted. Sets inserted out of order (2 before 1) are fine at commit.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM attempt($$DELETE FROM content.workout_set WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 2$$);
SELECT * FROM attempt($$DELETE FROM content.workout_set WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 2;
  UPDATE content.workout_set SET position = 2 WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 3 AND is_active;
  UPDATE content.workout_set SET position = 3 WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 4 AND is_active$$);
SELECT * FROM attempt($$INSERT INTO content.workout_set (workout_id, position, exercise_id)
  VALUES ('00000000-0000-7000-8000-0000000f9622', 2, '00000000-0000-7000-8000-0000000f9612');
  INSERT INTO content.workout_set (workout_id, position, exercise_id)
  VALUES ('00000000-0000-7000-8000-0000000f9622', 1, '00000000-0000-7000-8000-0000000f9611')$$);
COMMIT;
SELECT workout_id = :'w' AS is_w, regexp_replace(sets, '[0-9a-f]{8}-[0-9a-f-]{27}', 'e', 'g') AS sets
  FROM positions WHERE workout_id IN (:'w', :'wb') ORDER BY 1;
-- moving a set to another workout leaves a gap behind: refused
SELECT * FROM attempt($$UPDATE content.workout_set SET workout_id = '00000000-0000-7000-8000-0000000f9622', position = 3
  WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 1$$);

-- 3. The check runs at COMMIT when nothing asked earlier: the transaction fails there and
--    leaves nothing.
\x off
BEGIN;
INSERT INTO content.workout_set (workout_id, position, exercise_id) VALUES (:'w', 9, :'e1');
COMMIT;
SELECT count(*) AS set_at_9 FROM content.workout_set WHERE workout_id = :'w' AND position = 9;
-- a check that passed inside a savepoint rolled back does not count: the gap made before the
-- savepoint is checked again at COMMIT (also when the fix was in a PL/pgSQL exception block)
BEGIN;
UPDATE content.workout_set SET position = 5 WHERE workout_id = :'w' AND position = 3;
SAVEPOINT fix;
UPDATE content.workout_set SET position = 3 WHERE workout_id = :'w' AND position = 5;
SET CONSTRAINTS ALL IMMEDIATE;
SET CONSTRAINTS ALL DEFERRED;
ROLLBACK TO SAVEPOINT fix;
COMMIT;
BEGIN;
UPDATE content.workout_set SET position = 5 WHERE workout_id = :'w' AND position = 3;
DO $$ BEGIN
  UPDATE content.workout_set SET position = 3 WHERE workout_id = '00000000-0000-7000-8000-0000000f9621' AND position = 5;
  SET CONSTRAINTS ALL IMMEDIATE;
  RAISE EXCEPTION 'undo';
EXCEPTION WHEN raise_exception THEN SET CONSTRAINTS ALL DEFERRED;
END $$;
COMMIT;
SELECT string_agg(position::text, ', ' ORDER BY position) AS positions_of_w FROM content.workout_set WHERE workout_id = :'w' AND is_active;
\x on

-- 4. Supersets: group 1 pairs two exercises with 3 rounds each (accepted); one exercise
--    alone, or rounds 3 and 4, are refused.
SELECT * FROM attempt($$UPDATE content.workout_set SET superset_group = 1, rounds = 3 WHERE workout_id = '00000000-0000-7000-8000-0000000f9622'$$);
SELECT * FROM attempt($$UPDATE content.workout_set SET superset_group = 2 WHERE workout_id = '00000000-0000-7000-8000-0000000f9622' AND position = 1$$);
SELECT * FROM attempt($$UPDATE content.workout_set SET rounds = 4 WHERE workout_id = '00000000-0000-7000-8000-0000000f9622' AND position = 2$$);
SELECT * FROM attempt($$UPDATE content.workout_set SET superset_group = 1 WHERE workout_id = '00000000-0000-7000-8000-0000000f9621'$$);
-- deleting the whole workout takes its sets along: nothing left to check
SELECT * FROM attempt($$DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000f9621'$$);
SELECT fitness.restore('content.workout', :'w');

-- 5. Program weeks: a 2-week program takes week 2, not week 3; duration_weeks cannot drop
--    below a scheduled week.
INSERT INTO content.program (id, owner_id, name, duration_weeks, days_per_week, visibility)
VALUES (:'p', :'u', 'Two weeks', 2, 3, 'private');
SELECT * FROM attempt($$INSERT INTO content.program_schedule (program_id, week_number, day_number, is_rest_day)
  VALUES ('00000000-0000-7000-8000-0000000f9631', 1, 1, false), ('00000000-0000-7000-8000-0000000f9631', 2, 1, false),
         ('00000000-0000-7000-8000-0000000f9631', 2, 2, true)$$);
SELECT * FROM attempt($$INSERT INTO content.program_schedule (program_id, week_number, day_number)
  VALUES ('00000000-0000-7000-8000-0000000f9631', 3, 1)$$);
SELECT * FROM attempt($$UPDATE content.program SET duration_weeks = 1 WHERE id = '00000000-0000-7000-8000-0000000f9631'$$);

-- 6. Scheduled workouts: the owner's own are usable; another user's private workout is not,
--    nor a deleted one.
SELECT * FROM attempt($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id)
  SELECT id, '00000000-0000-7000-8000-0000000f9621' FROM content.program_schedule
   WHERE program_id = '00000000-0000-7000-8000-0000000f9631' AND week_number = 1$$);
SELECT * FROM attempt($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id)
  SELECT id, '00000000-0000-7000-8000-0000000f9623' FROM content.program_schedule
   WHERE program_id = '00000000-0000-7000-8000-0000000f9631' AND week_number = 2 AND day_number = 1$$);
-- a private workout of the program's institution, not the owner's: refused too, with the
-- same message as a deleted one (nothing told about a workout the owner cannot read)
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('00000000-0000-7000-8000-0000000f9641', 'Structure Gym', 'structure-gym');
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility) VALUES
    ('00000000-0000-7000-8000-0000000f9624', :'u2', '00000000-0000-7000-8000-0000000f9641', 'Staff only', 'private'),
    ('00000000-0000-7000-8000-0000000f9625', NULL, '00000000-0000-7000-8000-0000000f9641', 'Gym library', 'institution');
INSERT INTO content.program (id, owner_id, institution_id, name, duration_weeks, days_per_week, visibility)
VALUES ('00000000-0000-7000-8000-0000000f9632', :'u', '00000000-0000-7000-8000-0000000f9641', 'Gym plan', 1, 1, 'institution');
INSERT INTO content.program_schedule (id, program_id, week_number, day_number)
VALUES ('00000000-0000-7000-8000-0000000f9651', '00000000-0000-7000-8000-0000000f9632', 1, 1);
SELECT * FROM attempt($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id)
  VALUES ('00000000-0000-7000-8000-0000000f9651', '00000000-0000-7000-8000-0000000f9624')$$);
SELECT * FROM attempt($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id)
  VALUES ('00000000-0000-7000-8000-0000000f9651', '00000000-0000-7000-8000-0000000f9625')$$);
SELECT * FROM attempt($$UPDATE content.workout SET is_active = false, deleted_at = now() WHERE id = '00000000-0000-7000-8000-0000000f9621';
  UPDATE content.program SET name = 'Two weeks!' WHERE id = '00000000-0000-7000-8000-0000000f9631';
  UPDATE content.schedule_workout SET notes = 'check' WHERE workout_id = '00000000-0000-7000-8000-0000000f9621'$$);

-- 7. Publishing: week 2 day 1 is a training day without a workout (refused); with one, or
--    as a rest day, the program publishes; afterwards its last workout of a training day
--    cannot be taken away.
SELECT * FROM attempt($$UPDATE content.program SET status = 'published' WHERE id = '00000000-0000-7000-8000-0000000f9631'$$);
SELECT * FROM attempt($$INSERT INTO content.schedule_workout (program_schedule_id, workout_id)
  SELECT id, '00000000-0000-7000-8000-0000000f9622' FROM content.program_schedule
   WHERE program_id = '00000000-0000-7000-8000-0000000f9631' AND week_number = 2 AND day_number = 1;
  UPDATE content.program SET status = 'published' WHERE id = '00000000-0000-7000-8000-0000000f9631'$$);
SELECT * FROM attempt($$DELETE FROM content.schedule_workout WHERE workout_id = '00000000-0000-7000-8000-0000000f9622'$$);
SELECT * FROM attempt($$DELETE FROM content.schedule_workout WHERE workout_id = '00000000-0000-7000-8000-0000000f9622';
  UPDATE content.program_schedule SET is_rest_day = true WHERE program_id = '00000000-0000-7000-8000-0000000f9631' AND week_number = 2 AND day_number = 1$$);
SELECT status FROM content.program WHERE id = :'p';
\x off
SELECT rule, table_name, sqlstate FROM fitness.business_rules()
 WHERE table_name IN ('content.workout_set', 'content.program', 'content.program_schedule', 'content.schedule_workout')
 ORDER BY rule;
DROP VIEW positions;
DROP FUNCTION public.attempt(text);
