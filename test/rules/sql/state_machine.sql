-- State machines as data (src/rules/state_machine.cpp): every status column moves only along
-- an active core.status_transition, with its required_permission held by the actor; a new row
-- starts in an initial status; a DBA changes a workflow with an INSERT or a DELETE there.
SET TIME ZONE 'UTC';
\set u   '00000000-0000-7000-8000-0000000f0001'
\set pa  '00000000-0000-7000-8000-0000000f0002'
\set own '00000000-0000-7000-8000-0000000f0003'
\set mem '00000000-0000-7000-8000-0000000f0004'
\set ins '00000000-0000-7000-8000-0000000f0101'
\set e1  '00000000-0000-7000-8000-0000000f0201'
\set e2  '00000000-0000-7000-8000-0000000f0202'
\set s1  '00000000-0000-7000-8000-0000000f0301'
\set s2  '00000000-0000-7000-8000-0000000f0302'
\set m1  '00000000-0000-7000-8000-0000000f0401'
\set m2  '00000000-0000-7000-8000-0000000f0402'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'u', 'Lifter', 'lifter@machine.test'), (:'pa', 'Platform admin', 'admin@machine.test'),
    (:'own', 'Gym owner', 'owner@machine.test'), (:'mem', 'Gym member', 'member@machine.test');
INSERT INTO user_mgmt.user_role (user_id, role_id) SELECT :'pa'::uuid, id FROM core.role WHERE code = 'platform_admin';
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'ins', 'Machine Gym', 'machine-gym');
INSERT INTO user_mgmt.institution_member (id, institution_id, user_id, member_role) VALUES
    (:'m1', :'ins', :'own', 'owner'), (:'m2', :'ins', :'mem', 'member');
-- permissions come from role grants (member_role is the rank): the owner holds the gym's
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
SELECT :'own'::uuid, id, :'ins'::uuid FROM core.role WHERE code = 'institution_owner';

-- A violation as an application sees it: SQLSTATE, the rule in the constraint field, the
-- table, the message and the detail. Runs the statement in a subtransaction: nothing stays.
CREATE FUNCTION public.violation(stmt text) RETURNS TABLE (state text, rule text, "table" text, message text, detail text)
LANGUAGE plpgsql AS $f$
DECLARE sch text; tab text; affected bigint;
BEGIN
  EXECUTE stmt;
  GET DIAGNOSTICS affected = ROW_COUNT;
  -- no row written: row-level security left the row alone (the caller may not write it)
  state := CASE WHEN affected = 0 THEN 'no row written' ELSE 'accepted' END;
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME, message = MESSAGE_TEXT,
      detail = PG_EXCEPTION_DETAIL, sch = SCHEMA_NAME, tab = TABLE_NAME;
  "table" := nullif(sch || '.' || tab, '.');
  RETURN NEXT;
END $f$;
\x on

-- 1. A new row starts in an initial status: an app user creating a published exercise, or a
--    completed session, is refused (23514 status_initial), naming the value and the table.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$INSERT INTO content.exercise (id, slug, name, owner_id, status) VALUES ('00000000-0000-7000-8000-0000000f0201', 'sm-press', 'Press', '00000000-0000-7000-8000-0000000f0001', 'published')$$);
SELECT * FROM violation($$INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at, ended_at) VALUES ('00000000-0000-7000-8000-0000000f0301', '00000000-0000-7000-8000-0000000f0001', 'completed', now() - interval '1 hour', now())$$);
-- an unknown status: the same rule, the value quoted
SELECT * FROM violation($$INSERT INTO content.exercise (id, slug, name, owner_id, status) VALUES ('00000000-0000-7000-8000-0000000f0203', 'sm-bogus', 'Bogus', '00000000-0000-7000-8000-0000000f0001', 'bogus''; --')$$);
-- NULL is the table's own NOT NULL (23502), not a rule
SELECT * FROM violation($$INSERT INTO content.exercise (slug, name, owner_id, status) VALUES ('sm-null', 'Null', '00000000-0000-7000-8000-0000000f0001', NULL)$$);
-- the initial statuses are accepted
INSERT INTO content.exercise (id, slug, name, owner_id) VALUES (:'e1', 'sm-press', 'Press', :'u');
INSERT INTO user_mgmt.user_workout_session (id, user_id, status) VALUES (:'s1', :'u', 'planned');
SELECT id, status FROM content.exercise WHERE id = :'e1';
COMMIT;

-- 2. Moves along the machine are accepted; a move not in it is refused (23514
--    status_transition) with the moves allowed from where the row is.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
UPDATE user_mgmt.user_workout_session SET status = 'in_progress', started_at = now() WHERE id = :'s1';
UPDATE user_mgmt.user_workout_session SET status = 'completed', ended_at = now() WHERE id = :'s1';
SELECT * FROM violation($$UPDATE user_mgmt.user_workout_session SET status = 'in_progress', ended_at = NULL WHERE id = '00000000-0000-7000-8000-0000000f0301'$$);
SELECT * FROM violation($$UPDATE content.exercise SET status = 'archived' WHERE id = '00000000-0000-7000-8000-0000000f0201'$$);
SELECT * FROM violation($$UPDATE content.exercise SET status = 'published' WHERE id = '00000000-0000-7000-8000-0000000f0201'$$);
-- writing the same status again, or other columns, is no move
UPDATE content.exercise SET status = 'archived', name = 'Overhead press' WHERE id = :'e1';
SELECT status, name FROM content.exercise WHERE id = :'e1';
COMMIT;

