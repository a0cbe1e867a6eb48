-- The attacks of the security review, each written as the attacker ran it: a fitness_app
-- connection, their own valid token, then the forbidden call. Each of them worked before the
-- fixes (issue 11); the expected output is the refusal. One section per hole.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgcrypto;
SELECT fitness.add_jwt_key('security-suite', 'HS256', 'security-suite-secret-0123456789abcdef');

-- Tokens are minted with pgcrypto's HMAC, independently of the C++ verifier.
CREATE FUNCTION pg_temp.b64url(data bytea) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT rtrim(translate(encode(data, 'base64'), E'+/\n', '-_'), '=') $$;
CREATE FUNCTION pg_temp.jws(header text, payload text) RETURNS text LANGUAGE sql AS $$
    SELECT s || '.' || pg_temp.b64url(public.hmac(s, 'security-suite-secret-0123456789abcdef', 'sha256'))
    FROM (SELECT pg_temp.b64url(convert_to(header, 'UTF8')) || '.' || pg_temp.b64url(convert_to(payload, 'UTF8')) AS s) x
$$;
CREATE FUNCTION pg_temp.token(sub text, extra jsonb DEFAULT '{}') RETURNS text LANGUAGE sql AS $$
    SELECT pg_temp.jws('{"alg":"HS256","typ":"JWT"}',
                       (jsonb_build_object('sub', sub, 'exp', extract(epoch FROM now() + interval '1 hour')::bigint) || extra)::text)
$$;

