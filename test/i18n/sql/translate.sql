-- fitness.translate: the fallback chain over platform.translation ending at the entity's own
-- column, argument errors, the per-backend cache (hits, and changes seen at once in the
-- writing session, undone by ROLLBACK and ROLLBACK TO SAVEPOINT), and the tenancy of
-- translations: a translation is as visible as the entity it translates.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
\set ECHO none
\i demo/sample.sql
\set ON_ERROR_STOP off
\set ECHO all
SELECT id AS squat FROM content.exercise WHERE slug = 'barbell-back-squat' \gset
SELECT id AS plank FROM content.exercise WHERE slug = 'front-plank' \gset

-- The demo has de and pt names of the squat; en is its own column.
SELECT l AS lang, fitness.translate('exercise', :'squat', 'name', l) AS name
  FROM unnest(ARRAY['de', 'de-AT', 'de-CH', 'pt', 'pt-BR', 'pt-PT', 'en', 'en-GB', 'fr', 'xx', 'PT-br']) AS l;
-- A missing intermediate language: pt-BR has no text, pt has one, pt-BR -> pt wins; with the
-- pt text gone, the chain reaches the own column (en).
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'squat', 'name', 'pt-BR', 'Agachamento (Brasil)');
SELECT fitness.translate('exercise', :'squat', 'name', 'pt-BR') AS pt_br,
       fitness.translate('exercise', :'squat', 'name', 'pt-PT') AS pt_pt;
UPDATE platform.translation SET is_active = false, deleted_at = now()
 WHERE entity_id = :'squat' AND language_code IN ('pt', 'pt-BR');
SELECT fitness.translate('exercise', :'squat', 'name', 'pt-BR') AS pt_br_without_pt;
-- A field with no translation at all: the own column; an entity whose own language is in
-- the chain: its column at that point of the chain.
SELECT fitness.translate('exercise', :'squat', 'description', 'de') = description AS description_own
  FROM content.exercise WHERE id = :'squat';
INSERT INTO content.exercise (slug, name, language_code, visibility, status)
VALUES ('i18n-kreuzheben-rumaenisch', 'Rumänisches Kreuzheben', 'de', 'public', 'published') RETURNING id AS rdl \gset
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('exercise', :'rdl', 'name', 'en', 'Romanian deadlift');
SELECT fitness.translate('exercise', :'rdl', 'name', 'de-AT') AS de_at_own_column,
       fitness.translate('exercise', :'rdl', 'name', 'fr') AS fr_english_translation,
       fitness.translate('exercise', :'rdl', 'name', 'en') AS en;
-- Other entity types (muscles have no language column: own column last).
SELECT fitness.translate('muscle', m.id, 'name', 'de') AS muscle_name FROM core.muscle m WHERE m.code = 'chest';

-- Arguments: NULL entity, field or type: NULL; unknown entity: NULL; unknown type,
-- untranslatable field, malformed language: 22023.
SELECT fitness.translate(NULL, :'squat', 'name', 'de') IS NULL AS null_type,
       fitness.translate('exercise', NULL, 'name', 'de') IS NULL AS null_id,
       fitness.translate('exercise', :'squat', NULL, 'de') IS NULL AS null_field,
       fitness.translate('exercise', '00000000-0000-7000-8000-000000000000', 'name', 'de') IS NULL AS unknown_id;
SELECT fitness.translate('exercize', :'squat', 'name', 'de');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.translate('exercise', :'squat', 'slug', 'de');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.translate('exercise', :'squat', 'name', 'de_DE');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.translate('exercise', :'squat', 'name', repeat('x', 100000));
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- The cache: repeated calls are hits; a change made here is seen at once.
SELECT hits AS hits0, misses AS misses0, invalidations AS inv0 FROM fitness.cache_stats() WHERE cache_name = 'translate' \gset
SELECT count(fitness.translate('exercise', :'plank', 'name', 'de')) FROM generate_series(1, 10);
SELECT hits - :hits0 >= 9 AS hits_counted, misses - :misses0 <= 1 AS one_miss
  FROM fitness.cache_stats() WHERE cache_name = 'translate';
