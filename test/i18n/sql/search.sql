-- fitness.search_exercises: names, aliases and descriptions in the asked language and along
-- its chain, stemmed with the language's configuration, tolerant of one-letter typos,
-- ranked; only exercises the caller may read; documents follow every change.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
-- The demo data was loaded by translate.sql (test/i18n/schedule); its ids:
\set u_tom  01938000-0001-7000-8000-000000000004
\set u_emma 01938000-0001-7000-8000-000000000009
\set i_gym  01938000-0002-7000-8000-000000000001
\set ON_ERROR_STOP off
-- translate.sql removed the squat's Portuguese names; one comes back.
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
SELECT 'exercise', id, 'name', 'pt', 'Agachamento livre com barra' FROM content.exercise WHERE slug = 'barbell-back-squat';
-- English, with stemming (squats -> squat) and with typos.
SELECT name, rank > 0 AS ranked FROM fitness.search_exercises('squats', 'en', 3);
SELECT name FROM fitness.search_exercises('sqat', 'en', 3);
SELECT name FROM fitness.search_exercises('plnk', 'en', 1);
SELECT name FROM fitness.search_exercises('deadlfit', 'en', 3);
-- German and Portuguese names (demo translations), exact and with a typo; the result's
-- name is in the asked language.
SELECT name FROM fitness.search_exercises('Kniebeuge', 'de', 3);
SELECT name FROM fitness.search_exercises('Kniebeuege', 'de-AT', 3);
SELECT name FROM fitness.search_exercises('Kreuzhebn', 'de', 3);
SELECT name FROM fitness.search_exercises('agachamento', 'pt-BR', 3);
SELECT name FROM fitness.search_exercises('levantamneto terra', 'pt', 3);
-- Along the chain: an English query asked in German finds the English name, shown in German
-- where a German name exists; a German word is not found in English.
SELECT name FROM fitness.search_exercises('deadlift', 'de', 3);
SELECT count(*) AS german_word_in_english FROM fitness.search_exercises('Kreuzheben', 'en', 3);
-- Descriptions count (less than names): a word found only in a description.
SELECT e.slug FROM fitness.search_exercises('hinge', 'en', 5) s JOIN content.exercise e ON e.id = s.exercise_id ORDER BY s.rank DESC, e.slug;
-- Aliases: added, found; removed, gone.
INSERT INTO content.exercise_alias (exercise_id, language_code, alias)
SELECT id, 'en', 'Zercher-style hold' FROM content.exercise WHERE slug = 'front-plank';
SELECT name FROM fitness.search_exercises('zercher', 'en');
DELETE FROM content.exercise_alias WHERE alias = 'Zercher-style hold';
SELECT count(*) AS after_alias_removed FROM fitness.search_exercises('zercher', 'en');
-- A new translation is searchable at once, a renamed exercise too.
INSERT INTO platform.translation (entity_type, entity_id, field, language_code, value)
SELECT 'exercise', id, 'name', 'fr', 'Gainage ventral' FROM content.exercise WHERE slug = 'front-plank';
SELECT name FROM fitness.search_exercises('gainage', 'fr-CA');
UPDATE content.exercise SET name = 'Forearm plank' WHERE slug = 'front-plank';
SELECT name FROM fitness.search_exercises('forearm plank', 'en', 1);
SELECT search_vector @@ to_tsquery('english', 'forearm') AS search_vector_kept FROM content.exercise WHERE slug = 'front-plank';

-- Visibility: Tom's private exercise, a gym exercise, a deleted one.
INSERT INTO content.exercise (id, slug, name, owner_id, visibility, status) VALUES
    ('01938000-000f-7000-8000-000000000001', 'toms-zottman-curl', 'Zottman curl (Tom)', :'u_tom', 'private', 'published');
INSERT INTO content.exercise (id, slug, name, institution_id, visibility, status) VALUES
    ('01938000-000f-7000-8000-000000000002', 'gym-zottman-curl', 'Zottman curl (Ironworks)', :'i_gym', 'institution', 'published'),
    ('01938000-000f-7000-8000-000000000003', 'old-zottman-curl', 'Zottman curl (old)', NULL, 'public', 'published');
DELETE FROM content.exercise WHERE id = '01938000-000f-7000-8000-000000000003';
SELECT name FROM fitness.search_exercises('zottman', 'en') ORDER BY name;
SET ROLE fitness_app;
SELECT count(*) AS without_context FROM fitness.search_exercises('zottman', 'en');
RESET ROLE;
SELECT fitness.set_context(:'u_tom', NULL, false);
SET ROLE fitness_app;
SELECT 'tom' AS who, name FROM fitness.search_exercises('zottman', 'en') ORDER BY name;
RESET ROLE;
SELECT fitness.set_context(:'u_emma', NULL, false);
SET ROLE fitness_app;
SELECT 'emma' AS who, name FROM fitness.search_exercises('zottman', 'en') ORDER BY name;
-- max_results counts readable exercises only: Emma still gets a full page.
SELECT count(*) AS emma_page FROM fitness.search_exercises('curl', 'en', 2);
RESET ROLE;
SELECT fitness.clear_context();

-- Arguments.
SELECT count(*) AS null_query FROM fitness.search_exercises(NULL);
SELECT count(*) AS blank_query FROM fitness.search_exercises('   ', 'en');
SELECT count(*) AS operators_only FROM fitness.search_exercises('& | ! :*', 'en');
SELECT count(*) <= 20 AS default_limit FROM fitness.search_exercises('a');
SELECT count(*) FROM fitness.search_exercises('squat', 'en', 0);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM fitness.search_exercises('squat', 'en', 1001);
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM fitness.search_exercises(repeat('squat ', 200), 'en');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM fitness.search_exercises('squat', 'en_GB');
\echo SQLSTATE :LAST_ERROR_SQLSTATE

-- The documents can be rebuilt whole (fitness_admin); the result is the same.
SELECT count(*) AS documents FROM fitness.exercise_search_document \gset
SELECT fitness.rebuild_exercise_search() = :documents AS rebuilt_same_count;
SELECT name FROM fitness.search_exercises('Kniebeuge', 'de', 1);
SET ROLE fitness_app;
SELECT fitness.rebuild_exercise_search();
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM fitness.exercise_search_document;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