-- Fixture: Mallory (the attacker), Victor (signs in by id), Wendy (by subject), the gyms
-- G (Mallory coaches there) and H (Wendy's).
\set m 00000000-0000-7000-8000-00005ec00001
\set v 00000000-0000-7000-8000-00005ec00002
\set w 00000000-0000-7000-8000-00005ec00003
\set g 00000000-0000-7000-8000-00005ec000a1
\set h 00000000-0000-7000-8000-00005ec000a2
\set b 00000000-0000-7000-8000-00005ec00004
INSERT INTO user_mgmt.app_user (id, auth_subject, email, display_name) VALUES
    (:'m', 'idp|mallory', 'mallory@example.com', 'Mallory'),
    (:'v', NULL, 'victor@example.com', 'Victor'),
    (:'w', 'idp|wendy', 'wendy@example.com', 'Wendy'),
    (:'b', 'idp|bart', 'bart@example.com', 'Bart');
INSERT INTO user_mgmt.institution (id, name, slug) VALUES (:'g', 'Gym G', 'gym-g'), (:'h', 'Gym H', 'gym-h');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES
    (:'g', :'m', 'coach'), (:'h', :'w', 'member'), (:'h', :'b', 'member');
SELECT fitness.grant_role(:'m', 'user') IS NOT NULL AS mallory_user,
       fitness.grant_role(:'w', 'user') IS NOT NULL AS wendy_user,
       fitness.grant_role(:'b', 'user') IS NOT NULL AS bart_user,
       fitness.grant_role(:'b', 'member', :'h') IS NOT NULL AS bart_member;
SELECT pg_temp.token('idp|mallory') AS tok_m, pg_temp.token('idp|wendy') AS tok_w,
       pg_temp.token(:'v') AS tok_v, pg_temp.token('idp|mallory', jsonb_build_object('inst', :'g')) AS tok_m_g,
       pg_temp.token('idp|bart') AS tok_b \gset

-- ---------------------------------------------------------------------------------------
-- 1. A user undoes their own revocation with fitness.restore
-- ---------------------------------------------------------------------------------------
SELECT fitness.grant_role(:'m', 'platform_admin', NULL, NULL, 'on call') AS admin_grant \gset
SELECT fitness.grant_role(:'m', 'coach', :'g', NULL, 'coaching') AS coach_grant \gset
SELECT fitness.revoke_role(:'m', 'platform_admin', NULL, 'left the on-call team') AS revoked_admin,
       fitness.revoke_role(:'m', 'coach', :'g', 'no longer coaching') AS revoked_coach;
DELETE FROM user_mgmt.institution_member WHERE institution_id = :'g' AND user_id = :'m';
SELECT id AS membership FROM user_mgmt.institution_member WHERE institution_id = :'g' AND user_id = :'m' \gset
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m', false) = :'m' AS mallory_signed_in;
SELECT fitness.is_platform_admin() AS admin_before, fitness.is_member(:'g') AS member_before;
SELECT fitness.restore('user_mgmt.user_role', :'admin_grant');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.restore('user_mgmt.user_role', :'coach_grant');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.restore('user_mgmt.institution_member', :'membership');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.is_platform_admin() AS admin_after, fitness.has_role('coach', :'g') AS coach_after,
       fitness.is_member(:'g') AS member_after;
RESET ROLE;
SELECT count(*) FILTER (WHERE is_active) AS grants_back FROM user_mgmt.user_role WHERE id IN (:'admin_grant', :'coach_grant');
SELECT is_active AS membership_back FROM user_mgmt.institution_member WHERE id = :'membership';
SELECT fitness.clear_context();

-- What restore still does, decided as an UPDATE by that user would be: the owner gets her
-- workout back with its sets; another user's favorite of it, which the owner cannot see, stays
-- deleted (its owner restores it); a row the caller could not see at all is not there (0); a
-- row she sees but may not write is refused.
INSERT INTO content.workout (id, owner_id, name, visibility) VALUES
    ('00000000-0000-7000-8000-00005ec01001', :'m', 'Mallory public', 'public'),
    ('00000000-0000-7000-8000-00005ec01002', :'w', 'Wendy private', 'private'),
    ('00000000-0000-7000-8000-00005ec01003', :'w', 'Wendy public', 'public');
INSERT INTO content.exercise (id, slug, name, visibility, status)
VALUES ('00000000-0000-7000-8000-00005ec01a01', 'security-squat', 'Security squat', 'public', 'published');
INSERT INTO content.workout_set (workout_id, position, exercise_id, target_reps_min, target_reps_max)
VALUES ('00000000-0000-7000-8000-00005ec01001', 1, '00000000-0000-7000-8000-00005ec01a01', 5, 8);
INSERT INTO platform.favorite (id, user_id, entity_type, entity_id) VALUES
    ('00000000-0000-7000-8000-00005ec02001', :'w', 'workout', '00000000-0000-7000-8000-00005ec01001');
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
DELETE FROM content.workout WHERE id = '00000000-0000-7000-8000-00005ec01001';
COMMIT;
SELECT is_active AS wendys_favorite_active FROM platform.favorite WHERE id = '00000000-0000-7000-8000-00005ec02001';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_w') IS NOT NULL AS wendy;
DELETE FROM content.workout WHERE id IN ('00000000-0000-7000-8000-00005ec01002', '00000000-0000-7000-8000-00005ec01003');
COMMIT;
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-00005ec01001') AS own_workout_restored;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-00005ec01002') AS others_private_restored;
SAVEPOINT s;
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-00005ec01003');
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT id, is_active FROM content.workout WHERE id::text LIKE '00000000-0000-7000-8000-00005ec0100%' ORDER BY id;
SELECT is_active AS set_restored_with_it FROM content.workout_set WHERE workout_id = '00000000-0000-7000-8000-00005ec01001';
SELECT is_active AS wendys_favorite_still_deleted FROM platform.favorite WHERE id = '00000000-0000-7000-8000-00005ec02001';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_w') IS NOT NULL AS wendy;
SELECT fitness.restore('platform.favorite', '00000000-0000-7000-8000-00005ec02001') AS her_favorite_restored;
COMMIT;
-- purge and hard_delete stay operators' work
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
SELECT fitness.hard_delete('content.workout', '00000000-0000-7000-8000-00005ec01001');
ROLLBACK;
BEGIN;
SET LOCAL ROLE fitness_service;
SELECT fitness.purge('content.workout', '0 seconds');
ROLLBACK;
-- and go through the caller's grants: an operator whose DELETE privilege on a table was
-- taken away cannot hard-delete there either
BEGIN;
REVOKE DELETE ON content.workout FROM fitness_admin;
SET LOCAL ROLE fitness_admin;
SELECT fitness.hard_delete('content.workout', '00000000-0000-7000-8000-00005ec01002');
ROLLBACK;

