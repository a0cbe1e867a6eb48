-- platform domain: tables, keys, foreign keys, indexes, partitioning and reference data
-- (schema/domains/platform/, schema/seed/platform.sql).
BEGIN;
SELECT plan(284);

-- ---------------------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------------------
SELECT has_table('platform', t, 'platform.' || t || ' exists')
FROM unnest(ARRAY[
    'language', 'translation', 'ui_message', 'translation_cache', 'translation_request',
    'cache_strategy', 'cache_metrics', 'activity', 'activity_type', 'favorite_collection',
    'favorite', 'rating', 'rating_status', 'rating_summary', 'audit_log', 'system_event',
    'notification', 'notification_type', 'notification_preference', 'system_setting',
    'setting', 'error_type', 'error', 'retention_policy', 'data_subject_request']) AS t;

-- Primary keys: id for entity tables, (id, partition key) for partitioned logs.
SELECT col_is_pk('platform', t, 'id', 'platform.' || t || ' has PRIMARY KEY (id)')
FROM unnest(ARRAY[
    'language', 'translation', 'ui_message', 'translation_cache', 'translation_request',
    'cache_strategy', 'cache_metrics', 'activity_type', 'favorite_collection',
    'favorite', 'rating', 'rating_status', 'rating_summary',
    'notification', 'notification_type', 'notification_preference', 'system_setting',
    'setting', 'error_type', 'error', 'retention_policy', 'data_subject_request']) AS t;
SELECT col_is_pk('platform', 'activity', ARRAY['id', 'user_id'], 'platform.activity has PRIMARY KEY (id, user_id)');
SELECT col_is_pk('platform', 'audit_log', ARRAY['id', 'occurred_at'], 'platform.audit_log has PRIMARY KEY (id, occurred_at)');
SELECT col_is_pk('platform', 'system_event', ARRAY['id', 'occurred_at'], 'platform.system_event has PRIMARY KEY (id, occurred_at)');

