-- fitness.message: platform.ui_message along the fallback chain, {name} placeholders from a
-- jsonb object (strings as they are, numbers and booleans as JSON writes them, a missing or
-- null argument leaves its placeholder), the per-backend cache and its invalidation.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
INSERT INTO platform.ui_message (key, language_code, text) VALUES
    ('test.greeting', 'en', 'Hello {name}, {count} workouts this week'),
    ('test.greeting', 'de', 'Hallo {name}, diese Woche {count} Trainings'),
    ('test.greeting', 'pt-BR', 'Olá {name}, {count} treinos nesta semana'),
    ('test.braces', 'en', '{not closed, {} {1x} {name}} {{name}} {na-me}');
SELECT l AS lang, fitness.message('test.greeting', l, '{"name": "Ana", "count": 3}') AS text
  FROM unnest(ARRAY['en', 'de', 'de-AT', 'pt-BR', 'pt', 'pt-PT', 'fr', 'xx']) AS l;
-- Arguments: missing and null leave the placeholder, other types are rendered as JSON.
SELECT fitness.message('test.greeting', 'en', '{"name": "Ana"}') AS missing_count,
       fitness.message('test.greeting', 'en', '{"name": null, "count": 2.50}') AS null_and_number,
       fitness.message('test.greeting', 'en', '{"name": true, "count": [1, {"a": "b"}]}') AS bool_and_array,
       fitness.message('test.greeting', 'en', '{}') AS no_arguments,
       fitness.message('test.greeting', 'en') AS args_null;
SELECT fitness.message('test.braces', 'en', '{"name": "N"}') AS odd_braces;
-- A long argument and a long text are filled whole.
SELECT length(fitness.message('test.greeting', 'en', jsonb_build_object('name', repeat('x', 100000)))) AS long_argument;
-- Unknown key and NULL key: NULL.
SELECT fitness.message('test.nothing', 'en') IS NULL AS unknown_key, fitness.message(NULL) IS NULL AS null_key;
-- The acting user's language when lang is NULL.
INSERT INTO user_mgmt.app_user (id, email, display_name, language_code)
VALUES ('01938000-0001-7000-8000-0000000000f1', 'msg@example.com', 'Msg', 'de');
SELECT fitness.set_context('01938000-0001-7000-8000-0000000000f1', NULL, false);
SELECT fitness.message('test.greeting', NULL, '{"name": "Ana", "count": 1}') AS users_language;
UPDATE user_mgmt.app_user SET language_code = 'pt-BR' WHERE id = '01938000-0001-7000-8000-0000000000f1';
SELECT fitness.message('test.greeting', NULL, '{"name": "Ana", "count": 1}') AS after_language_change;
SELECT fitness.clear_context();
SELECT fitness.message('test.greeting', NULL, '{"name": "Ana", "count": 1}') AS no_context_default;
-- Errors: args that are not an object, malformed language.
\set ON_ERROR_STOP off
SELECT fitness.message('test.greeting', 'en', '["Ana"]');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.message('test.greeting', 'en', '"Ana"');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.message('test.greeting', 'EN_us');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
\set ON_ERROR_STOP on
-- The cache sees a change of the table at once, and is counted.
SELECT invalidations AS inv0 FROM fitness.cache_stats() WHERE cache_name = 'message' \gset
UPDATE platform.ui_message SET text = 'Servus {name}' WHERE key = 'test.greeting' AND language_code = 'de';
SELECT fitness.message('test.greeting', 'de-AT', '{"name": "Ana"}') AS after_update;
BEGIN;
DELETE FROM platform.ui_message WHERE key = 'test.greeting' AND language_code = 'de';
SELECT fitness.message('test.greeting', 'de-AT', '{"name": "Ana"}') AS deleted_in_transaction;
ROLLBACK;
SELECT fitness.message('test.greeting', 'de-AT', '{"name": "Ana"}') AS after_rollback;
SELECT invalidations > :inv0 AS invalidated, entries > 0 AS has_entries
  FROM fitness.cache_stats() WHERE cache_name = 'message';
