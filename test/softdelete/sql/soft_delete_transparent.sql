-- Soft delete, transparent mode: with the library loaded at session start, DELETE on a
-- soft-delete table reports the rows it soft-deleted and RETURNING returns them (the row as
-- it was, like a real DELETE); cascaded rows are not counted, as with ON DELETE CASCADE.
-- Trigger mode (DELETE 0) is soft_delete.sql; the sample data comes from there.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
\set u_lena 01938000-0001-7000-8000-000000000003
\set u_tom  01938000-0001-7000-8000-000000000004
\set i_gym  01938000-0002-7000-8000-000000000001
\set w_b    01938000-0005-7000-8000-000000000002
SELECT fitness.soft_delete_mode() AS mode_before;
SELECT current_database() AS db \gset
ALTER DATABASE :"db" SET session_preload_libraries = 'fitness';
\c
SET client_min_messages = warning;
SELECT fitness.soft_delete_mode() AS mode_after_reconnect;

-- Counts and RETURNING
INSERT INTO core.tag (id, code, name) VALUES
    ('00000000-0000-7000-8000-0000000d0001', 'td_one', 'One'),
    ('00000000-0000-7000-8000-0000000d0002', 'td_two', 'Two'),
    ('00000000-0000-7000-8000-0000000d0003', 'td_three', 'Three');
DELETE FROM core.tag WHERE code = 'td_one';
\echo ROW_COUNT :ROW_COUNT
DELETE FROM core.tag WHERE code IN ('td_two', 'td_three') RETURNING code, is_active, deleted_at IS NULL AS as_it_was;
-- the rows stay, soft-deleted and audited; deleting them again deletes nothing
SELECT code, is_active, deleted_at IS NOT NULL AS has_deleted_at FROM core.tag WHERE code LIKE 'td\_%' ORDER BY code;
SELECT count(*) AS soft_delete_audit_rows FROM platform.audit_log
WHERE table_name = 'tag' AND operation = 'SOFT_DELETE' AND new_data->>'is_active' = 'false'
  AND record_id IN ('00000000-0000-7000-8000-0000000d0001', '00000000-0000-7000-8000-0000000d0002', '00000000-0000-7000-8000-0000000d0003');
DELETE FROM core.tag WHERE code LIKE 'td\_%' RETURNING code;
DELETE FROM core.tag WHERE code LIKE 'td\_%';
\echo ROW_COUNT :ROW_COUNT

-- A cascade: the workout is counted and returned, its sets and their cue follow unseen.
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility)
VALUES ('00000000-0000-7000-8000-0000000d1001', :'u_lena', :'i_gym', 'Transparent scratch', 'private');
INSERT INTO content.workout_set (id, workout_id, exercise_id, position, target_reps_min, target_reps_max)
SELECT ('00000000-0000-7000-8000-0000000d110' || g)::uuid, '00000000-0000-7000-8000-0000000d1001', e.id, g, 6, 8
FROM generate_series(1, 2) g, (SELECT id FROM content.exercise ORDER BY id LIMIT 1) e;
INSERT INTO content.exercise_instruction (workout_set_id, instruction)
VALUES ('00000000-0000-7000-8000-0000000d1101', 'Slow on the way down');
DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001' RETURNING name;
SELECT (SELECT count(*) FROM content.workout_set WHERE workout_id = '00000000-0000-7000-8000-0000000d1001' AND NOT is_active) AS sets_soft_deleted,
       (SELECT count(*) FROM content.exercise_instruction WHERE workout_set_id = '00000000-0000-7000-8000-0000000d1101' AND NOT is_active) AS cues_soft_deleted;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-0000000d1001') AS rows_restored;

-- Prepared statements (ORMs): the count and the rows.
PREPARE delete_set(uuid) AS DELETE FROM content.workout_set WHERE id = $1 RETURNING id, position;
EXECUTE delete_set('00000000-0000-7000-8000-0000000d1102');
\echo ROW_COUNT :ROW_COUNT
EXECUTE delete_set('00000000-0000-7000-8000-0000000d1102');
\echo ROW_COUNT :ROW_COUNT
DEALLOCATE delete_set;