-- ---------------------------------------------------------------------------------------
-- 2. A banned user keeps acting
-- ---------------------------------------------------------------------------------------
-- Bart's session-wide context; an operator bans him (soft delete: the account, its
-- membership and role grants) in this same backend, as a pooled connection would see it
-- (test/identity/specs/ban_sessions.spec does it from another session).
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_b', false) = :'b' AS bart_session;
SELECT fitness.has_role('member', :'h') AS bart_is_member;
RESET ROLE;
BEGIN;
DELETE FROM user_mgmt.app_user WHERE id = :'b';
COMMIT;
SET ROLE fitness_app;
SELECT fitness.current_user_id() AS acting_after_ban, fitness.has_role('member', :'h') AS member_after_ban;
SELECT fitness.restore('user_mgmt.app_user', :'b') AS restored_himself;
RESET ROLE;
SELECT is_active AS bart_active FROM user_mgmt.app_user WHERE id = :'b';
SELECT fitness.authenticate(:'tok_b');
-- an operator lifts the ban: account, membership and both grants come back
SELECT fitness.restore('user_mgmt.app_user', :'b') AS operator_restores;
-- the same for the institution a context names: membership suspended, institution closed
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role) VALUES (:'g', :'m', 'member');
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m_g', false) = :'m' AS mallory_in_g;
RESET ROLE;
UPDATE user_mgmt.institution_member SET status = 'suspended' WHERE institution_id = :'g' AND user_id = :'m' AND is_active;
SELECT fitness.current_user_id() AS acting_after_suspension, fitness.current_institution_id() AS institution;
UPDATE user_mgmt.institution_member SET status = 'active' WHERE institution_id = :'g' AND user_id = :'m' AND is_active;
SELECT fitness.current_user_id() AS still_gone_after_reinstatement;
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m_g', false) = :'m' AS signed_in_again;
RESET ROLE;
DELETE FROM user_mgmt.institution WHERE id = :'g';
SELECT fitness.current_user_id() AS acting_after_closure;
SELECT fitness.restore('user_mgmt.institution', :'g') > 0 AS gym_reopened;
-- a parallel query after the ban: its workers, which read the setting, find no context
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m', false) = :'m' AS mallory_session;
RESET ROLE;
UPDATE user_mgmt.app_user SET is_active = false, deleted_at = now() WHERE id = :'m';
BEGIN;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
SELECT count(*) AS worker_rows_with_her_context FROM core.muscle m WHERE m.id <> coalesce(fitness.current_user_id(), m.id);
COMMIT;
UPDATE user_mgmt.app_user SET is_active = true, deleted_at = NULL WHERE id = :'m';

-- ---------------------------------------------------------------------------------------
-- 3. Login identity takeover
-- ---------------------------------------------------------------------------------------
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
SAVEPOINT s;
UPDATE user_mgmt.app_user SET auth_subject = :'v' WHERE id = fitness.current_user_id();
ROLLBACK TO SAVEPOINT s;
UPDATE user_mgmt.app_user SET auth_subject = 'idp|newcomer' WHERE id = fitness.current_user_id();
ROLLBACK TO SAVEPOINT s;
UPDATE user_mgmt.app_user SET email = 'victor.new@example.com' WHERE id = fitness.current_user_id();
ROLLBACK TO SAVEPOINT s;
UPDATE user_mgmt.app_user SET email_verified_at = now() WHERE id = fitness.current_user_id();
ROLLBACK TO SAVEPOINT s;
INSERT INTO user_mgmt.app_user (auth_subject, display_name) VALUES ('idp|newcomer', 'Squatter');
ROLLBACK TO SAVEPOINT s;
UPDATE user_mgmt.app_user SET display_name = 'Mal' WHERE id = fitness.current_user_id();
COMMIT;
-- The trusted backend links accounts to their subjects ...
BEGIN;
SET LOCAL ROLE fitness_service;
SELECT fitness.set_context(:'m');
UPDATE user_mgmt.app_user SET auth_subject = 'idp|mallory-2' WHERE id = :'m';
ROLLBACK;
-- ... but nobody may link an account to a subject that is another account's id, nor create
-- an account whose id is another account's subject
BEGIN;
SET LOCAL ROLE fitness_admin;
SAVEPOINT s;
UPDATE user_mgmt.app_user SET auth_subject = :'v' WHERE id = :'m';
ROLLBACK TO SAVEPOINT s;
INSERT INTO user_mgmt.app_user (id, display_name) VALUES ('00000000-0000-7000-8000-00005ec00009', 'Subject twin');
UPDATE user_mgmt.app_user SET auth_subject = '00000000-0000-7000-8000-00005ec00009' WHERE id = '00000000-0000-7000-8000-00005ec00009';
SELECT auth_subject AS its_own_id_is_fine FROM user_mgmt.app_user WHERE id = '00000000-0000-7000-8000-00005ec00009';
ROLLBACK TO SAVEPOINT s;
-- (another spelling of a uuid is a plain subject: authenticate reads only the canonical
-- lower-case form as an id, so it cannot reach Victor)
UPDATE user_mgmt.app_user SET auth_subject = upper(:'v') WHERE id = :'m';
SELECT auth_subject = upper(:'v') AS uppercase_is_a_subject FROM user_mgmt.app_user WHERE id = :'m';
ROLLBACK TO SAVEPOINT s;
UPDATE user_mgmt.app_user SET auth_subject = '00000000-0000-7000-8000-00005ec00008' WHERE id = :'w';
INSERT INTO user_mgmt.app_user (id, display_name) VALUES ('00000000-0000-7000-8000-00005ec00008', 'Twin of Wendy''s subject');
ROLLBACK;
-- ... and should one exist anyway (written with triggers off), an id wins over a subject:
-- Victor's token still signs in Victor.
SET session_replication_role = replica;
UPDATE user_mgmt.app_user SET auth_subject = :'v' WHERE id = :'m';
RESET session_replication_role;
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_v') = :'v' AS victors_token_is_victor;
RESET ROLE;
-- a sub in another spelling of a uuid is looked up as a subject
UPDATE user_mgmt.app_user SET auth_subject = upper(:'v') WHERE id = :'m';
SET ROLE fitness_app;
SELECT fitness.authenticate(pg_temp.token(upper(:'v'))) = :'m' AS uppercase_sub_is_mallorys_subject;
RESET ROLE;
UPDATE user_mgmt.app_user SET auth_subject = 'idp|mallory' WHERE id = :'m';
SELECT fitness.clear_context();

