-- Rating moderation (src/rules/rating_moderation.cpp, the BEFORE INSERT OR UPDATE trigger
-- rating_moderation on platform.rating): a new rating starts in the status the platform
-- setting rating.moderation_required says, whatever the client sent; the moderation columns
-- change only by a moderator (permission rating.moderate, a platform admin, fitness_admin or
-- a superuser), who is recorded in moderated_by / moderated_at.
\set a   '00000000-0000-7000-8000-0000000e0001'
\set mo  '00000000-0000-7000-8000-0000000e0002'
\set pa  '00000000-0000-7000-8000-0000000e0003'
\set w1  '00000000-0000-7000-8000-0000000e0101'
\set w2  '00000000-0000-7000-8000-0000000e0102'
\set w3  '00000000-0000-7000-8000-0000000e0103'
\set w4  '00000000-0000-7000-8000-0000000e0104'
\set w5  '00000000-0000-7000-8000-0000000e0105'
\set w6  '00000000-0000-7000-8000-0000000e0106'
\set r1  '00000000-0000-7000-8000-0000000e0201'
\set r2  '00000000-0000-7000-8000-0000000e0202'
\set r4  '00000000-0000-7000-8000-0000000e0204'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'a', 'Author', 'author@rules.test'), (:'mo', 'Moderator', 'moderator@rules.test'),
    (:'pa', 'Platform admin', 'admin@rules.test');
-- The moderator holds rating.moderate through a platform role of its own, nothing more.
INSERT INTO core.role (code, name, scope, rank) VALUES ('rules_test_moderator', 'Rating moderator', 'platform', 10);
INSERT INTO core.role_permission (role_id, permission_id)
SELECT r.id, p.id FROM core.role r, core.permission p
 WHERE r.code = 'rules_test_moderator' AND p.code = 'rating.moderate';
INSERT INTO user_mgmt.user_role (user_id, role_id)
SELECT :'mo'::uuid, id FROM core.role WHERE code = 'rules_test_moderator'
UNION ALL SELECT :'pa'::uuid, id FROM core.role WHERE code = 'platform_admin';
INSERT INTO content.workout (id, owner_id, name, visibility) VALUES
    (:'w1', :'pa', 'Public one', 'public'), (:'w2', :'pa', 'Public two', 'public'),
    (:'w3', :'pa', 'Public three', 'public'), (:'w4', :'pa', 'Public four', 'public'),
    (:'w5', :'pa', 'Public five', 'public'), (:'w6', :'pa', 'Public six', 'public');
CREATE VIEW rating_state AS
SELECT r.user_id, r.entity_id, s.code AS status, r.moderated_by, r.moderated_at IS NOT NULL AS moderated_at_set,
       r.moderation_note, r.score, r.review
  FROM platform.rating r JOIN platform.rating_status s ON s.id = r.rating_status_id;
GRANT SELECT ON rating_state TO fitness_app;

-- 1. Moderation off (the default): a new rating is published, whatever status, moderator
--    and note the author sent.
SELECT value AS moderation_required FROM platform.system_setting WHERE key = 'rating.moderation_required';
BEGIN;
SELECT fitness.set_context(:'a');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id, moderated_by, moderated_at, moderation_note)
SELECT :'r1', :'a', 'workout', :'w1', 4, s.id, :'a', now(), 'self-approved'
  FROM platform.rating_status s WHERE s.code = 'rejected';
SELECT status, moderated_by, moderated_at_set, moderation_note FROM rating_state WHERE entity_id = :'w1';
COMMIT;

-- 2. Moderation on: new ratings are pending, every row of a multi-row INSERT, also one that
--    asked for published.
UPDATE platform.system_setting SET value = 'true' WHERE key = 'rating.moderation_required';
BEGIN;
SELECT fitness.set_context(:'a');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id)
SELECT CASE WHEN w = :'w2' THEN :'r2'::uuid ELSE fitness.uuid_generate_v7() END, :'a', 'workout', w, 5, s.id
  FROM unnest(ARRAY[:'w2', :'w3']::uuid[]) w, platform.rating_status s WHERE s.code = 'published';
SELECT entity_id = :'w2' AS is_w2, status, moderated_by IS NULL AS unmoderated
  FROM rating_state WHERE entity_id IN (:'w2', :'w3') ORDER BY 1;
COMMIT;

-- 3. The author may edit score and review, not one moderation column (42501 naming the
--    rating); nothing of a refused statement is written.
BEGIN;
SELECT fitness.set_context(:'a');
SET LOCAL ROLE fitness_app;
UPDATE platform.rating SET score = 3, review = 'Edited' WHERE id = :'r2';
SAVEPOINT s;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'published') WHERE id = :'r2';
ROLLBACK TO SAVEPOINT s;
UPDATE platform.rating SET moderated_by = :'a', moderated_at = now() WHERE id = :'r2';
ROLLBACK TO SAVEPOINT s;
UPDATE platform.rating SET moderation_note = 'looks fine to me' WHERE id = :'r2';
ROLLBACK TO SAVEPOINT s;
UPDATE platform.rating SET moderated_at = now() WHERE id = :'r2';
ROLLBACK TO SAVEPOINT s;
-- a statement touching two ratings is refused as a whole
UPDATE platform.rating SET score = 1, moderation_note = CASE WHEN id = :'r2' THEN 'x' END WHERE user_id = :'a' AND entity_id IN (:'w2', :'w3');
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT status, score, review, moderation_note FROM rating_state WHERE entity_id = :'w2';