-- ---------------------------------------------------------------------------------------
-- Main columns and their types
-- ---------------------------------------------------------------------------------------
SELECT col_type_is('platform', t, c, ty, format('platform.%s.%s is %s', t, c, ty))
FROM (VALUES
    ('language', 'code', 'text'),
    ('language', 'name', 'text'),
    ('language', 'native_name', 'text'),
    ('language', 'fallback_code', 'text'),
    ('language', 'text_search_config', 'regconfig'),
    ('language', 'is_rtl', 'boolean'),
    ('translation', 'entity_type', 'text'),
    ('translation', 'entity_id', 'uuid'),
    ('translation', 'field', 'text'),
    ('translation', 'language_code', 'text'),
    ('translation', 'value', 'text'),
    ('translation', 'origin', 'text'),
    ('translation', 'is_verified', 'boolean'),
    ('ui_message', 'key', 'text'),
    ('ui_message', 'language_code', 'text'),
    ('ui_message', 'text', 'text'),
    ('translation_cache', 'source_hash', 'bytea'),
    ('translation_cache', 'source_lang', 'text'),
    ('translation_cache', 'target_lang', 'text'),
    ('translation_cache', 'translated_text', 'text'),
    ('translation_cache', 'provider', 'text'),
    ('translation_cache', 'hit_count', 'bigint'),
    ('translation_cache', 'expires_at', 'timestamp with time zone'),
    ('translation_request', 'source_hash', 'bytea'),
    ('translation_request', 'status', 'text'),
    ('translation_request', 'attempts', 'integer'),
    ('translation_request', 'requested_at', 'timestamp with time zone'),
    ('translation_request', 'processed_at', 'timestamp with time zone'),
    ('cache_strategy', 'cache_name', 'text'),
    ('cache_strategy', 'layer', 'text'),
    ('cache_strategy', 'ttl', 'interval'),
    ('cache_strategy', 'invalidated_by', 'text[]'),
    ('cache_metrics', 'cache_name', 'text'),
    ('cache_metrics', 'recorded_at', 'timestamp with time zone'),
    ('cache_metrics', 'hits', 'bigint'),
    ('cache_metrics', 'misses', 'bigint'),
    ('cache_metrics', 'evictions', 'bigint'),
    ('cache_metrics', 'entries', 'bigint'),
    ('activity', 'user_id', 'uuid'),
    ('activity', 'activity_type_id', 'uuid'),
    ('activity', 'entity_type', 'text'),
    ('activity', 'entity_id', 'uuid'),
    ('activity', 'occurred_at', 'timestamp with time zone'),
    ('activity', 'payload', 'jsonb'),
    ('activity', 'visibility', 'text'),
    ('favorite', 'user_id', 'uuid'),
    ('favorite', 'collection_id', 'uuid'),
    ('favorite_collection', 'is_public', 'boolean'),
    ('rating', 'score', 'smallint'),
    ('rating', 'rating_status_id', 'uuid'),
    ('rating', 'moderated_by', 'uuid'),
    ('rating_summary', 'rating_count', 'integer'),
    ('rating_summary', 'score_sum', 'bigint'),
    ('rating_summary', 'average', 'numeric(3,2)'),
    ('audit_log', 'id', 'uuid'),
    ('audit_log', 'occurred_at', 'timestamp with time zone'),
    ('audit_log', 'table_schema', 'text'),
    ('audit_log', 'table_name', 'text'),
    ('audit_log', 'record_id', 'uuid'),
    ('audit_log', 'operation', 'text'),
    ('audit_log', 'old_data', 'jsonb'),
    ('audit_log', 'new_data', 'jsonb'),
    ('audit_log', 'changed_columns', 'text[]'),
    ('audit_log', 'actor_user_id', 'uuid'),
    ('audit_log', 'db_role', 'text'),
    ('audit_log', 'application_name', 'text'),
    ('audit_log', 'client_addr', 'inet'),
    ('audit_log', 'txid', 'bigint'),
    ('system_event', 'event_type', 'text'),
    ('system_event', 'aggregate_type', 'text'),
    ('system_event', 'aggregate_id', 'uuid'),
    ('system_event', 'payload', 'jsonb'),
    ('system_event', 'actor_user_id', 'uuid'),
    ('system_event', 'occurred_at', 'timestamp with time zone'),
    ('system_event', 'processed_at', 'timestamp with time zone'),
    ('notification', 'channel', 'text'),
    ('notification', 'status', 'text'),
    ('notification', 'scheduled_at', 'timestamp with time zone'),
    ('notification', 'attempts', 'integer'),
    ('notification', 'dedupe_key', 'text'),
    ('notification_type', 'default_channels', 'text[]'),
    ('notification_type', 'is_transactional', 'boolean'),
    ('notification_preference', 'enabled', 'boolean'),
    ('system_setting', 'key', 'text'),
    ('system_setting', 'value', 'jsonb'),
    ('system_setting', 'value_type', 'text'),
    ('system_setting', 'allowed_values', 'jsonb'),
    ('system_setting', 'is_secret', 'boolean'),
    ('setting', 'scope', 'text'),
    ('setting', 'scope_id', 'uuid'),
    ('setting', 'value', 'jsonb'),
    ('error_type', 'severity', 'text'),
    ('error_type', 'alert_threshold_per_hour', 'integer'),
    ('error', 'fingerprint', 'text'),
    ('error', 'detail', 'jsonb'),
    ('error', 'context', 'jsonb'),
    ('error', 'occurrence_count', 'bigint'),
    ('retention_policy', 'target_table', 'text'),
    ('retention_policy', 'timestamp_column', 'text'),
    ('retention_policy', 'keep', 'interval'),
    ('retention_policy', 'action', 'text'),
    ('data_subject_request', 'user_id', 'uuid'),
    ('data_subject_request', 'kind', 'text'),
    ('data_subject_request', 'status', 'text')
) AS v(t, c, ty);

-- Log tables carry no audit/soft-delete columns.
SELECT hasnt_column('platform', t, 'is_active', 'log platform.' || t || ' has no soft delete')
FROM unnest(ARRAY['audit_log', 'system_event', 'activity', 'cache_metrics', 'translation_request']) AS t;