-- ---------------------------------------------------------------------------------------
-- 4. A failed authenticate keeps the previous context
-- ---------------------------------------------------------------------------------------
SET ROLE fitness_app;
SELECT fitness.authenticate(:'tok_w', false) = :'w' AS wendy_session;
SELECT fitness.authenticate('not-a-token', false);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.current_user_id() AS after_failed_authenticate;
-- after an exception the caller caught
SELECT fitness.authenticate(:'tok_w', false) = :'w' AS wendy_session;
DO $$ BEGIN PERFORM fitness.authenticate('x.y.z', false);
EXCEPTION WHEN invalid_authorization_specification THEN NULL; END $$;
SELECT fitness.current_user_id() AS after_caught_failure;
-- after a rollback of the transaction that failed
SELECT fitness.authenticate(:'tok_w', false) = :'w' AS wendy_session;
BEGIN;
SELECT fitness.authenticate(pg_temp.token('idp|nobody'));
ROLLBACK;
SELECT fitness.current_user_id() AS after_rolled_back_failure;
-- a transaction-local context set before a failure inside a savepoint
BEGIN;
SELECT fitness.authenticate(:'tok_w') = :'w' AS wendy_local;
SAVEPOINT s;
SELECT fitness.authenticate(:'tok_w' || 'x');
ROLLBACK TO SAVEPOINT s;
SELECT fitness.current_user_id() AS after_savepoint_failure;
COMMIT;
-- parallel workers do not act on the refused context either
SELECT fitness.authenticate(:'tok_w', false) = :'w' AS wendy_session;
SELECT fitness.authenticate(NULL, false);
BEGIN;
SET LOCAL min_parallel_table_scan_size = 0;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_leader_participation = off;
-- (the filter runs in the workers only: leader participation is off)
EXPLAIN (COSTS OFF) SELECT count(*) FROM core.muscle m WHERE m.id <> coalesce(fitness.current_user_id(), m.id);
SELECT count(*) AS worker_rows_with_a_context FROM core.muscle m WHERE m.id <> coalesce(fitness.current_user_id(), m.id);
COMMIT;
-- a new successful authenticate counts again
SELECT fitness.authenticate(:'tok_w', false) = :'w' AS wendy_again, fitness.current_user_id() = :'w' AS acting;
SELECT fitness.clear_context();
RESET ROLE;
-- the same for the trusted backend's set_context
SET ROLE fitness_service;
SELECT fitness.set_context(:'w', NULL, false);
SELECT fitness.set_context('00000000-0000-7000-8000-00000000dead', NULL, false);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.current_user_id() AS after_failed_set_context;
RESET ROLE;

-- ---------------------------------------------------------------------------------------
-- 5. Cross-tenant reads and writes outside the tenancy map
-- ---------------------------------------------------------------------------------------
-- Wendy's private workout carries a tag and a translation; a workout of gym H's library
-- (institution visibility) carries Wendy's published rating and so its rating summary.
INSERT INTO content.workout (id, owner_id, institution_id, name, visibility) VALUES
    ('00000000-0000-7000-8000-00005ec01004', :'w', NULL, 'Wendy secret plan', 'private'),
    ('00000000-0000-7000-8000-00005ec01005', NULL, :'h', 'Gym H members only', 'institution'),
    ('00000000-0000-7000-8000-00005ec01006', :'w', NULL, 'Wendy shared', 'public');