-- 4. A platform admin publishes it: moderated_by is the acting user and moderated_at is
--    set, whatever the statement wrote there. (Through fitness_app a holder of
--    rating.moderate alone reaches only the ratings row-level security shows them: the
--    tenancy map leaves other users' pending ratings to platform admins.)
BEGIN;
SELECT fitness.set_context(:'pa');
SET LOCAL ROLE fitness_app;
UPDATE platform.rating
   SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'published'),
       moderated_by = :'a', moderation_note = 'checked'
 WHERE id = :'r2';
COMMIT;
SELECT status, moderated_by = :'pa' AS by_admin, moderated_at_set, moderation_note, score
  FROM rating_state WHERE entity_id = :'w2';

-- 5. A moderator (rating.moderate) may file a rating in any status, and must name one (the
--    column has no default); a platform admin may reject one.
BEGIN;
SELECT fitness.set_context(:'mo');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'r4', :'mo', 'workout', :'w4', 2, s.id FROM platform.rating_status s WHERE s.code = 'published';
SELECT status, moderated_by IS NULL AS unmoderated FROM rating_state WHERE entity_id = :'w4';
SAVEPOINT s;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score) VALUES (:'mo', 'workout', :'w6', 2);
ROLLBACK TO SAVEPOINT s;
COMMIT;
BEGIN;
SELECT fitness.set_context(:'pa');
SET LOCAL ROLE fitness_app;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'rejected')
 WHERE entity_id = :'w4';
COMMIT;
SELECT status, moderated_by = :'pa' AS by_admin, moderated_at_set FROM rating_state WHERE entity_id = :'w4';

-- 6. fitness_admin (an operator, no identity context) moderates too; moderated_by stays
--    empty (no acting user), moderated_at is set.
BEGIN;
SET LOCAL ROLE fitness_admin;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'rejected')
 WHERE entity_id = :'w3';
COMMIT;
SELECT status, moderated_by, moderated_at_set FROM rating_state WHERE entity_id = :'w3';

-- 7. The setting is read per statement: changed between two INSERTs of one PL/pgSQL block
--    (one top-level statement), the second INSERT follows it.
BEGIN;
DO $$
BEGIN
  PERFORM fitness.set_context('00000000-0000-7000-8000-0000000e0001');
  SET LOCAL ROLE fitness_app;
  INSERT INTO platform.rating (user_id, entity_type, entity_id, score)
  VALUES ('00000000-0000-7000-8000-0000000e0001', 'workout', '00000000-0000-7000-8000-0000000e0105', 5);
  RESET ROLE;
  UPDATE platform.system_setting SET value = 'false' WHERE key = 'rating.moderation_required';
  SET LOCAL ROLE fitness_app;
  INSERT INTO platform.rating (user_id, entity_type, entity_id, score)
  VALUES ('00000000-0000-7000-8000-0000000e0001', 'workout', '00000000-0000-7000-8000-0000000e0106', 5);
END $$;
RESET ROLE;
SELECT entity_id = :'w5' AS is_w5, status FROM rating_state WHERE user_id = :'a' AND entity_id IN (:'w5', :'w6') ORDER BY 1;
ROLLBACK;

-- 8. A moderator who loses the permission is an author again (the RBAC cache follows the
--    revocation at once).
DELETE FROM user_mgmt.user_role WHERE user_id = :'mo';
BEGIN;
SELECT fitness.set_context(:'mo');
SET LOCAL ROLE fitness_app;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'pending')
 WHERE entity_id = :'w4';
ROLLBACK;

-- 9. Without the statuses it needs, a new rating is refused with a clear error (42704), not
--    filed without a status.
BEGIN;
UPDATE platform.system_setting SET value = 'true' WHERE key = 'rating.moderation_required';
UPDATE platform.rating_status SET is_active = false, deleted_at = now() WHERE code = 'pending';
SELECT fitness.set_context(:'a');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score) VALUES (:'a', 'workout', :'w5', 5);
ROLLBACK;

-- Clean up
UPDATE platform.system_setting SET value = 'false' WHERE key = 'rating.moderation_required';
DROP VIEW rating_state;
SET session_replication_role = replica;
DELETE FROM platform.rating WHERE entity_id IN (:'w1', :'w2', :'w3', :'w4', :'w5', :'w6');
DELETE FROM content.workout WHERE id IN (:'w1', :'w2', :'w3', :'w4', :'w5', :'w6');
DELETE FROM user_mgmt.user_role WHERE user_id IN (:'a', :'mo', :'pa');
DELETE FROM core.role_permission WHERE role_id = (SELECT id FROM core.role WHERE code = 'rules_test_moderator');
DELETE FROM core.role WHERE code = 'rules_test_moderator';
DELETE FROM user_mgmt.app_user WHERE id IN (:'a', :'mo', :'pa');
RESET session_replication_role;