UPDATE platform.translation SET value = 'Unterarmstütz (Plank)' WHERE entity_id = :'plank' AND language_code = 'de';
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS after_update;
SELECT invalidations > :inv0 AS invalidation_counted FROM fitness.cache_stats() WHERE cache_name = 'translate';
UPDATE content.exercise SET name = 'Front plank hold' WHERE id = :'plank';
SELECT fitness.translate('exercise', :'plank', 'name', 'fr') AS own_column_renamed;
-- Rolled back: never seen afterwards (transaction and savepoint).
BEGIN;
UPDATE platform.translation SET value = 'ROLLED BACK' WHERE entity_id = :'plank' AND language_code = 'de';
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS inside_transaction;
ROLLBACK;
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS after_rollback;
BEGIN;
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS before_savepoint;
SAVEPOINT s;
UPDATE platform.translation SET value = 'ROLLED BACK TO SAVEPOINT' WHERE entity_id = :'plank' AND language_code = 'de';
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS inside_savepoint;
ROLLBACK TO SAVEPOINT s;
SELECT fitness.translate('exercise', :'plank', 'name', 'de') AS after_rollback_to_savepoint;
COMMIT;
-- A language change reaches what was resolved: deactivating de sends de-AT to en.
SELECT fitness.translate('exercise', :'plank', 'name', 'de-AT') AS de_at;
UPDATE platform.language SET is_active = false, deleted_at = now() WHERE code = 'de';
SELECT fitness.translate('exercise', :'plank', 'name', 'de-AT') AS de_at_without_de;
UPDATE platform.language SET is_active = true, deleted_at = NULL WHERE code = 'de';

-- Tenancy: a workout shared within the gym (institution visibility) and a private one.
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('workout', :'w_a', 'name', 'de', 'Ganzkörper A: Kniebeuge und Bankdrücken');
INSERT INTO content.workout (id, owner_id, name, visibility)
VALUES ('01938000-0005-7000-8000-0000000000e1', :'u_tom', 'Tom''s secret plan', 'private');
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('workout', '01938000-0005-7000-8000-0000000000e1', 'name', 'de', 'Toms geheimer Plan');
CREATE TEMP VIEW seen AS
SELECT fitness.translate('workout', :'w_a', 'name', 'de') AS gym_workout,
       fitness.translate('workout', '01938000-0005-7000-8000-0000000000e1', 'name', 'de') AS private_workout,
       fitness.translate('exercise', :'squat', 'name', 'de') AS public_exercise;
GRANT SELECT ON seen TO fitness_app, fitness_admin;
-- The context is set by the trusted side (here the superuser), the queries run as the app.
SET ROLE fitness_app;
SELECT 'no context' AS who, * FROM seen;
RESET ROLE;
SELECT fitness.set_context(:'u_tom', NULL, false) AS tom;
SET ROLE fitness_app;
SELECT 'tom (gym member, owner of the private one)' AS who, * FROM seen;
RESET ROLE;
SELECT fitness.set_context(:'u_sofia', NULL, false) AS sofia;
SET ROLE fitness_app;
SELECT 'sofia (gym member)' AS who, * FROM seen;
RESET ROLE;
SELECT fitness.set_context(:'u_emma', NULL, false) AS emma;
SET ROLE fitness_app;
SELECT 'emma (studio member)' AS who, * FROM seen;
RESET ROLE;
-- The same connection for another user right after: what was cached for one never shows
-- to the other.
SELECT fitness.set_context(:'u_tom', NULL, false) AS tom_again;
SET ROLE fitness_app;
SELECT * FROM seen;
RESET ROLE;
SELECT fitness.set_context(:'u_emma', NULL, false) AS emma_again;
SET ROLE fitness_app;
SELECT * FROM seen;
RESET ROLE;
-- The entity's own row is the rule: once Tom deletes the workout, its translation is gone
-- for him too.
SELECT fitness.set_context(:'u_tom', NULL, false) AS tom_deletes;
SET ROLE fitness_app;
DELETE FROM content.workout WHERE id = '01938000-0005-7000-8000-0000000000e1';
SELECT private_workout FROM seen;
RESET ROLE;
SELECT fitness.clear_context();
SET ROLE fitness_admin;
SELECT 'fitness_admin' AS who, * FROM seen;
RESET ROLE;
-- A role with no privilege on the entity's table is refused.
CREATE ROLE i18n_stranger;
GRANT USAGE ON SCHEMA fitness TO i18n_stranger;
GRANT EXECUTE ON FUNCTION fitness.translate(text, uuid, text, text) TO i18n_stranger;
SET ROLE i18n_stranger;
SELECT fitness.translate('workout', :'w_a', 'name', 'de');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
DROP OWNED BY i18n_stranger;
DROP ROLE i18n_stranger;
-- PUBLIC cannot call it at all.
SELECT has_function_privilege('public', 'fitness.translate(text, uuid, text, text)', 'EXECUTE') AS public_may_call;
-- A table without a visibility column is never public from memory: an institution's
-- description is for its members (review finding), also after a member read it here.
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
VALUES ('institution', :'i_gym', 'description', 'de', 'Ein Studio ohne Schnickschnack');
SELECT fitness.set_context(:'u_tom', NULL, false) AS tom_member;
SET ROLE fitness_app;
SELECT fitness.translate('institution', :'i_gym', 'description', 'de') AS member_reads;
RESET ROLE;
SELECT fitness.set_context(:'u_emma', NULL, false) AS emma_not_member;
SET ROLE fitness_app;
SELECT fitness.translate('institution', :'i_gym', 'description', 'de') IS NULL AS hidden_from_non_member;
RESET ROLE;
SELECT fitness.clear_context();
