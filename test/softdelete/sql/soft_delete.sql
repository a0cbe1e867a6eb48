-- Soft delete: DELETE keeps rows and cascades; RESTRICT keys refuse; restore brings back
-- exactly what one delete took; purge and hard_delete for admins; RLS interplay.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
\set ECHO none
\i demo/sample.sql
\set ON_ERROR_STOP off
\set ECHO all
CREATE TEMP VIEW state AS
SELECT 'program' AS tbl, count(*) FILTER (WHERE is_active) AS active, count(*) FILTER (WHERE NOT is_active) AS inactive
  FROM content.program WHERE id = :'p_found'
UNION ALL SELECT 'program_schedule', count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE NOT is_active)
  FROM content.program_schedule WHERE program_id = :'p_found'
UNION ALL SELECT 'schedule_workout', count(*) FILTER (WHERE sw.is_active), count(*) FILTER (WHERE NOT sw.is_active)
  FROM content.schedule_workout sw JOIN content.program_schedule ps ON ps.id = sw.program_schedule_id
  WHERE ps.program_id = :'p_found'
UNION ALL SELECT 'favorite of the program', count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE NOT is_active)
  FROM platform.favorite WHERE entity_type = 'program' AND entity_id = :'p_found'
UNION ALL SELECT 'workout', count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE NOT is_active)
  FROM content.workout WHERE id = :'w_a'
UNION ALL SELECT 'workout_set', count(*) FILTER (WHERE is_active), count(*) FILTER (WHERE NOT is_active)
  FROM content.workout_set WHERE workout_id = :'w_a'
UNION ALL SELECT 'exercise_instruction', count(*) FILTER (WHERE i.is_active), count(*) FILTER (WHERE NOT i.is_active)
  FROM content.exercise_instruction i JOIN content.workout_set s ON s.id = i.workout_set_id WHERE s.workout_id = :'w_a';

-- Fixture: a coaching cue under the first set of workout A, and one set of A soft-deleted a
-- day ago (restore must leave that one alone).
INSERT INTO content.exercise_instruction (workout_set_id, instruction)
SELECT id, 'Brace before every rep' FROM content.workout_set WHERE workout_id = :'w_a' ORDER BY position LIMIT 1;
UPDATE content.workout_set SET is_active = false, deleted_at = now() - interval '1 day'
WHERE id = (SELECT id FROM content.workout_set WHERE workout_id = :'w_a' ORDER BY position DESC LIMIT 1);
SELECT * FROM state;

-- A row still referenced through a RESTRICT key by an active row cannot be deleted.
DELETE FROM content.program WHERE id = :'p_found';
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Soft-delete the enrolment, then the program: the row stays, is_active false, deleted_at
-- and deleted_by set; three levels of children and the polymorphic favorite follow.
BEGIN;
SELECT fitness.set_context(:'u_lena');
DELETE FROM user_mgmt.user_program_enrollment WHERE id = :'enr_tom';
DELETE FROM content.program WHERE id = :'p_found';
COMMIT;
SELECT * FROM state;
SELECT deleted_by = :'u_lena' AS deleted_by_actor, deleted_at IS NOT NULL AS has_deleted_at
FROM content.program WHERE id = :'p_found';
SELECT table_name, operation, count(*) FROM platform.audit_log
WHERE operation = 'SOFT_DELETE' AND table_name IN ('program', 'program_schedule', 'schedule_workout', 'favorite')
GROUP BY 1, 2 ORDER BY 1;

