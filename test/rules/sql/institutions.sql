-- Institutions (src/rules/institutions.cpp): the member_role hierarchy, max_members, the
-- last active owner. Concurrency: specs/institution_members_race.spec.
SET TIME ZONE 'UTC';
\set own  '00000000-0000-7000-8000-0000000f9001'
\set adm  '00000000-0000-7000-8000-0000000f9002'
\set coa  '00000000-0000-7000-8000-0000000f9003'
\set mem  '00000000-0000-7000-8000-0000000f9004'
\set new1 '00000000-0000-7000-8000-0000000f9005'
\set new2 '00000000-0000-7000-8000-0000000f9006'
\set pa   '00000000-0000-7000-8000-0000000f9007'
\set ins  '00000000-0000-7000-8000-0000000f9101'
\set m_own '00000000-0000-7000-8000-0000000f9201'
\set m_adm '00000000-0000-7000-8000-0000000f9202'
\set m_coa '00000000-0000-7000-8000-0000000f9203'
\set m_mem '00000000-0000-7000-8000-0000000f9204'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'own', 'Owner', 'owner@inst.test'), (:'adm', 'Admin', 'admin@inst.test'), (:'coa', 'Coach', 'coach@inst.test'),
    (:'mem', 'Member', 'member@inst.test'), (:'new1', 'New one', 'new1@inst.test'), (:'new2', 'New two', 'new2@inst.test'),
    (:'pa', 'Platform admin', 'pa@inst.test');
INSERT INTO user_mgmt.user_role (user_id, role_id) SELECT :'pa'::uuid, id FROM core.role WHERE code = 'platform_admin';
INSERT INTO user_mgmt.institution (id, name, slug, max_members) VALUES (:'ins', 'Rank Gym', 'rank-gym', 5);
INSERT INTO user_mgmt.institution_member (id, institution_id, user_id, member_role, joined_at) VALUES
    (:'m_own', :'ins', :'own', 'owner', now()), (:'m_adm', :'ins', :'adm', 'admin', now()),
    (:'m_coa', :'ins', :'coa', 'coach', now()), (:'m_mem', :'ins', :'mem', 'member', now());
-- the gym's roles grant the permissions the tenancy policies ask for
INSERT INTO user_mgmt.user_role (user_id, role_id, institution_id)
SELECT v.u, r.id, :'ins'::uuid FROM (VALUES (:'own'::uuid, 'institution_owner'), (:'adm'::uuid, 'institution_admin')) v (u, code)
  JOIN core.role r ON r.code = v.code;
CREATE FUNCTION public.member_violation(actor uuid, stmt text) RETURNS TABLE (state text, rule text, message text)
LANGUAGE plpgsql AS $f$
DECLARE affected bigint;
BEGIN
  IF actor IS NOT NULL THEN  -- NULL: as the calling superuser
    PERFORM fitness.set_context(actor, CASE WHEN EXISTS (SELECT 1 FROM user_mgmt.institution_member m
        WHERE m.user_id = actor AND m.institution_id = '00000000-0000-7000-8000-0000000f9101' AND m.is_active
          AND m.status = 'active') THEN '00000000-0000-7000-8000-0000000f9101'::uuid END);
    EXECUTE 'SET LOCAL ROLE fitness_app';
  END IF;
  EXECUTE stmt;
  GET DIAGNOSTICS affected = ROW_COUNT;
  -- no row written: row-level security left the row alone (the caller may not write it)
  state := CASE WHEN affected = 0 THEN 'no row written' ELSE 'accepted' END;
  RESET ROLE;
  RETURN NEXT;
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME, message = MESSAGE_TEXT;
  message := regexp_replace(regexp_replace(message, '\(user .* in institution [0-9a-f-]+\)', '(...)'),
                            '[0-9a-f]{8}-[0-9a-f-]{27}', '<id>', 'g');
  RESET ROLE;
  RETURN NEXT;
END $f$;