-- 3. A move with a required_permission: draft -> published of an exercise needs
--    exercise.publish. The owner lacks it (42501 status_permission); a platform admin holds it.
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
UPDATE content.exercise SET status = 'draft' WHERE id = :'e1';
SELECT * FROM violation($$UPDATE content.exercise SET status = 'published' WHERE id = '00000000-0000-7000-8000-0000000f0201'$$);
SELECT status FROM content.exercise WHERE id = :'e1';
COMMIT;
BEGIN;
SELECT fitness.set_context(:'pa');
SET LOCAL ROLE fitness_app;
UPDATE content.exercise SET status = 'published' WHERE id = :'e1';
SELECT status FROM content.exercise WHERE id = :'e1';
COMMIT;

-- 4. The permission is checked in the row's institution: suspending a member needs
--    institution.manage_members there. The owner of the gym holds it; a member does not,
--    and may not write another's membership at all (row-level security: no row written).
BEGIN;
SELECT fitness.set_context(:'mem', :'ins');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE id = '00000000-0000-7000-8000-0000000f0402'$$);
ROLLBACK;
BEGIN;
SELECT fitness.set_context(:'own', :'ins');
SET LOCAL ROLE fitness_app;
UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE id = :'m2';
SELECT status FROM user_mgmt.institution_member WHERE id = :'m2';
ROLLBACK;

-- 5. A statement is refused as a whole: one row with a forbidden move, nothing written.
INSERT INTO content.exercise (id, slug, name, owner_id) VALUES (:'e2', 'sm-row', 'Row', :'u');
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$UPDATE content.exercise SET status = CASE WHEN id = '00000000-0000-7000-8000-0000000f0202' THEN 'published' ELSE 'archived' END WHERE id IN ('00000000-0000-7000-8000-0000000f0201', '00000000-0000-7000-8000-0000000f0202')$$);
SELECT id, status FROM content.exercise WHERE id IN (:'e1', :'e2') ORDER BY id;
COMMIT;

-- 6. fitness_admin and superusers load rows in any status (restores, imports) and hold every
--    permission; a move not in the machine is refused to them too.
INSERT INTO user_mgmt.user_workout_session (id, user_id, status, started_at, ended_at)
VALUES (:'s2', :'u', 'completed', now() - interval '1 hour', now());
SELECT * FROM violation($$UPDATE user_mgmt.user_workout_session SET status = 'planned', started_at = NULL, ended_at = NULL WHERE id = '00000000-0000-7000-8000-0000000f0302'$$);
BEGIN;
SET LOCAL ROLE fitness_admin;
SELECT * FROM violation($$UPDATE content.exercise SET status = 'published' WHERE id = '00000000-0000-7000-8000-0000000f0202'$$);
SELECT * FROM violation($$UPDATE content.exercise SET status = 'draft' WHERE id = '00000000-0000-7000-8000-0000000f0202'$$);
ROLLBACK;

-- 7. A DBA changes the workflow with an INSERT: reopening a completed session is allowed at
--    once in this backend; the DELETE (a soft delete) takes it away again.
INSERT INTO core.status_transition (domain, from_code, to_code, description)
VALUES ('user_workout_session', 'completed', 'in_progress', 'reopen a session finished by mistake');
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$UPDATE user_mgmt.user_workout_session SET status = 'in_progress', ended_at = NULL WHERE id = '00000000-0000-7000-8000-0000000f0301'$$);
ROLLBACK;
DELETE FROM core.status_transition WHERE domain = 'user_workout_session' AND from_code = 'completed';
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$UPDATE user_mgmt.user_workout_session SET status = 'in_progress', ended_at = NULL WHERE id = '00000000-0000-7000-8000-0000000f0301'$$);
ROLLBACK;
-- a permission added to a move applies at once too
UPDATE core.status_transition SET required_permission = 'billing.manage'
 WHERE domain = 'exercise' AND from_code = 'draft' AND to_code = 'archived';
BEGIN;
SELECT fitness.set_context(:'u');
SET LOCAL ROLE fitness_app;
SELECT * FROM violation($$UPDATE content.exercise SET status = 'archived' WHERE id = '00000000-0000-7000-8000-0000000f0202'$$);
ROLLBACK;
UPDATE core.status_transition SET required_permission = NULL
 WHERE domain = 'exercise' AND from_code = 'draft' AND to_code = 'archived';
\x off

-- 8. The triggers are the extension's, not callable by hand, and the catalogue lists the rules.
SELECT fitness.status_machine();
SELECT has_function_privilege('fitness_app', 'fitness.status_machine()', 'EXECUTE') AS app_may_call;
SELECT tgrelid::regclass AS governed, tgargs <> '' AS has_args
  FROM pg_trigger WHERE tgname = 'status_machine' ORDER BY 1::text;
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE rule LIKE 'status%' ORDER BY 1;
SELECT cache_name, hits > 0 AS used, entries FROM fitness.cache_stats() WHERE cache_name = 'status_machines';
