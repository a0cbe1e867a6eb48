-- The cache of machine translations: a miss queues one request per (source, target) with
-- NOTIFY fitness_translation and returns NULL; store_translation is idempotent, closes the
-- request and sets the expiry; a hit comes from the backend's cache; an expired entry is a
-- miss again; read-only transactions write nothing; counters reach platform.cache_metrics.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') IS NULL AS miss;
SELECT fitness.cached_translation('Keep your back straight', 'EN', 'de') IS NULL AS miss_again;
SELECT source_lang, target_lang, source_text, status, attempts,
       source_hash = sha256(convert_to('en' || E'\n' || 'Keep your back straight', 'UTF8')) AS documented_hash
  FROM platform.translation_request;
-- (The NOTIFY each queued request sends, with the request id as payload, is checked by the
-- worker example's test, test/i18n/prove/translation_worker.sh: ids change from run to run.)
SELECT count(*) AS open_requests FROM platform.translation_request WHERE status = 'pending';

-- The worker's answer, twice: one cache row, the request done.
SET ROLE fitness_service;
SELECT fitness.store_translation('Keep your back straight', 'en', 'de', 'Halte den Rücken gerade', 'deepl');
SELECT fitness.store_translation('Keep your back straight', 'en', 'de', 'Halte den Rücken gerade', 'deepl');
RESET ROLE;
SELECT translated_text, provider, hit_count,
       expires_at BETWEEN now() + interval '179 days' AND now() + interval '181 days' AS ttl_180_days
  FROM platform.translation_cache;
SELECT status, processed_at IS NOT NULL AS processed FROM platform.translation_request;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') AS hit,
       fitness.cached_translation('Keep your back straight', 'en', 'de-AT') AS other_target_miss,
       fitness.cached_translation('Keep your back straight', 'en', 'en') AS same_language;
-- A corrected translation replaces the first (and every backend's cached copy).
SET ROLE fitness_service;
SELECT fitness.store_translation('Keep your back straight', 'en', 'de', 'Halte deinen Rücken gerade', 'manual');
RESET ROLE;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') AS corrected;
SELECT count(*) AS cache_rows FROM platform.translation_cache;

-- Expiry: an entry past expires_at is a miss and asks for a refresh (once).
UPDATE platform.translation_cache SET expires_at = now() - interval '1 second';
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') IS NULL AS expired_is_miss;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') IS NULL AS still_a_miss;
SELECT status, count(*) FROM platform.translation_request GROUP BY status ORDER BY status;
-- TTL from translation.cache_ttl_days.
UPDATE platform.system_setting SET value = '7' WHERE key = 'translation.cache_ttl_days';
SET ROLE fitness_service;
SELECT fitness.store_translation('Keep your back straight', 'en', 'de', 'Halte deinen Rücken gerade', 'manual');
RESET ROLE;
SELECT expires_at BETWEEN now() + interval '6 days' AND now() + interval '8 days' AS ttl_7_days
  FROM platform.translation_cache;
SELECT status, count(*) FROM platform.translation_request GROUP BY status ORDER BY status;

-- A read-only transaction answers from the cache and writes nothing on a miss.
BEGIN TRANSACTION READ ONLY;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') AS read_only_hit,
       fitness.cached_translation('Never seen before', 'en', 'fr') IS NULL AS read_only_miss;
COMMIT;
SELECT count(*) AS requests_for_never_seen FROM platform.translation_request WHERE source_text = 'Never seen before';

-- Hits and misses are counted in memory and written in batches (here on demand).
SELECT count(*) AS metrics_before FROM platform.cache_metrics WHERE cache_name = 'translation_cache';
SELECT fitness.flush_cache_metrics();
SELECT count(*) AS metric_rows, sum(hits) > 0 AS hits_written, sum(misses) > 0 AS misses_written
  FROM platform.cache_metrics WHERE cache_name = 'translation_cache';
SELECT fitness.flush_cache_metrics();
SELECT count(*) AS nothing_new_to_write FROM platform.cache_metrics WHERE cache_name = 'translation_cache';
SELECT hit_count AS not_counted_per_row FROM platform.translation_cache;

-- Errors: unknown or malformed languages (22023), a huge text (22001), NULL parts of a
-- result (22004), a provider the table does not know (23514), the app storing (42501).
\set ON_ERROR_STOP off
\set VERBOSITY terse
SELECT fitness.cached_translation('x', 'en', 'tlh');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.cached_translation('x', 'en', 'de_DE');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.cached_translation(repeat('x', 70000), 'en', 'de');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.cached_translation(NULL, 'en', 'de') IS NULL AS null_source;
SELECT fitness.store_translation('x', 'en', 'de', NULL, 'deepl');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.store_translation('x', 'en', 'de', 'y', 'babelfish');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT fitness.store_translation('x', 'en', 'en', 'y', 'deepl');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET ROLE fitness_app;
SELECT fitness.cached_translation('Keep your back straight', 'en', 'de') AS app_reads;
SELECT fitness.store_translation('x', 'en', 'de', 'poisoned', 'deepl');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT count(*) FROM platform.translation_cache;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
RESET ROLE;
\set ON_ERROR_STOP on
\set VERBOSITY default
SELECT count(*) AS nothing_half_written FROM platform.translation_cache WHERE source_text = 'x';
-- The app without a context reads the cache but queues nothing.
SET ROLE fitness_app;
SELECT fitness.cached_translation('Queued by nobody', 'en', 'de') IS NULL AS app_miss;
RESET ROLE;
SELECT count(*) AS queued_by_app_without_context FROM platform.translation_request WHERE source_text = 'Queued by nobody';
-- The default language switched off: chains still end somewhere, nothing crashes.
BEGIN;
UPDATE platform.language SET is_active = false, deleted_at = now() WHERE code = 'en';
SELECT fitness.language_chain('en') AS chain_without_active_default;
SELECT fitness.cached_translation('hello', 'en', 'de') IS NULL AS no_crash;
ROLLBACK;
SELECT fitness.normalize_language_tag('ZH-YUE-hk') AS extlang;