-- PL/pgSQL sees the same: ROW_COUNT, FOUND, RETURNING ... INTO.
DO $$
DECLARE n bigint; v uuid;
BEGIN
    DELETE FROM content.workout_set WHERE id = '00000000-0000-7000-8000-0000000d1101' RETURNING id INTO v;
    GET DIAGNOSTICS n = ROW_COUNT;
    RAISE WARNING 'plpgsql: % row(s), found %, id %', n, FOUND, v;
END $$;

-- A rolled-back DELETE leaves the row active.
BEGIN;
DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001' RETURNING name;
ROLLBACK;
SELECT is_active AS active_after_rollback FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001';

-- RETURNING may read only the deleted table: other tables' columns cannot be projected onto
-- a kept row (0A000, nothing changes); the table's own columns can, with USING.
DELETE FROM content.workout w USING user_mgmt.app_user u
WHERE w.id = '00000000-0000-7000-8000-0000000d1001' AND u.id = w.owner_id RETURNING u.display_name;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT is_active AS still_active FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001';
DELETE FROM content.workout w USING user_mgmt.app_user u
WHERE w.id = '00000000-0000-7000-8000-0000000d1001' AND u.id = w.owner_id RETURNING w.name;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-0000000d1001') AS rows_restored;

-- RLS: the owner soft-deletes through the policies and sees her row come back from
-- RETURNING; a member who may not delete it gets 42501 and nothing changes.
BEGIN;
SELECT fitness.set_context(:'u_tom');
SET LOCAL ROLE fitness_app;
DELETE FROM content.workout WHERE id = :'w_b' RETURNING name;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT is_active AS w_b_active FROM content.workout WHERE id = :'w_b';
BEGIN;
SELECT fitness.set_context(:'u_lena');
SET LOCAL ROLE fitness_app;
DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001' RETURNING name, owner_id = :'u_lena' AS hers;
SELECT count(*) AS lena_sees_it_now FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001';
COMMIT;
SELECT is_active, deleted_by = :'u_lena' AS deleted_by_lena FROM content.workout WHERE id = '00000000-0000-7000-8000-0000000d1001';

-- A row the DELETE meets twice (USING with two matches) is kept, counted and returned once.
INSERT INTO core.tag (id, code, name) VALUES ('00000000-0000-7000-8000-0000000d0006', 'td_twice', 'Twice');
DELETE FROM core.tag t USING (VALUES (1), (2)) AS twice (n) WHERE t.code = 'td_twice' RETURNING t.code;
\echo ROW_COUNT :ROW_COUNT

-- A DELETE inside a WITH query is not the command's own: its rows are kept but not
-- returned (the same as trigger mode).
INSERT INTO core.tag (id, code, name) VALUES ('00000000-0000-7000-8000-0000000d0004', 'td_cte', 'CTE');
WITH d AS (DELETE FROM core.tag WHERE code = 'td_cte' RETURNING id) SELECT count(*) AS cte_rows FROM d;
SELECT is_active AS cte_row_active FROM core.tag WHERE code = 'td_cte';

-- A real DELETE (fitness_admin's hard_delete) is still counted once, by PostgreSQL itself.
SET ROLE fitness_admin;
SELECT fitness.hard_delete('content.workout', '00000000-0000-7000-8000-0000000d1001') AS hard_deleted;
SELECT count(*) FILTER (WHERE fitness.hard_delete('core.tag', id)) AS tags_hard_deleted FROM core.tag WHERE code LIKE 'td\_%';
RESET ROLE;

-- Back to trigger mode for the sessions that follow.
ALTER DATABASE :"db" RESET session_preload_libraries;
\c
SELECT fitness.soft_delete_mode() AS mode_after_reset;
INSERT INTO core.tag (id, code, name) VALUES ('00000000-0000-7000-8000-0000000d0005', 'td_trigger_mode', 'Trigger');
DELETE FROM core.tag WHERE code = 'td_trigger_mode' RETURNING code;
\echo ROW_COUNT :ROW_COUNT
SELECT is_active AS kept_inactive FROM core.tag WHERE code = 'td_trigger_mode';
SELECT fitness.hard_delete('core.tag', '00000000-0000-7000-8000-0000000d0005') AS hard_deleted;