-- Workout A (its schedule entries are gone now, so no RESTRICT key holds it).
DELETE FROM content.workout WHERE id = :'w_a';
SELECT * FROM state WHERE tbl IN ('workout', 'workout_set', 'exercise_instruction');
-- its ratings stay (other people's, hidden with the workout by the policies), and so does
-- its rating summary: an author cannot drop reviews by deleting and restoring
SELECT entity_type, rating_count, average FROM platform.rating_summary WHERE entity_id = :'w_a' AND is_active;

-- restore: the row and what its cascade took, not the set deleted a day earlier.
SELECT fitness.restore('content.workout', :'w_a') AS rows_restored;
SELECT * FROM state WHERE tbl IN ('workout', 'workout_set', 'exercise_instruction');
SELECT fitness.restore('content.workout', :'w_a') AS restoring_again;
SELECT fitness.restore('content.program', :'p_found') AS program_rows_restored;
-- the ratings count as before
SELECT entity_type, rating_count, average FROM platform.rating_summary
 WHERE entity_id IN (:'w_a', :'p_found') AND is_active ORDER BY 1;
SELECT * FROM state WHERE tbl LIKE 'program%' OR tbl LIKE 'schedule%' OR tbl LIKE 'favorite%';
SELECT fitness.restore('content.workout', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.restore('platform.audit_log', :'w_a');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a table with the right columns but without the soft-delete trigger is not served either
CREATE TABLE public.sd_probe (id uuid, is_active boolean, deleted_at timestamptz);
SELECT fitness.restore('public.sd_probe', :'w_a');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
DROP TABLE public.sd_probe;

-- Natural keys are unique among active rows: a code is reusable after soft delete, and
-- restoring into the conflict fails with 23505 naming the key.
INSERT INTO core.tag (id, code, name) VALUES ('00000000-0000-7000-8000-0000000b0001', 'reuse_me', 'First');
DELETE FROM core.tag WHERE id = '00000000-0000-7000-8000-0000000b0001';
INSERT INTO core.tag (id, code, name) VALUES ('00000000-0000-7000-8000-0000000b0002', 'reuse_me', 'Second');
SELECT fitness.restore('core.tag', '00000000-0000-7000-8000-0000000b0001');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- Through a prepared statement, as ORMs do.
PREPARE delete_tag(uuid) AS DELETE FROM core.tag WHERE id = $1;
EXECUTE delete_tag('00000000-0000-7000-8000-0000000b0002');
SELECT code, is_active FROM core.tag WHERE code = 'reuse_me' ORDER BY id;

-- RLS: a member may not delete the coach's workout (42501); the coach, its owner, may,
-- although the policies hide inactive rows from her right after.
BEGIN;
SELECT fitness.set_context(:'u_tom');
SET LOCAL ROLE fitness_app;
SELECT count(*) AS tom_sees_workout_b FROM content.workout WHERE id = :'w_b';
DELETE FROM content.workout WHERE id = :'w_b';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'u_lena');
SET LOCAL ROLE fitness_app;
DELETE FROM content.workout WHERE id = :'w_fin';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'u_lena');
SET LOCAL ROLE fitness_app;
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility)
VALUES ('00000000-0000-7000-8000-0000000b1001', :'u_lena', :'i_gym', 'Scratch workout', 'private');
DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000b1001';
SELECT count(*) AS lena_sees_deleted_workout FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000b1001';
COMMIT;
SELECT is_active, deleted_by = :'u_lena' AS by_lena FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000b1001';
-- she restores it (owner); for another member, who could not see the workout even if it were
-- active, there is nothing to restore (0, as for an unknown id) and the row stays deleted
BEGIN;
SELECT fitness.set_context(:'u_tom');
SET LOCAL ROLE fitness_app;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-0000000b1001') AS tom_restored;
ROLLBACK;
SELECT is_active AS still_deleted FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000b1001';
BEGIN;
SELECT fitness.set_context(:'u_lena');
SET LOCAL ROLE fitness_app;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-0000000b1001') AS lena_restored;
SELECT count(*) AS visible_again FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000b1001';
COMMIT;

-- TRUNCATE stays a hard operation the application may not run; fitness_admin may, and it
-- is audited.
SET ROLE fitness_app;
TRUNCATE content.exercise_instruction;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET ROLE fitness_admin;
TRUNCATE content.exercise_instruction;
RESET ROLE;
SELECT count(*) AS instructions_left FROM content.exercise_instruction;
SELECT count(*) AS truncate_audited, bool_and(db_role = 'fitness_admin') AS by_admin FROM platform.audit_log
WHERE table_name = 'exercise_instruction' AND operation = 'TRUNCATE';
SET ROLE fitness_app;
SELECT fitness.purge('core.tag', '0 seconds');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