INSERT INTO core.entity_tag (entity_type, entity_id, tag_id)
SELECT 'workout', '00000000-0000-7000-8000-00005ec01004', t.id FROM core.tag t ORDER BY t.code LIMIT 1;
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('workout', '00000000-0000-7000-8000-00005ec01004', 'name', 'de', 'Wendys geheimer Plan');
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id, review)
SELECT :'w', 'workout', '00000000-0000-7000-8000-00005ec01005', 5, s.id, 'Great for members'
  FROM platform.rating_status s WHERE s.code = 'published';
INSERT INTO platform.activity (user_id, activity_type_id, visibility, entity_type, entity_id)
SELECT :'w', t.id, 'public', 'workout', '00000000-0000-7000-8000-00005ec01004'
  FROM platform.activity_type t WHERE t.code = 'session_completed';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
SELECT (SELECT count(*) FROM core.entity_tag WHERE entity_id = '00000000-0000-7000-8000-00005ec01004') AS tags,
       (SELECT count(*) FROM platform.translation WHERE entity_id = '00000000-0000-7000-8000-00005ec01004') AS translations,
       (SELECT count(*) FROM platform.activity WHERE entity_id = '00000000-0000-7000-8000-00005ec01004') AS activity,
       (SELECT count(*) FROM platform.rating WHERE entity_id = '00000000-0000-7000-8000-00005ec01005') AS ratings,
       (SELECT count(*) FROM platform.rating_summary WHERE entity_id = '00000000-0000-7000-8000-00005ec01005') AS summaries;
SAVEPOINT s;
-- rating or favoriting what she cannot read, or what does not exist
INSERT INTO platform.rating (user_id, entity_type, entity_id, score)
VALUES (fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00005ec01005', 1);
ROLLBACK TO SAVEPOINT s;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score)
VALUES (fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00000000ffff', 1);
ROLLBACK TO SAVEPOINT s;
INSERT INTO platform.favorite (user_id, entity_type, entity_id)
VALUES (fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00005ec01004');
ROLLBACK TO SAVEPOINT s;
INSERT INTO platform.favorite (user_id, entity_type, entity_id)
VALUES (fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00005ec01003');
ROLLBACK TO SAVEPOINT s;
-- (a readable, active target is fine)
INSERT INTO platform.favorite (user_id, entity_type, entity_id)
VALUES (fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00005ec01006');
ROLLBACK TO SAVEPOINT s;
INSERT INTO core.entity_tag (entity_type, entity_id, tag_id)
SELECT 'workout', '00000000-0000-7000-8000-00005ec01004', t.id FROM core.tag t ORDER BY t.code LIMIT 1;
ROLLBACK TO SAVEPOINT s;
-- taking over what she can only read: Wendy's public workout rewritten into her own (the
-- new row would pass the write check; the row as it is does not): nothing is updated
UPDATE content.workout SET owner_id = fitness.current_user_id(), name = 'Mine now'
 WHERE id = '00000000-0000-7000-8000-00005ec01006';
COMMIT;
SELECT owner_id = :'w' AS still_wendys, name FROM content.workout WHERE id = '00000000-0000-7000-8000-00005ec01006';
-- moderation is the server's: with moderation required, a new rating is pending whatever the
-- author sent, and the author cannot publish it afterwards
UPDATE platform.system_setting SET value = 'true' WHERE key = 'rating.moderation_required';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id, moderated_by, moderated_at)
SELECT '00000000-0000-7000-8000-00005ec03001', fitness.current_user_id(), 'workout', '00000000-0000-7000-8000-00005ec01006', 1,
       s.id, fitness.current_user_id(), now() FROM platform.rating_status s WHERE s.code = 'published';
SELECT s.code AS status_she_got, r.moderated_by IS NULL AS unmoderated
  FROM platform.rating r JOIN platform.rating_status s ON s.id = r.rating_status_id
 WHERE r.id = '00000000-0000-7000-8000-00005ec03001';
SAVEPOINT s;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'published')
 WHERE id = '00000000-0000-7000-8000-00005ec03001';
ROLLBACK TO SAVEPOINT s;
UPDATE platform.rating SET review = 'Edited', score = 2 WHERE id = '00000000-0000-7000-8000-00005ec03001';
COMMIT;
-- a moderator (platform admin) publishes it; moderated_by and moderated_at are recorded
SELECT fitness.grant_role(:'v', 'platform_admin', NULL, NULL, 'moderation shift') IS NOT NULL AS victor_moderates;
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_v') IS NOT NULL AS victor;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'published')
 WHERE id = '00000000-0000-7000-8000-00005ec03001';
COMMIT;
SELECT s.code AS status, r.moderated_by = :'v' AS by_victor, r.moderated_at IS NOT NULL AS dated, r.review
  FROM platform.rating r JOIN platform.rating_status s ON s.id = r.rating_status_id
 WHERE r.id = '00000000-0000-7000-8000-00005ec03001';
SELECT fitness.revoke_role(:'v', 'platform_admin', NULL, 'shift over') AS shift_over;
UPDATE platform.system_setting SET value = 'false' WHERE key = 'rating.moderation_required';
-- Catalogue: every table holding user data that an application role can read has
-- row-level security enabled and forced (those of fitness_service's own work are listed in
-- README "Row-level security" and checked here by name).
SELECT c.oid::regclass AS readable_user_data_without_rls
FROM pg_class c
WHERE c.relnamespace IN ('core'::regnamespace, 'user_mgmt'::regnamespace, 'content'::regnamespace, 'platform'::regnamespace)
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition
  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
  AND (has_table_privilege('fitness_app', c.oid, 'SELECT') OR has_table_privilege('fitness_service', c.oid, 'SELECT'))
  AND (EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f'
                AND k.confrelid IN ('user_mgmt.app_user'::regclass, 'user_mgmt.institution'::regclass))
       OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND NOT a.attisdropped AND a.attnum > 0
                   AND (a.attname IN ('entity_id', 'user_id', 'owner_id', 'institution_id', 'scope_id')
                        OR col_description(c.oid, a.attnum) LIKE 'pii:%')))
  AND c.oid NOT IN ('platform.system_event'::regclass, 'platform.translation_request'::regclass)
