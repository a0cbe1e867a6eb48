-- Ratings (src/rules/ratings.cpp): nobody rates their own content (23514
-- rating_own_content); platform.rating_summary follows every write of a rating (insert, score
-- change, moderation into and out of a public status, soft delete, restore, hard delete,
-- moving a rating to another entity) and always equals a recount. Concurrency:
-- specs/rating_summary_race.spec and prove/rating_summary_pgbench.sh.
SET TIME ZONE 'UTC';
\set owner '00000000-0000-7000-8000-0000000f8001'
\set ann   '00000000-0000-7000-8000-0000000f8002'
\set bob   '00000000-0000-7000-8000-0000000f8003'
\set w1    '00000000-0000-7000-8000-0000000f8101'
\set w2    '00000000-0000-7000-8000-0000000f8102'
\set wp    '00000000-0000-7000-8000-0000000f8103'
\set ex    '00000000-0000-7000-8000-0000000f8104'
\set r1    '00000000-0000-7000-8000-0000000f8201'
\set r2    '00000000-0000-7000-8000-0000000f8202'
INSERT INTO user_mgmt.app_user (id, display_name, email) VALUES
    (:'owner', 'Owner', 'owner@ratings.test'), (:'ann', 'Ann', 'ann@ratings.test'),
    (:'bob', 'Bob', 'bob@ratings.test');
INSERT INTO content.workout (id, owner_id, name, visibility) VALUES
    (:'w1', :'owner', 'Rated one', 'public'), (:'w2', :'owner', 'Rated two', 'public'),
    (:'wp', :'owner', 'Private one', 'private');
INSERT INTO content.exercise (id, owner_id, name, slug, tracking_type, visibility)
VALUES (:'ex', :'ann', 'Ann''s carry', 'anns-carry-ratings-test', 'distance', 'public');
-- The summary of an entity next to a recount of its ratings (what the summary must equal).
CREATE VIEW summary_vs_recount AS
SELECT t.entity_id, s.rating_count, s.score_sum, s.average,
       (SELECT count(*) FROM platform.rating r JOIN platform.rating_status rs ON rs.id = r.rating_status_id
         WHERE r.entity_type = t.entity_type AND r.entity_id = t.entity_id AND r.is_active AND rs.is_public) AS recount,
       (SELECT coalesce(sum(r.score), 0) FROM platform.rating r JOIN platform.rating_status rs ON rs.id = r.rating_status_id
         WHERE r.entity_type = t.entity_type AND r.entity_id = t.entity_id AND r.is_active AND rs.is_public) AS resum
  FROM (VALUES ('workout', '00000000-0000-7000-8000-0000000f8101'::uuid), ('workout', '00000000-0000-7000-8000-0000000f8102'::uuid)) AS t (entity_type, entity_id)
  LEFT JOIN platform.rating_summary s ON s.entity_type = t.entity_type AND s.entity_id = t.entity_id AND s.is_active;
\set VERBOSITY default

-- 1. Own content: the owner of a workout cannot rate it (through the app or as an operator,
--    on INSERT and by moving a rating onto it); Ann cannot rate her own exercise; Ann may rate
--    the owner's workout.
BEGIN;
SELECT fitness.set_context(:'owner');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'owner', 'workout', :'w1', 5, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'ann', 'exercise', :'ex', 5, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
BEGIN;
SELECT fitness.set_context(:'ann');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'r1', :'ann', 'workout', :'w1', 4, id FROM platform.rating_status WHERE code = 'published';
COMMIT;
UPDATE platform.rating SET user_id = :'owner' WHERE id = :'r1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- the rule's row in the catalogue, and the error fields an application maps
DO $$
DECLARE state text; rule text; schema_name text; table_name text;
BEGIN
  INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
  SELECT '00000000-0000-7000-8000-0000000f8001', 'workout', '00000000-0000-7000-8000-0000000f8102', 1, id
    FROM platform.rating_status WHERE code = 'published';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME,
                          schema_name = SCHEMA_NAME, table_name = TABLE_NAME;
  RAISE NOTICE 'sqlstate %, rule %, table %.%', state, rule, schema_name, table_name;