-- ---------------------------------------------------------------------------------------
-- Foreign keys
-- ---------------------------------------------------------------------------------------
SELECT fk_ok('platform', 'language', ARRAY['fallback_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation', ARRAY['entity_type'], 'core', 'entity_type', ARRAY['code']);
SELECT fk_ok('platform', 'ui_message', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation_cache', ARRAY['source_lang'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation_cache', ARRAY['target_lang'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation_request', ARRAY['source_lang'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'translation_request', ARRAY['target_lang'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('platform', 'activity', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'activity', ARRAY['activity_type_id'], 'platform', 'activity_type', ARRAY['id']);
SELECT fk_ok('platform', 'activity', ARRAY['entity_type'], 'core', 'entity_type', ARRAY['code']);
SELECT fk_ok('platform', 'favorite_collection', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'favorite', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'favorite', ARRAY['collection_id', 'user_id'], 'platform', 'favorite_collection', ARRAY['id', 'user_id']);
SELECT fk_ok('platform', 'favorite', ARRAY['entity_type'], 'core', 'entity_type', ARRAY['code']);
SELECT fk_ok('platform', 'rating', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'rating', ARRAY['rating_status_id'], 'platform', 'rating_status', ARRAY['id']);
SELECT fk_ok('platform', 'rating', ARRAY['moderated_by'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'rating', ARRAY['entity_type'], 'core', 'entity_type', ARRAY['code']);
SELECT fk_ok('platform', 'rating_summary', ARRAY['entity_type'], 'core', 'entity_type', ARRAY['code']);
SELECT fk_ok('platform', 'notification', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'notification', ARRAY['notification_type_id'], 'platform', 'notification_type', ARRAY['id']);
SELECT fk_ok('platform', 'notification_preference', ARRAY['user_id'], 'user_mgmt', 'app_user', ARRAY['id']);
SELECT fk_ok('platform', 'notification_preference', ARRAY['notification_type_id'], 'platform', 'notification_type', ARRAY['id']);
SELECT fk_ok('platform', 'error', ARRAY['error_type_id'], 'platform', 'error_type', ARRAY['id']);
SELECT fk_ok('user_mgmt', 'app_user', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('user_mgmt', 'institution', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('content', 'exercise', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);
SELECT fk_ok('content', 'exercise_alias', ARRAY['language_code'], 'platform', 'language', ARRAY['code']);

SELECT is(
    (SELECT array_agg(k.conname::text ORDER BY k.conname) FROM pg_constraint k
     WHERE k.contype = 'f'
       AND k.conrelid IN ('platform.audit_log'::regclass, 'platform.system_event'::regclass,
                          'platform.data_subject_request'::regclass)),
    NULL::text[],
    'audit_log, system_event and data_subject_request have no foreign keys (they survive erasure)');

SELECT is(
    (SELECT k.confdeltype::text FROM pg_constraint k
     WHERE k.conrelid = 'platform.favorite'::regclass AND k.conname = 'favorite_collection_id_fkey'),
    'c', 'deleting a collection deletes its favorites (ON DELETE CASCADE)');
SELECT is(
    (SELECT k.confdeltype::text FROM pg_constraint k
     WHERE k.conrelid = 'platform.rating'::regclass AND k.conname = 'rating_moderated_by_fkey'),
    'n', 'rating.moderated_by is cleared when the moderator is deleted (ON DELETE SET NULL)');

-- language.code: full unique (foreign-key target), not partial.
SELECT ok(EXISTS (SELECT 1 FROM pg_constraint k
                  WHERE k.conrelid = 'platform.language'::regclass AND k.contype = 'u'
                    AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute
                                          WHERE attrelid = 'platform.language'::regclass
                                            AND attname = 'code')]::int2[]),
          'platform.language.code has a full UNIQUE constraint');

-- ---------------------------------------------------------------------------------------
-- Indexes (composite and partial)
-- ---------------------------------------------------------------------------------------
SELECT has_index('platform', t, i, cols, format('index %s on platform.%s', i, t))
FROM (VALUES
    ('language', 'language_fallback_code_idx', ARRAY['fallback_code']),
    ('translation', 'translation_entity_field_language_active_uq', ARRAY['entity_type', 'entity_id', 'field', 'language_code']),
    ('translation', 'translation_language_code_idx', ARRAY['language_code']),
    ('ui_message', 'ui_message_key_language_code_active_uq', ARRAY['key', 'language_code']),
    ('translation_cache', 'translation_cache_source_hash_target_lang_active_uq', ARRAY['source_hash', 'target_lang']),
    ('translation_request', 'translation_request_source_hash_target_lang_open_uq', ARRAY['source_hash', 'target_lang']),
    ('translation_request', 'translation_request_pending_idx', ARRAY['requested_at']),
    ('cache_strategy', 'cache_strategy_cache_name_layer_active_uq', ARRAY['cache_name', 'layer']),
    ('cache_metrics', 'cache_metrics_cache_name_recorded_at_idx', ARRAY['cache_name', 'recorded_at']),
    ('activity', 'activity_user_id_occurred_at_idx', ARRAY['user_id', 'occurred_at']),
    ('activity', 'activity_activity_type_id_idx', ARRAY['activity_type_id']),
    ('activity', 'activity_entity_type_entity_id_idx', ARRAY['entity_type', 'entity_id', 'occurred_at']),
    ('activity_type', 'activity_type_code_active_uq', ARRAY['code']),
    ('favorite_collection', 'favorite_collection_user_id_name_active_uq', ARRAY['user_id', 'lower(name)']),
    ('favorite', 'favorite_user_entity_collection_active_uq', ARRAY['user_id', 'entity_type', 'entity_id', 'collection_id']),
    ('favorite', 'favorite_collection_id_idx', ARRAY['collection_id', 'user_id']),
    ('rating', 'rating_user_id_entity_active_uq', ARRAY['user_id', 'entity_type', 'entity_id']),
    ('rating', 'rating_entity_type_entity_id_idx', ARRAY['entity_type', 'entity_id', 'created_at']),
    ('rating_status', 'rating_status_code_active_uq', ARRAY['code']),
    ('rating_summary', 'rating_summary_entity_type_entity_id_active_uq', ARRAY['entity_type', 'entity_id']),
    ('audit_log', 'audit_log_record_id_occurred_at_idx', ARRAY['record_id', 'occurred_at']),
    ('audit_log', 'audit_log_actor_user_id_occurred_at_idx', ARRAY['actor_user_id', 'occurred_at']),
    ('system_event', 'system_event_unprocessed_idx', ARRAY['occurred_at']),
    ('system_event', 'system_event_aggregate_idx', ARRAY['aggregate_type', 'aggregate_id', 'occurred_at']),
    ('notification', 'notification_dedupe_key_active_uq', ARRAY['dedupe_key']),
    ('notification', 'notification_pending_idx', ARRAY['scheduled_at']),
    ('notification', 'notification_user_id_idx', ARRAY['user_id', 'created_at']),
    ('notification_type', 'notification_type_code_active_uq', ARRAY['code']),
    ('notification_preference', 'notification_preference_user_type_channel_active_uq', ARRAY['user_id', 'notification_type_id', 'channel']),
    ('system_setting', 'system_setting_key_active_uq', ARRAY['key']),
    ('setting', 'setting_scope_scope_id_key_active_uq', ARRAY['scope', 'scope_id', 'key']),
    ('error_type', 'error_type_code_active_uq', ARRAY['code']),
    ('error', 'error_error_type_id_fingerprint_active_uq', ARRAY['error_type_id', 'fingerprint']),
    ('retention_policy', 'retention_policy_target_table_action_active_uq', ARRAY['target_table', 'action']),
    ('data_subject_request', 'data_subject_request_user_id_idx', ARRAY['user_id', 'requested_at'])
) AS v(t, i, cols);

-- Partial predicates of the unique indexes that are not plain "WHERE is_active".
SELECT is(
    (SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x
     WHERE x.indexrelid = 'platform.favorite_user_entity_collection_active_uq'::regclass),
    'is_active', 'favorite uniqueness is partial WHERE is_active');
SELECT ok(
    (SELECT x.indisunique AND x.indnullsnotdistinct FROM pg_index x
     WHERE x.indexrelid = 'platform.favorite_user_entity_collection_active_uq'::regclass),
    'favorite uniqueness treats a NULL collection as a value (NULLS NOT DISTINCT)');
SELECT is(
    (SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x
     WHERE x.indexrelid = 'platform.notification_dedupe_key_active_uq'::regclass),
    '(is_active AND (dedupe_key IS NOT NULL))', 'notification dedupe_key is unique among active non-NULL keys');
SELECT is(
    (SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x
     WHERE x.indexrelid = 'platform.translation_request_source_hash_target_lang_open_uq'::regclass),
    '(status = ANY (ARRAY[''pending''::text, ''processing''::text]))',
    'one open (pending or processing) translation request per (source_hash, target_lang)');
SELECT is(
    (SELECT pg_get_expr(x.indpred, x.indrelid) FROM pg_index x
     WHERE x.indexrelid = 'platform.system_event_unprocessed_idx'::regclass),
    '(processed_at IS NULL)', 'system_event has a partial index on unprocessed events');

-- Foreign-key columns added to other domains are indexed.
SELECT ok(EXISTS (SELECT 1 FROM pg_index x JOIN pg_attribute a
                    ON a.attrelid = x.indrelid AND a.attnum = x.indkey[0]
                  WHERE x.indrelid = t::regclass AND a.attname = 'language_code'),
          t || '.language_code is the leading column of an index')
FROM unnest(ARRAY['user_mgmt.app_user', 'user_mgmt.institution', 'content.exercise', 'content.exercise_alias']) AS t;

-- ---------------------------------------------------------------------------------------
-- Partitioning
-- ---------------------------------------------------------------------------------------
CREATE FUNCTION pg_temp.range_partitions(parent regclass)
RETURNS TABLE (name text, lo timestamptz, hi timestamptz) LANGUAGE sql STABLE AS $$
    SELECT c.relname::text, b[1]::timestamptz, b[2]::timestamptz
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    CROSS JOIN LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid),
                                    '^FOR VALUES FROM \(''([^'']+)''\) TO \(''([^'']+)''\)$') AS b
    WHERE i.inhparent = parent AND b IS NOT NULL
$$;

-- The install makes the default partitions; maintenance the dated ones (rolled back with
-- this file's transaction).
SELECT ok((SELECT count(*) FROM fitness.run_maintenance()) >= 0, 'fitness.run_maintenance() runs');
SELECT is(pg_get_partkeydef('platform.audit_log'::regclass), 'RANGE (occurred_at)',
          'audit_log is partitioned by range on occurred_at');
SELECT is((SELECT partdefid::regclass::text FROM pg_partitioned_table
           WHERE partrelid = 'platform.audit_log'::regclass),
          'platform.audit_log_default', 'audit_log has the default partition audit_log_default');
SELECT is((SELECT array_agg(name) FROM pg_temp.range_partitions('platform.audit_log')
           WHERE now() >= lo AND now() < hi),
          ARRAY['audit_log_p' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMM')],
          'one audit_log partition, named audit_log_pYYYYMM, covers now()');
SELECT ok(EXISTS (SELECT 1 FROM pg_temp.range_partitions('platform.audit_log')
                  WHERE now() + interval '3 months' >= lo AND now() + interval '3 months' < hi),
          'audit_log partitions exist 3 months ahead');
SELECT is((SELECT count(*) FROM pg_temp.range_partitions('platform.audit_log')
           WHERE name !~ '^audit_log_p[0-9]{6}$'
              OR hi <> ((lo AT TIME ZONE 'UTC') + interval '1 month') AT TIME ZONE 'UTC'
              OR lo <> date_trunc('month', lo AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0::bigint,
          'every audit_log range partition is one UTC calendar month, named audit_log_pYYYYMM');

SELECT is(pg_get_partkeydef('platform.system_event'::regclass), 'RANGE (occurred_at)',
          'system_event is partitioned by range on occurred_at');
SELECT is((SELECT partdefid::regclass::text FROM pg_partitioned_table
           WHERE partrelid = 'platform.system_event'::regclass),
          'platform.system_event_default', 'system_event has the default partition system_event_default');
SELECT is((SELECT array_agg(name) FROM pg_temp.range_partitions('platform.system_event')
           WHERE now() >= lo AND now() < hi),
          ARRAY['system_event_p' || to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD')],
          'one system_event partition, named system_event_pYYYYMMDD, covers now()');
SELECT ok(EXISTS (SELECT 1 FROM pg_temp.range_partitions('platform.system_event')
                  WHERE now() + interval '7 days' >= lo AND now() + interval '7 days' < hi),
          'system_event partitions exist 7 days ahead');
SELECT is((SELECT count(*) FROM pg_temp.range_partitions('platform.system_event')
           WHERE name !~ '^system_event_p[0-9]{8}$'
              OR hi <> ((lo AT TIME ZONE 'UTC') + interval '1 day') AT TIME ZONE 'UTC'
              OR lo <> date_trunc('day', lo AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'), 0::bigint,
          'every system_event range partition is one UTC day, named system_event_pYYYYMMDD');

SELECT is(pg_get_partkeydef('platform.activity'::regclass), 'HASH (user_id)',
          'activity is partitioned by hash on user_id');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'platform.activity'::regclass),
          ARRAY['activity_p0', 'activity_p1', 'activity_p2', 'activity_p3',
                'activity_p4', 'activity_p5', 'activity_p6', 'activity_p7'],
          'activity has the 8 partitions activity_p0..activity_p7');
SELECT is((SELECT array_agg(pg_get_expr(c.relpartbound, c.oid) ORDER BY c.relname)
           FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'platform.activity'::regclass),
          ARRAY(SELECT format('FOR VALUES WITH (modulus 8, remainder %s)', r) FROM generate_series(0, 7) r),
          'activity_pN holds hash remainder N of modulus 8');

-- ---------------------------------------------------------------------------------------
-- Constraints behave
-- ---------------------------------------------------------------------------------------
SELECT throws_ok($$UPDATE platform.language SET fallback_code = 'de' WHERE code = 'de'$$,
                 '23514', NULL, 'a language cannot fall back to itself');
SELECT throws_ok($$INSERT INTO platform.language (code, name, native_name) VALUES ('EN_us', 'x', 'x')$$,
                 '23514', NULL, 'language codes must be BCP 47 tags');
SELECT throws_ok($$INSERT INTO platform.language (code, name, native_name, fallback_code) VALUES ('xx', 'x', 'x', 'yy')$$,
                 '23503', NULL, 'a fallback must be a known language');
SELECT throws_ok($$INSERT INTO platform.translation_cache (source_hash, source_lang, target_lang, source_text, translated_text, provider)
                   VALUES (sha256('x'), 'en', 'de', 'x', 'y', 'bing')$$,
                 '23514', NULL, 'translation_cache provider must be deepl, google or manual');
SELECT throws_ok($$INSERT INTO platform.system_setting (key, value, value_type, allowed_values, description)
                   VALUES ('test.units', '"furlongs"', 'enum', '["metric", "imperial"]', 'x')$$,
                 '23514', NULL, 'an enum setting value must be one of allowed_values');
SELECT throws_ok($$INSERT INTO platform.system_setting (key, value, value_type, description)
                   VALUES ('test.count', '1.5', 'integer', 'x')$$,
                 '23514', NULL, 'an integer setting must hold a whole number');
SELECT throws_ok($$INSERT INTO platform.retention_policy (target_table, timestamp_column, keep, action)
                   VALUES ('platform.error', 'last_seen_at', interval '0', 'delete')$$,
                 '23514', NULL, 'retention keep must be positive');
SELECT throws_ok($$INSERT INTO platform.setting (scope, scope_id, key, value)
                   VALUES ('planet', gen_random_uuid(), 'units_default', '"metric"')$$,
                 '23514', NULL, 'setting scope must be institution or user');

-- Queue: a second open request for the same text and target language is refused.
INSERT INTO platform.translation_request (source_hash, source_text, source_lang, target_lang)
VALUES (sha256(convert_to('en' || E'\n' || 'Squat', 'UTF8')), 'Squat', 'en', 'de');
SELECT throws_ok($$INSERT INTO platform.translation_request (source_hash, source_text, source_lang, target_lang)
                   VALUES (sha256(convert_to('en' || E'\n' || 'Squat', 'UTF8')), 'Squat', 'en', 'de')$$,
                 '23505', NULL, 'only one open translation request per (source_hash, target_lang)');

-- rating_summary: count/sum must be consistent; average is derived.
SELECT throws_ok($$INSERT INTO platform.rating_summary (entity_type, entity_id, rating_count, score_sum)
                   VALUES ('exercise', gen_random_uuid(), 2, 11)$$,
                 '23514', NULL, 'rating_summary score_sum cannot exceed 5 * rating_count');

-- Favorites and ratings of a real (registered, existing, active) entity: a language row.
INSERT INTO core.entity_type (code, name, table_name, is_favoritable, is_rateable)
VALUES ('platform_probe', 'Probe', 'platform.language', true, true);
INSERT INTO user_mgmt.app_user (id, display_name)
VALUES ('00000000-0000-7000-8000-0000000000a1', 'Probe A'),
       ('00000000-0000-7000-8000-0000000000b2', 'Probe B');
INSERT INTO platform.favorite_collection (id, user_id, name)
VALUES ('00000000-0000-7000-8000-0000000000c3', '00000000-0000-7000-8000-0000000000b2', 'B''s list');
INSERT INTO platform.favorite (user_id, entity_type, entity_id)
SELECT '00000000-0000-7000-8000-0000000000a1', 'platform_probe', id FROM platform.language WHERE code = 'de';

SELECT throws_ok($$INSERT INTO platform.favorite (user_id, entity_type, entity_id)
                   SELECT '00000000-0000-7000-8000-0000000000a1', 'platform_probe', id
                   FROM platform.language WHERE code = 'de'$$,
                 '23505', NULL, 'a second active favorite of the same entity outside any collection is refused (NULLS NOT DISTINCT)');
SELECT throws_ok($$INSERT INTO platform.favorite (user_id, entity_type, entity_id, collection_id)
                   SELECT '00000000-0000-7000-8000-0000000000a1', 'platform_probe', id,
                          '00000000-0000-7000-8000-0000000000c3'
                   FROM platform.language WHERE code = 'de'$$,
                 '23503', NULL, 'a favorite cannot be filed in another user''s collection');
SELECT throws_ok($$INSERT INTO platform.rating (user_id, entity_type, entity_id, score, rating_status_id)
                   SELECT '00000000-0000-7000-8000-0000000000a1', 'platform_probe', l.id, 6, s.id
                   FROM platform.language l, platform.rating_status s
                   WHERE l.code = 'de' AND s.code = 'published'$$,
                 '23514', NULL, 'a rating score must be between 1 and 5');

INSERT INTO platform.rating_summary (entity_type, entity_id, rating_count, score_sum)
SELECT 'platform_probe', id, 4, 14 FROM platform.language WHERE code = 'fr';
SELECT is((SELECT average FROM platform.rating_summary WHERE entity_type = 'platform_probe'),
          3.50::numeric(3,2), 'rating_summary.average is score_sum / rating_count');

-- ---------------------------------------------------------------------------------------
-- Reference data
-- ---------------------------------------------------------------------------------------
SELECT is(
    (WITH RECURSIVE chain(code, fallback_code, depth) AS (
         SELECT code, fallback_code, 1 FROM platform.language WHERE code = 'pt-BR'
         UNION ALL
         SELECT l.code, l.fallback_code, c.depth + 1
         FROM chain c JOIN platform.language l ON l.code = c.fallback_code)
     SELECT array_agg(code ORDER BY depth) FROM chain),
    ARRAY['pt-BR', 'pt', 'en'], 'pt-BR falls back to pt, then en');

SELECT is(
    (WITH RECURSIVE chain(start, code, fallback_code, path, is_cycle) AS (
         SELECT code, code, fallback_code, ARRAY[code], false FROM platform.language
         UNION ALL
         SELECT c.start, l.code, l.fallback_code, c.path || l.code, l.code = ANY (c.path)
         FROM chain c JOIN platform.language l ON l.code = c.fallback_code
         WHERE NOT c.is_cycle)
     SELECT array_agg(start ORDER BY start) FROM chain
     WHERE is_cycle OR (fallback_code IS NULL AND code <> 'en')),
    NULL::text[], 'every language''s fallback chain ends at en without a cycle');

SELECT is((SELECT fallback_code FROM platform.language WHERE code = 'en'), NULL,
          'en is the root of every chain (no fallback)');
SELECT is((SELECT fallback_code FROM platform.language WHERE code = 'de-AT'), 'de', 'de-AT falls back to de');
SELECT ok((SELECT count(*) = 14 FROM platform.language
           WHERE code IN ('en', 'de', 'es', 'fr', 'it', 'pt', 'pt-BR', 'nl', 'pl', 'sv', 'ru', 'ja', 'zh', 'ar')),
          'the required languages are seeded');
SELECT is((SELECT array_agg(code ORDER BY code) FROM platform.language WHERE is_rtl),
          ARRAY['ar', 'fa', 'he'], 'right-to-left languages are flagged');
SELECT is((SELECT text_search_config::text FROM platform.language WHERE code = 'de'), 'german',
          'German is searched with the german configuration');
SELECT is((SELECT text_search_config::text FROM platform.language WHERE code = 'ja'), 'simple',
          'languages without a snowball stemmer use simple');

SELECT is((SELECT array_agg(code ORDER BY sort_order) FROM platform.rating_status),
          ARRAY['pending', 'published', 'rejected', 'flagged'], 'rating statuses are seeded');
SELECT is((SELECT array_agg(code ORDER BY code) FROM platform.notification_type WHERE is_transactional),
          ARRAY['account_erased', 'data_export_ready', 'password_reset', 'payment_failed'],
          'transactional notification types (cannot be muted)');
SELECT is((SELECT array_agg(k ORDER BY k) FROM platform.notification_type t,
                  LATERAL unnest(ARRAY[t.title_key, t.body_key]) AS k
           WHERE NOT EXISTS (SELECT 1 FROM platform.ui_message m WHERE m.key = k AND m.language_code = 'en')),
          NULL::text[], 'every notification type has its title and body in English');
SELECT is((SELECT allowed_values FROM platform.system_setting WHERE key = 'units_default'),
          '["metric", "imperial"]'::jsonb, 'units_default is an enum of metric and imperial');
SELECT is((SELECT value_type || ':' || (value #>> '{}') FROM platform.system_setting WHERE key = 'default_language'),
          'string:en', 'default_language is the string en');
SELECT ok((SELECT count(*) = 0 FROM platform.system_setting s
           WHERE s.key = 'default_language'
             AND NOT EXISTS (SELECT 1 FROM platform.language l WHERE l.code = s.value #>> '{}')),
          'the default language is a known language');
SELECT is((SELECT array_agg(target_table || ' ' || keep::text || ' ' || action ORDER BY target_table)
           FROM platform.retention_policy
           WHERE target_table IN ('platform.audit_log', 'platform.system_event', 'platform.cache_metrics')),
          ARRAY['platform.cache_metrics 30 days delete'],
          'retention policy of the cache samples (the partitioned logs'' retention is in fitness.partition_config)');
SELECT is((SELECT array_agg(format('%s %s %s/%s %s', parent, partition_interval, premake_setting,
                                   retention_setting, retention_mode) ORDER BY parent::text)
           FROM fitness.partition_config),
          ARRAY['platform.audit_log 1 mon audit.premake_months/audit.retention_months detach',
                'platform.system_event 1 day system_event.premake_days/system_event.retention_days drop'],
          'the high-volume logs are registered for partition maintenance, following their settings');
SELECT ok(EXISTS (SELECT 1 FROM platform.cache_strategy
                  WHERE cache_name = 'translation' AND layer = 'L1' AND scope = 'backend'),
          'the translation L1 per-backend cache is configured');
SELECT ok((SELECT count(*) >= 5 FROM platform.activity_type), 'activity types are seeded');
SELECT ok((SELECT count(*) >= 5 FROM platform.error_type), 'error types are seeded');
SELECT is((SELECT array_agg(DISTINCT language_code ORDER BY language_code) FROM platform.ui_message
           WHERE language_code IN ('en', 'de', 'pt')),
          ARRAY['de', 'en', 'pt'], 'ui messages exist in en, de and pt');

SELECT * FROM finish();
ROLLBACK;