ORDER BY 1;
SELECT t AS service_only_table, has_table_privilege('fitness_app', t, 'SELECT') AS app_reads,
       has_table_privilege('fitness_service', t, 'SELECT') AS service_reads
FROM unnest(ARRAY['platform.system_event', 'platform.translation_request', 'platform.translation_cache',
                  'platform.error']) AS t ORDER BY 1;

-- ---------------------------------------------------------------------------------------
-- 6. Audit entries name the role that issued the statement
-- ---------------------------------------------------------------------------------------
SELECT operation, db_role FROM platform.audit_log
 WHERE record_id = '00000000-0000-7000-8000-00005ec01001' AND operation IN ('SOFT_DELETE', 'RESTORE')
 ORDER BY occurred_at, operation;
SELECT operation, db_role FROM platform.audit_log
 WHERE record_id = '00000000-0000-7000-8000-00005ec02001' AND operation <> 'INSERT' ORDER BY occurred_at, operation;
BEGIN;
SET LOCAL ROLE fitness_admin;
SELECT fitness.revoke_role(:'w', 'user', NULL, 'audit role check') AS revoked, txid_current() AS revoke_txid \gset
COMMIT;
SELECT table_name, operation, db_role FROM platform.audit_log WHERE txid = :revoke_txid ORDER BY 1, 2;
SELECT payload ->> 'db_role' AS event_db_role FROM platform.system_event
 WHERE event_type = 'role.revoked' AND aggregate_id = :'w';
SELECT fitness.grant_role(:'w', 'user') IS NOT NULL AS wendy_user_again;
-- A superuser can switch the protection off; it is recorded and warned about, and
-- fitness.audit_protection_gaps() shows it until it is restored.
ALTER TABLE content.workout DISABLE TRIGGER fitness_audit_update;
SELECT * FROM fitness.audit_protection_gaps();
SELECT payload ->> 'problem' AS recorded_problem, payload ->> 'object' AS object FROM platform.system_event
 WHERE event_type = 'audit.protection_changed' ORDER BY occurred_at DESC LIMIT 1;
ALTER TABLE content.workout ENABLE TRIGGER fitness_audit_update;
ALTER TABLE platform.audit_log DISABLE TRIGGER audit_log_append_only;
ALTER TABLE platform.audit_log ENABLE TRIGGER audit_log_append_only;
SELECT count(*) AS gaps_left FROM fitness.audit_protection_gaps();
SET ROLE fitness_admin;
SELECT count(*) AS admin_checks_gaps FROM fitness.audit_protection_gaps();
RESET ROLE;
-- the watch stays out of other roles' DDL (a user's own temporary table)
SET ROLE fitness_app;
CREATE TEMP TABLE app_scratch (x integer);
ALTER TABLE app_scratch ADD COLUMN y integer;
CREATE FUNCTION pg_temp.scratch_trigger() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER fitness_audit_insert BEFORE INSERT ON app_scratch FOR EACH ROW EXECUTE FUNCTION pg_temp.scratch_trigger();
DROP TRIGGER fitness_audit_insert ON app_scratch;
DROP TABLE app_scratch;
RESET ROLE;