END $$;
SELECT rule, table_name, sqlstate FROM fitness.business_rules() WHERE rule = 'rating_own_content';
-- A private workout of someone else: the policies decide (not found for Ann), the rule says nothing.
BEGIN;
SELECT fitness.set_context(:'ann');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'ann', 'workout', :'wp', 2, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
-- a rating in someone else's name is row-level security's to refuse: Bob learns nothing
-- about who owns the private workout (42501 whether its owner is named or not)
BEGIN;
SELECT fitness.set_context(:'bob');
SET LOCAL ROLE fitness_app;
SAVEPOINT s;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'owner', 'workout', :'wp', 2, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK TO SAVEPOINT s;
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'ann', 'workout', :'wp', 2, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
-- an institution's active owner cannot rate it; its plain members may
INSERT INTO user_mgmt.institution (id, name, slug) VALUES ('00000000-0000-7000-8000-0000000f8301', 'Rated Gym', 'rated-gym');
INSERT INTO user_mgmt.institution_member (institution_id, user_id, member_role, status) VALUES
    ('00000000-0000-7000-8000-0000000f8301', :'owner', 'owner', 'active'),
    ('00000000-0000-7000-8000-0000000f8301', :'ann', 'member', 'active');
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'owner', 'institution', '00000000-0000-7000-8000-0000000f8301', 5, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'ann', 'institution', '00000000-0000-7000-8000-0000000f8301', 5, id FROM platform.rating_status WHERE code = 'published'
RETURNING score;
-- NULL references are NOT NULL's errors, not the rule's
\set VERBOSITY terse
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'ann', 'workout', NULL, 2, id FROM platform.rating_status WHERE code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set VERBOSITY default

-- 2. The summary follows every write.
SELECT * FROM summary_vs_recount ORDER BY entity_id;          -- Ann's 4 on w1
BEGIN;
SELECT fitness.set_context(:'bob');
SET LOCAL ROLE fitness_app;
INSERT INTO platform.rating (id, user_id, entity_type, entity_id, score, rating_status_id)
SELECT :'r2', :'bob', 'workout', :'w1', 1, id FROM platform.rating_status WHERE code = 'published';
UPDATE platform.rating SET score = 2 WHERE id = :'r2';          -- score change: 4 + 2
UPDATE platform.rating SET review = 'Too short' WHERE id = :'r2';  -- no summary change
COMMIT;
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- moderation out of and back into a public status
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'flagged') WHERE id = :'r2';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'published') WHERE id = :'r2';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- moved to the other workout: leaves w1, counts on w2
UPDATE platform.rating SET entity_id = :'w2' WHERE id = :'r2';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- soft delete by its author, restore, then a hard delete by an operator
BEGIN;
SELECT fitness.set_context(:'bob');
SET LOCAL ROLE fitness_app;
DELETE FROM platform.rating WHERE id = :'r2';
COMMIT;
SELECT * FROM summary_vs_recount ORDER BY entity_id;
SELECT fitness.restore('platform.rating', :'r2');
SELECT * FROM summary_vs_recount ORDER BY entity_id;
SELECT fitness.hard_delete('platform.rating', :'r2');
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- a multi-row statement: every row counts once
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT u, 'workout', :'w2', 5, rs.id
  FROM unnest(ARRAY[:'ann', :'bob']::uuid[]) u, platform.rating_status rs WHERE rs.code = 'published';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- a rating that fails half-way leaves the summary as it was (the statement is undone whole)
INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
SELECT u, 'workout', :'w1', 3, rs.id
  FROM unnest(ARRAY[:'bob', :'owner']::uuid[]) u, platform.rating_status rs WHERE rs.code = 'published';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM summary_vs_recount ORDER BY entity_id;

-- Renaming an entity type code reaches ratings and summaries through their foreign keys
-- (ON UPDATE CASCADE), each on its own: the counts stay (rolled back).
BEGIN;
UPDATE core.entity_type SET code = 'workout_renamed' WHERE code = 'workout';
SELECT s.entity_type, s.rating_count, s.score_sum FROM platform.rating_summary s WHERE s.entity_id = :'w2';
ROLLBACK;
-- A status that stops being public (or becomes public) recounts every summary.
UPDATE platform.rating_status SET is_public = true WHERE code = 'flagged';
UPDATE platform.rating SET rating_status_id = (SELECT id FROM platform.rating_status WHERE code = 'flagged')
 WHERE entity_id = :'w2' AND user_id = :'ann';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
UPDATE platform.rating_status SET is_public = false WHERE code = 'flagged';
SELECT * FROM summary_vs_recount ORDER BY entity_id;
-- a summary edited by hand is repaired by fitness.recount_rating_summaries() (fitness_admin)
UPDATE platform.rating_summary SET rating_count = 7, score_sum = 30 WHERE entity_id = :'w2';
SELECT fitness.recount_rating_summaries() AS repaired;
SELECT * FROM summary_vs_recount ORDER BY entity_id;
SET ROLE fitness_app;
SELECT fitness.recount_rating_summaries();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;

-- 3. The summary is the server's: the app and the service read it, never write it.
BEGIN;
SELECT fitness.set_context(:'bob');
SET LOCAL ROLE fitness_app;
UPDATE platform.rating_summary SET rating_count = 100 WHERE entity_id = :'w1';
\echo SQLSTATE :LAST_ERROR_SQLSTATE
ROLLBACK;
SELECT fitness.hard_delete('platform.rating', id) FROM platform.rating WHERE entity_id IN (:'w1', :'w2') ORDER BY id;
SELECT * FROM summary_vs_recount ORDER BY entity_id;
DROP VIEW summary_vs_recount;