-- purge: hard-deletes what was soft-deleted long enough ago, audited as DELETE.
SET ROLE fitness_admin;
SELECT fitness.purge('core.tag', '1 day') AS purged_older_than_a_day;
SELECT fitness.purge('core.tag', '0 seconds') >= 2 AS purged_now;
SELECT count(*) AS reuse_me_rows_left FROM core.tag WHERE code = 'reuse_me';
SELECT fitness.purge('platform.audit_log', '0 seconds');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.purge('core.tag', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.hard_delete('core.tag', NULL);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.hard_delete('core.tag', '00000000-0000-7000-8000-0000000000ff') AS unknown_id_deleted;
RESET ROLE;
SELECT count(*) AS purge_audited_as_delete FROM platform.audit_log
WHERE table_name = 'tag' AND operation = 'DELETE' AND old_data->>'code' = 'reuse_me';

-- Set-based: one DELETE of several parents soft-deletes them with one UPDATE and their
-- children with one DELETE per reference; restore still brings back one parent's own.
RESET ROLE;
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility)
SELECT ('00000000-0000-7000-8000-0000000e100' || g)::uuid, :'u_lena', :'i_gym', 'Batch ' || g, 'private'
FROM generate_series(1, 3) g;
INSERT INTO content.workout_set (workout_id, exercise_id, position, target_reps_min, target_reps_max)
SELECT w.id, e.id, p, 6, 8
FROM content.workout w, generate_series(1, 2) p, (SELECT id FROM content.exercise ORDER BY id LIMIT 1) e
WHERE w.name LIKE 'Batch %';
DELETE FROM content.workout WHERE name LIKE 'Batch %';
SELECT count(*) FILTER (WHERE NOT w.is_active) AS workouts_soft_deleted,
       (SELECT count(*) FROM content.workout_set s JOIN content.workout w2 ON w2.id = s.workout_id
         WHERE w2.name LIKE 'Batch %' AND NOT s.is_active) AS sets_soft_deleted
FROM content.workout w WHERE w.name LIKE 'Batch %';
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-0000000e1002') AS restored_with_its_sets;
SELECT w.name, w.is_active, count(s.*) FILTER (WHERE s.is_active) AS active_sets
FROM content.workout w LEFT JOIN content.workout_set s ON s.workout_id = w.id
WHERE w.name LIKE 'Batch %' GROUP BY w.name, w.is_active ORDER BY w.name;

-- A DELETE that fails after keeping some of its rows, inside a savepoint: rolling the
-- savepoint back drops them, and the transaction commits without them.
CREATE FUNCTION public.sd_fail_second() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('sd_test.calls', (coalesce(nullif(current_setting('sd_test.calls', true), ''), '0')::int + 1)::text, true);
    IF current_setting('sd_test.calls')::int = 2 THEN
        RAISE EXCEPTION 'second row refused';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER a_fail_second BEFORE DELETE ON core.tag FOR EACH ROW EXECUTE FUNCTION public.sd_fail_second();
INSERT INTO core.tag (id, code, name) VALUES
    ('00000000-0000-7000-8000-0000000e2001', 'sd_first', 'First'), ('00000000-0000-7000-8000-0000000e2002', 'sd_second', 'Second');
BEGIN;
SAVEPOINT before_delete;
DELETE FROM core.tag WHERE code IN ('sd_first', 'sd_second');
ROLLBACK TO SAVEPOINT before_delete;
SELECT count(*) FILTER (WHERE is_active) AS still_active FROM core.tag WHERE code IN ('sd_first', 'sd_second');
COMMIT;
DROP TRIGGER a_fail_second ON core.tag;
DROP FUNCTION public.sd_fail_second();
-- Where the statement trigger will not run (here: the row trigger made to fire in replica
-- mode, where the statement trigger does not; likewise in a logical-replication apply
-- worker or for an inheritance child), the row trigger soft-deletes row by row itself.
ALTER TABLE core.tag ENABLE ALWAYS TRIGGER zz_soft_delete;
BEGIN;
SET LOCAL session_replication_role = replica;
DELETE FROM core.tag WHERE code = 'sd_first';
COMMIT;
ALTER TABLE core.tag ENABLE TRIGGER zz_soft_delete;
SELECT is_active AS sd_first_active FROM core.tag WHERE code = 'sd_first';
-- A DELETE of the same table nested in a rolled-back subtransaction, while the outer DELETE
-- is keeping rows (here run by a trigger on the second row the outer one meets), takes
-- only its own rows: the outer statement's rows are soft-deleted all the same.
CREATE FUNCTION public.sd_nested_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('sd_test.nested', (coalesce(nullif(current_setting('sd_test.nested', true), ''), '0')::int + 1)::text, true);
    IF current_setting('sd_test.nested')::int = 2 THEN
        BEGIN
            DELETE FROM core.tag WHERE code = 'sd_inner';
            RAISE EXCEPTION 'undo the nested delete';
        EXCEPTION WHEN raise_exception THEN NULL;
        END;
    END IF;
    RETURN OLD;