-- ---------------------------------------------------------------------------------------
-- 7. Lower: register_entities for fitness_admin, strict tokens
-- ---------------------------------------------------------------------------------------
SET ROLE fitness_admin;
SELECT fitness.register_entities() AS attached_nothing_new;
-- the policy generator works for operators, also for tables with permission-bound branches
SELECT fitness.tenancy_predicate('content.workout', 'read', 'w') AS admin_predicate \gset
RESET ROLE;
SELECT :'admin_predicate' = fitness.tenancy_predicate('content.workout', 'read', 'w') AS same_as_superuser,
       :'admin_predicate' LIKE '%permitted_institution_ids%' AS has_permission_arm;
SET ROLE fitness_app;
-- a duplicated claim, in the payload or the header
SELECT fitness.authenticate(pg_temp.jws('{"alg":"HS256"}',
    format('{"sub":"idp|wendy","sub":"idp|mallory","exp":%s}', extract(epoch FROM now() + interval '1 hour')::bigint)));
SELECT fitness.authenticate(pg_temp.jws('{"alg":"none","alg":"HS256"}',
    format('{"sub":"idp|wendy","exp":%s}', extract(epoch FROM now() + interval '1 hour')::bigint)));
SELECT fitness.authenticate(pg_temp.jws('{"alg":"HS256"}',
    format('{"sub":"idp|wendy","exp":%s,"x":{"a":1,"a":2}}', extract(epoch FROM now() + interval '1 hour')::bigint)));
-- exp past the year 9999, iat in the future beyond the leeway, iat not a number
SELECT fitness.authenticate(pg_temp.jws('{"alg":"HS256"}', '{"sub":"idp|wendy","exp":253402300800}'));
SELECT fitness.authenticate(pg_temp.jws('{"alg":"HS256"}', '{"sub":"idp|wendy","exp":1e300}'));
SELECT fitness.authenticate(pg_temp.token('idp|wendy', jsonb_build_object('iat', extract(epoch FROM now() + interval '1 hour')::bigint)));
SELECT fitness.authenticate(pg_temp.token('idp|wendy', '{"iat":"yesterday"}'));
-- within the leeway is fine
SELECT fitness.authenticate(pg_temp.token('idp|wendy', jsonb_build_object('iat', extract(epoch FROM now() + interval '10 seconds')::bigint))) = :'w' AS iat_within_leeway;
RESET ROLE;
SELECT fitness.clear_context();

-- ---------------------------------------------------------------------------------------
-- 8. A hostile search_path does not reach the extension's own SQL
-- ---------------------------------------------------------------------------------------
-- The C functions that run SQL (helpers filling the authorization cache, the stamp, audit,
-- ownership and soft-delete triggers, restore) do it through pg::SpiSession, which pins
-- search_path to pg_catalog, pg_temp for the call. A caller who puts a schema of their own
-- before pg_catalog, with = on uuid and text and statement_timestamp() that raise, reaches
-- none of it. (The SQL-language functions pin search_path in their definition: install.sql.)
CREATE SCHEMA hostile;
GRANT USAGE ON SCHEMA hostile TO PUBLIC;
CREATE FUNCTION hostile.eq(uuid, uuid) RETURNS boolean LANGUAGE plpgsql AS
    $$BEGIN RAISE EXCEPTION 'hostile uuid = reached'; END$$;
CREATE FUNCTION hostile.eq(text, text) RETURNS boolean LANGUAGE plpgsql AS
    $$BEGIN RAISE EXCEPTION 'hostile text = reached'; END$$;
CREATE OPERATOR hostile.= (LEFTARG = uuid, RIGHTARG = uuid, FUNCTION = hostile.eq);
CREATE OPERATOR hostile.= (LEFTARG = text, RIGHTARG = text, FUNCTION = hostile.eq);
CREATE FUNCTION hostile.statement_timestamp() RETURNS timestamptz LANGUAGE plpgsql AS
    $$BEGIN RAISE EXCEPTION 'hostile statement_timestamp reached'; END$$;