-- 1. Roles only below one's own rank, to members below it; an owner may make owners
--    (each case rolled back).
BEGIN;
SELECT 'admin makes the member a coach' AS attempt, * FROM public.member_violation(:'adm', $$UPDATE user_mgmt.institution_member SET member_role = 'coach' WHERE id = '00000000-0000-7000-8000-0000000f9204'$$);
ROLLBACK;
BEGIN;
SELECT 'admin makes the member an admin' AS attempt, * FROM public.member_violation(:'adm', $$UPDATE user_mgmt.institution_member SET member_role = 'admin' WHERE id = '00000000-0000-7000-8000-0000000f9204'$$);
ROLLBACK;
BEGIN;
SELECT 'admin takes the owner''s membership row over' AS attempt, * FROM public.member_violation(:'adm', $$UPDATE user_mgmt.institution_member SET user_id = '00000000-0000-7000-8000-0000000f9002' WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
ROLLBACK;
BEGIN;
SELECT 'admin demotes the owner' AS attempt, * FROM public.member_violation(:'adm', $$UPDATE user_mgmt.institution_member SET member_role = 'member' WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
ROLLBACK;
BEGIN;
SELECT 'admin invites a new coach' AS attempt, * FROM public.member_violation(:'adm', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9005', 'coach', 'invited')$$);
ROLLBACK;
BEGIN;
SELECT 'admin invites a new admin' AS attempt, * FROM public.member_violation(:'adm', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9005', 'admin', 'invited')$$);
ROLLBACK;
-- a coach may not write memberships at all: row-level security leaves the row (no row written)
BEGIN;
SELECT 'coach makes the member a coach' AS attempt, * FROM public.member_violation(:'coa', $$UPDATE user_mgmt.institution_member SET member_role = 'coach' WHERE id = '00000000-0000-7000-8000-0000000f9204'$$);
ROLLBACK;
BEGIN;
SELECT 'owner makes the admin an owner' AS attempt, * FROM public.member_violation(:'own', $$UPDATE user_mgmt.institution_member SET member_role = 'owner' WHERE id = '00000000-0000-7000-8000-0000000f9202'$$);
ROLLBACK;
BEGIN;
SELECT 'owner invites a new admin' AS attempt, * FROM public.member_violation(:'own', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9005', 'admin', 'invited')$$);
ROLLBACK;
BEGIN;
SELECT 'platform admin makes the member an owner' AS attempt, * FROM public.member_violation(:'pa', $$UPDATE user_mgmt.institution_member SET member_role = 'owner' WHERE id = '00000000-0000-7000-8000-0000000f9204'$$);
ROLLBACK;
SELECT member_role FROM user_mgmt.institution_member WHERE id IN (:'m_own', :'m_adm', :'m_coa', :'m_mem') ORDER BY id;

-- 2. The founder: the first member of an institution without members may be its owner. An
--    application user cannot add themselves to a gym (row-level security); an operator or a
--    service adds the founder.
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('00000000-0000-7000-8000-0000000f9102', 'New Gym', 'new-gym');
BEGIN;
SELECT * FROM public.member_violation(:'new1', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at) VALUES ('00000000-0000-7000-8000-0000000f9102', '00000000-0000-7000-8000-0000000f9005', 'owner', now())$$);
ROLLBACK;
-- as an operator (the institution's founder is then known)
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at)
VALUES ('00000000-0000-7000-8000-0000000f9102', :'new1', 'owner', now());
-- a second owner by someone who is not a member of it: refused
BEGIN;
SELECT * FROM public.member_violation(:'new2', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, joined_at) VALUES ('00000000-0000-7000-8000-0000000f9102', '00000000-0000-7000-8000-0000000f9006', 'owner', now())$$);
ROLLBACK;

-- 3. max_members 5: four members now; the fifth may join, the sixth may not; a suspended
--    member does not count, and coming back counts again.
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES (:'ins', :'new1', 'member', 'invited');
SELECT count(*) AS places_taken FROM user_mgmt.institution_member WHERE institution_id = :'ins' AND is_active AND status IN ('invited', 'active');
BEGIN;
SELECT * FROM public.member_violation(:'own', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9006', 'member', 'invited')$$);
ROLLBACK;
UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE id = :'m_coa';
BEGIN;
SELECT * FROM public.member_violation(:'own', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9006', 'member', 'invited')$$);
SELECT * FROM public.member_violation(:'own', $$UPDATE user_mgmt.institution_member SET status = 'active' WHERE id = '00000000-0000-7000-8000-0000000f9203'$$);
ROLLBACK;
UPDATE user_mgmt.institution_member SET status = 'active' WHERE id = :'m_coa';
-- without a max_members of its own the system setting applies
SELECT value AS default_max_members FROM platform.system_setting WHERE key = 'institution.default_max_members';
UPDATE platform.system_setting SET value = '2' WHERE key = 'institution.default_max_members';
UPDATE user_mgmt.institution SET max_members = NULL WHERE id = :'ins';
BEGIN;
SELECT * FROM public.member_violation(:'own', $$INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES ('00000000-0000-7000-8000-0000000f9101', '00000000-0000-7000-8000-0000000f9007', 'member', 'invited')$$);
ROLLBACK;
UPDATE platform.system_setting SET value = '500' WHERE key = 'institution.default_max_members';
UPDATE user_mgmt.institution SET max_members = 5 WHERE id = :'ins';

-- 4. The last active owner cannot leave, be suspended, demoted or deleted; with a second
--    owner, one of them can.
BEGIN;
SELECT * FROM public.member_violation(:'own', $$UPDATE user_mgmt.institution_member SET status = 'left', left_at = now() WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
SELECT * FROM public.member_violation(:'own', $$UPDATE user_mgmt.institution_member SET member_role = 'admin' WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
SELECT * FROM public.member_violation(:'own', $$DELETE FROM user_mgmt.institution_member WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
ROLLBACK;
BEGIN;
SELECT 'as superuser' AS who, * FROM public.member_violation(NULL, $$UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
ROLLBACK;
UPDATE user_mgmt.institution_member SET member_role = 'owner' WHERE id = :'m_adm';
BEGIN;
SELECT * FROM public.member_violation(:'own', $$UPDATE user_mgmt.institution_member SET status = 'left', left_at = now() WHERE id = '00000000-0000-7000-8000-0000000f9201'$$);
ROLLBACK;
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE table_name = 'user_mgmt.institution_member' ORDER BY 1;