END $$;
INSERT INTO core.tag (id, code, name) VALUES
    ('00000000-0000-7000-8000-0000000e2003', 'sd_outer_a', 'Outer A'), ('00000000-0000-7000-8000-0000000e2004', 'sd_outer_b', 'Outer B'),
    ('00000000-0000-7000-8000-0000000e2005', 'sd_inner', 'Inner');
CREATE TRIGGER a_nested_delete BEFORE DELETE ON core.tag FOR EACH ROW EXECUTE FUNCTION public.sd_nested_delete();
DELETE FROM core.tag WHERE code IN ('sd_outer_a', 'sd_outer_b');
DROP TRIGGER a_nested_delete ON core.tag;
DROP FUNCTION public.sd_nested_delete();
SELECT code, is_active FROM core.tag WHERE code IN ('sd_outer_a', 'sd_outer_b', 'sd_inner') ORDER BY code;
-- The statement trigger works only as one: called directly, or attached as a row trigger,
-- it is refused.
SELECT fitness.soft_delete_flush();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
CREATE TABLE public.sd_wrong (id uuid PRIMARY KEY, is_active boolean NOT NULL DEFAULT true, deleted_at timestamptz);
CREATE TRIGGER wrong BEFORE DELETE ON public.sd_wrong FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete_flush();
INSERT INTO public.sd_wrong (id) VALUES ('00000000-0000-7000-8000-0000000e4001');
DELETE FROM public.sd_wrong;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) AS rows_left FROM public.sd_wrong;
DROP TABLE public.sd_wrong;
-- Tables with a dropped column before their keys: the cascade and restore find the key
-- columns by name, not by position.
CREATE TABLE public.sd_parent (junk integer, id uuid PRIMARY KEY, is_active boolean NOT NULL DEFAULT true,
                               deleted_at timestamptz, deleted_by uuid);
CREATE TABLE public.sd_child (junk integer, id uuid PRIMARY KEY,
                              parent_id uuid NOT NULL REFERENCES public.sd_parent (id) ON DELETE CASCADE,
                              is_active boolean NOT NULL DEFAULT true, deleted_at timestamptz, deleted_by uuid);
ALTER TABLE public.sd_parent DROP COLUMN junk;
ALTER TABLE public.sd_child DROP COLUMN junk;
CREATE TRIGGER zz_soft_delete BEFORE DELETE ON public.sd_parent FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete();
CREATE TRIGGER zz_soft_delete_flush AFTER DELETE ON public.sd_parent FOR EACH STATEMENT EXECUTE FUNCTION fitness.soft_delete_flush();
CREATE TRIGGER zz_soft_delete BEFORE DELETE ON public.sd_child FOR EACH ROW EXECUTE FUNCTION fitness.soft_delete();
CREATE TRIGGER zz_soft_delete_flush AFTER DELETE ON public.sd_child FOR EACH STATEMENT EXECUTE FUNCTION fitness.soft_delete_flush();
INSERT INTO public.sd_parent (id) VALUES ('00000000-0000-7000-8000-0000000e3001'), ('00000000-0000-7000-8000-0000000e3002');
INSERT INTO public.sd_child (id, parent_id) VALUES
    ('00000000-0000-7000-8000-0000000e3101', '00000000-0000-7000-8000-0000000e3001'),
    ('00000000-0000-7000-8000-0000000e3102', '00000000-0000-7000-8000-0000000e3002');
DELETE FROM public.sd_parent;
SELECT (SELECT count(*) FROM public.sd_parent WHERE NOT is_active) AS parents_inactive,
       (SELECT count(*) FROM public.sd_child WHERE NOT is_active) AS children_inactive;
SELECT fitness.restore('public.sd_parent', '00000000-0000-7000-8000-0000000e3001') AS restored;
SELECT c.id, c.is_active FROM public.sd_child c ORDER BY c.id;
DROP TABLE public.sd_child, public.sd_parent;
SET ROLE fitness_admin;
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.tag', id)) AS tags_removed FROM core.tag WHERE code IN ('sd_outer_a', 'sd_outer_b', 'sd_inner');
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.tag', id)) AS tags_removed FROM core.tag WHERE code IN ('sd_first', 'sd_second');
SELECT count(*) FILTER (WHERE fitness.hard_delete('content.workout', id)) AS workouts_removed FROM content.workout WHERE name LIKE 'Batch %';
RESET ROLE;