-- an RBAC change, so that the helpers below load Mallory's authorization data again
UPDATE core.permission SET description = description WHERE code LIKE 'workout.%';
BEGIN;
SET LOCAL ROLE fitness_app;
SET LOCAL search_path = hostile, pg_catalog;
SAVEPOINT s;
SELECT '00000000-0000-7000-8000-00005ec01a02'::uuid = '00000000-0000-7000-8000-00005ec01a02'::uuid AS hostile_operator_in_force;
ROLLBACK TO SAVEPOINT s;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory,
       fitness.has_permission('workout.read') AS can_read_workouts,
       cardinality(fitness.my_institution_ids()) AS institutions;
INSERT INTO content.workout (id, owner_id, name, visibility)
VALUES ('00000000-0000-7000-8000-00005ec01a02', fitness.current_user_id(), 'Mallory hostile path', 'private');
UPDATE content.workout SET description = 'edited' WHERE name LIKE 'Mallory hostile%';
DELETE FROM content.workout WHERE name LIKE 'Mallory hostile%';
SELECT fitness.restore('content.workout', '00000000-0000-7000-8000-00005ec01a02') AS restored;
SELECT name, description, is_active FROM content.workout WHERE name LIKE 'Mallory hostile%';
COMMIT;
SELECT count(*) AS audit_entries FROM platform.audit_log
 WHERE table_name LIKE 'workout' AND record_id IN ('00000000-0000-7000-8000-00005ec01a02');
DROP SCHEMA hostile CASCADE;

-- ---------------------------------------------------------------------------------------
-- 9. Secret settings (the translation provider's API key) are not the application's
-- ---------------------------------------------------------------------------------------
UPDATE platform.system_setting SET value = '"provider-key-of-the-suite"' WHERE key = 'translation.provider_api_key';
BEGIN;
SET LOCAL ROLE fitness_app;
SELECT fitness.authenticate(:'tok_m') IS NOT NULL AS mallory;
SELECT count(*) AS secret_rows_seen FROM platform.system_setting
 WHERE is_secret OR key = 'translation.provider_api_key' OR value::text LIKE '%provider-key%';
SELECT count(*) > 0 AS other_settings_readable FROM platform.system_setting WHERE key = 'rating.moderation_required';
COMMIT;
BEGIN;
SET LOCAL ROLE fitness_app;  -- no context at all
SELECT count(*) AS secret_rows_seen_without_context FROM platform.system_setting WHERE is_secret;
COMMIT;
BEGIN;
SET LOCAL ROLE fitness_service;  -- the translation worker
SELECT value #>> '{}' AS worker_reads FROM platform.system_setting WHERE key = 'translation.provider_api_key';
COMMIT;
BEGIN;
SET LOCAL ROLE fitness_admin;  -- operators set it
UPDATE platform.system_setting SET value = '""' WHERE key = 'translation.provider_api_key';
COMMIT;
SELECT value AS key_after_reset FROM platform.system_setting WHERE key = 'translation.provider_api_key';

-- clean up
SET session_replication_role = replica;
DELETE FROM platform.favorite WHERE user_id IN (:'m', :'v', :'w', :'b');
DELETE FROM platform.rating WHERE user_id IN (:'m', :'v', :'w', :'b');
DELETE FROM platform.activity WHERE user_id IN (:'m', :'v', :'w', :'b');
DELETE FROM platform.translation WHERE entity_id::text LIKE '00000000-0000-7000-8000-00005ec010%';
DELETE FROM platform.rating_summary WHERE entity_id::text LIKE '00000000-0000-7000-8000-00005ec010%';
DELETE FROM core.entity_tag WHERE entity_id::text LIKE '00000000-0000-7000-8000-00005ec010%';
DELETE FROM content.workout WHERE id::text LIKE '00000000-0000-7000-8000-00005ec010%'
                               OR id = '00000000-0000-7000-8000-00005ec01a02';
DELETE FROM content.workout_set WHERE exercise_id = '00000000-0000-7000-8000-00005ec01a01';
DELETE FROM content.exercise WHERE id = '00000000-0000-7000-8000-00005ec01a01';
DELETE FROM user_mgmt.user_role WHERE user_id IN (:'m', :'v', :'w', :'b');
DELETE FROM user_mgmt.institution_member WHERE user_id IN (:'m', :'v', :'w', :'b');
DELETE FROM user_mgmt.institution WHERE id IN (:'g', :'h');
DELETE FROM user_mgmt.app_user WHERE id IN (:'m', :'v', :'w', :'b');
RESET session_replication_role;
DELETE FROM fitness.jwt_key WHERE kid = 'security-suite';
