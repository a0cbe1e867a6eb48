-- =====================================================================================
-- platform: i18n, cache, activity, favorites, ratings, audit, events, notifications,
-- settings, errors, data lifecycle (DOMAINS.md "platform", API.md).
--
-- Entity tables follow schema/README.md (id, audit and soft-delete columns, named CHECKs
-- with comments, FK indexes, partial unique indexes WHERE is_active). The append-only
-- logs and queues (audit_log, system_event, activity, cache_metrics, translation_request)
-- have a uuid v7 id but no audit/soft-delete columns.
--
-- Polymorphic references (entity_type, entity_id): entity_type is a foreign key to
-- core.entity_type (code); that entity_id exists, is active and readable is checked by the
-- C++ triggers (ARCHITECTURE.md "Polymorphic references").
-- =====================================================================================


-- -------------------------------------------------------------------------------------
-- i18n
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.language (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    native_name         text NOT NULL,
    fallback_code       text,
    text_search_config  regconfig NOT NULL DEFAULT 'pg_catalog.simple'::regconfig,
    is_rtl              boolean NOT NULL DEFAULT false,
    sort_order          integer NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT language_pkey PRIMARY KEY (id),
    -- Full (not partial) unique constraint: foreign keys from every language_code column
    -- point at it, and a partial index cannot be a foreign-key target.
    CONSTRAINT language_code_key UNIQUE (code),
    CONSTRAINT language_fallback_code_fkey FOREIGN KEY (fallback_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT language_code_bcp47 CHECK (
        code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT language_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT language_native_name_not_blank CHECK (btrim(native_name) <> ''),
    CONSTRAINT language_fallback_code_not_self CHECK (fallback_code <> code),
    CONSTRAINT language_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.language IS
    'Languages the platform serves, with an explicit fallback chain (pt-BR -> pt -> en) ending at en';
COMMENT ON COLUMN platform.language.code IS 'BCP 47 tag: language[-Script][-REGION], e.g. en, pt-BR, zh-Hant';
COMMENT ON COLUMN platform.language.fallback_code IS 'Next language tried when a text is missing; NULL only for the root language (en)';
COMMENT ON COLUMN platform.language.text_search_config IS 'Text search configuration used for full-text search in this language';
COMMENT ON CONSTRAINT language_code_bcp47 ON platform.language IS
    'code must be a BCP 47 tag of the form language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT language_name_not_blank ON platform.language IS 'name must not be blank';
COMMENT ON CONSTRAINT language_native_name_not_blank ON platform.language IS 'native_name must not be blank';
COMMENT ON CONSTRAINT language_fallback_code_not_self ON platform.language IS
    'a language cannot fall back to itself';
COMMENT ON CONSTRAINT language_soft_delete_state ON platform.language IS
    'is_active is true exactly when deleted_at is NULL';
CREATE INDEX language_fallback_code_idx ON platform.language (fallback_code);


CREATE TABLE platform.translation (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    field           text NOT NULL,
    language_code   text NOT NULL,
    value           text NOT NULL,
    origin          text NOT NULL DEFAULT 'human',
    provider        text,
    is_verified     boolean NOT NULL DEFAULT false,
    verified_by     uuid,
    verified_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT translation_pkey PRIMARY KEY (id),
    CONSTRAINT translation_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT translation_field_format CHECK (field ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT translation_value_not_empty CHECK (value <> ''),
    CONSTRAINT translation_origin_allowed CHECK (origin IN ('human', 'machine', 'import')),
    CONSTRAINT translation_provider_required CHECK (origin <> 'machine' OR provider IS NOT NULL),
    CONSTRAINT translation_verified_at_required CHECK (NOT is_verified OR verified_at IS NOT NULL),
    CONSTRAINT translation_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.translation IS
    'Translated text of one field of one entity (polymorphic entity_type, entity_id) in one language';
COMMENT ON COLUMN platform.translation.field IS 'Column (or path, e.g. instructions.3) of the entity this text translates';
COMMENT ON COLUMN platform.translation.provider IS 'Machine translation provider (deepl, google) or import source';
COMMENT ON CONSTRAINT translation_field_format ON platform.translation IS
    'field must be a lower-case column name, optionally followed by .key parts';
COMMENT ON CONSTRAINT translation_value_not_empty ON platform.translation IS 'value must not be empty';
COMMENT ON CONSTRAINT translation_origin_allowed ON platform.translation IS
    'origin must be one of human, machine, import';
COMMENT ON CONSTRAINT translation_provider_required ON platform.translation IS
    'a machine translation must name its provider';
COMMENT ON CONSTRAINT translation_verified_at_required ON platform.translation IS
    'a verified translation must have verified_at';
COMMENT ON CONSTRAINT translation_soft_delete_state ON platform.translation IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX translation_entity_field_language_active_uq
    ON platform.translation (entity_type, entity_id, field, language_code) WHERE is_active;
CREATE INDEX translation_language_code_idx ON platform.translation (language_code);


CREATE TABLE platform.ui_message (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    key             text NOT NULL,
    language_code   text NOT NULL,
    text            text NOT NULL,
    description     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT ui_message_pkey PRIMARY KEY (id),
    CONSTRAINT ui_message_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT ui_message_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT ui_message_text_not_empty CHECK (text <> ''),
    CONSTRAINT ui_message_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.ui_message IS
    'Interface and notification strings by key and language; {name} placeholders are filled by fitness.message()';
COMMENT ON CONSTRAINT ui_message_key_format ON platform.ui_message IS
    'key must be dot-separated lower-case words, e.g. notification.workout_reminder.title';
COMMENT ON CONSTRAINT ui_message_text_not_empty ON platform.ui_message IS 'text must not be empty';
COMMENT ON CONSTRAINT ui_message_soft_delete_state ON platform.ui_message IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX ui_message_key_language_code_active_uq
    ON platform.ui_message (key, language_code) WHERE is_active;
CREATE INDEX ui_message_language_code_idx ON platform.ui_message (language_code);


CREATE TABLE platform.translation_cache (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    source_hash     bytea NOT NULL,
    source_lang     text NOT NULL,
    target_lang     text NOT NULL,
    source_text     text NOT NULL,
    translated_text text NOT NULL,
    provider        text NOT NULL,
    quality         numeric(4,3),
    hit_count       bigint NOT NULL DEFAULT 0,
    last_hit_at     timestamptz,
    expires_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT translation_cache_pkey PRIMARY KEY (id),
    CONSTRAINT translation_cache_source_lang_fkey FOREIGN KEY (source_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_cache_target_lang_fkey FOREIGN KEY (target_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_cache_source_hash_sha256 CHECK (octet_length(source_hash) = 32),
    CONSTRAINT translation_cache_target_lang_differs CHECK (target_lang <> source_lang),
    CONSTRAINT translation_cache_provider_allowed CHECK (provider IN ('deepl', 'google', 'manual')),
    CONSTRAINT translation_cache_quality_range CHECK (quality BETWEEN 0 AND 1),
    CONSTRAINT translation_cache_hit_count_nonnegative CHECK (hit_count >= 0),
    CONSTRAINT translation_cache_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.translation_cache IS
    'Results of external machine translation (DeepL, Google) or manual entries, keyed by the hash of source language and text';
COMMENT ON COLUMN platform.translation_cache.source_hash IS
    'sha256(convert_to(source_lang || E''\n'' || source_text, ''UTF8'')): 32 bytes';
COMMENT ON COLUMN platform.translation_cache.quality IS 'Provider or reviewer quality estimate, 0..1';
COMMENT ON COLUMN platform.translation_cache.expires_at IS 'After this the entry is stale and may be re-requested; NULL = never';
COMMENT ON CONSTRAINT translation_cache_source_hash_sha256 ON platform.translation_cache IS
    'source_hash must be a sha256 digest (32 bytes)';
COMMENT ON CONSTRAINT translation_cache_target_lang_differs ON platform.translation_cache IS
    'target_lang must differ from source_lang';
COMMENT ON CONSTRAINT translation_cache_provider_allowed ON platform.translation_cache IS
    'provider must be one of deepl, google, manual';
COMMENT ON CONSTRAINT translation_cache_quality_range ON platform.translation_cache IS
    'quality must lie between 0 and 1';
COMMENT ON CONSTRAINT translation_cache_hit_count_nonnegative ON platform.translation_cache IS
    'hit_count cannot be negative';
COMMENT ON CONSTRAINT translation_cache_soft_delete_state ON platform.translation_cache IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX translation_cache_source_hash_target_lang_active_uq
    ON platform.translation_cache (source_hash, target_lang) WHERE is_active;
CREATE INDEX translation_cache_source_lang_idx ON platform.translation_cache (source_lang);
CREATE INDEX translation_cache_target_lang_idx ON platform.translation_cache (target_lang);
CREATE INDEX translation_cache_expires_at_idx
    ON platform.translation_cache (expires_at) WHERE is_active AND expires_at IS NOT NULL;


-- Queue (not an entity table): cache misses waiting for the external translation worker.
CREATE TABLE platform.translation_request (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    source_hash     bytea NOT NULL,
    source_text     text NOT NULL,
    source_lang     text NOT NULL,
    target_lang     text NOT NULL,
    status          text NOT NULL DEFAULT 'pending',
    attempts        integer NOT NULL DEFAULT 0,
    last_error      text,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    processed_at    timestamptz,
    CONSTRAINT translation_request_pkey PRIMARY KEY (id),
    CONSTRAINT translation_request_source_lang_fkey FOREIGN KEY (source_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_request_target_lang_fkey FOREIGN KEY (target_lang)
        REFERENCES platform.language (code) ON UPDATE CASCADE,
    CONSTRAINT translation_request_source_hash_sha256 CHECK (octet_length(source_hash) = 32),
    CONSTRAINT translation_request_target_lang_differs CHECK (target_lang <> source_lang),
    CONSTRAINT translation_request_status_allowed CHECK (
        status IN ('pending', 'processing', 'done', 'failed', 'canceled')),
    CONSTRAINT translation_request_attempts_nonnegative CHECK (attempts >= 0),
    CONSTRAINT translation_request_processed_at_required CHECK (
        (status IN ('pending', 'processing')) = (processed_at IS NULL))
);
COMMENT ON TABLE platform.translation_request IS
    'Queue of translation cache misses for the external worker (NOTIFY fitness_translation); one open request per (source_hash, target_lang)';
COMMENT ON COLUMN platform.translation_request.source_hash IS
    'Same digest as platform.translation_cache.source_hash';
COMMENT ON CONSTRAINT translation_request_source_hash_sha256 ON platform.translation_request IS
    'source_hash must be a sha256 digest (32 bytes)';
COMMENT ON CONSTRAINT translation_request_target_lang_differs ON platform.translation_request IS
    'target_lang must differ from source_lang';
COMMENT ON CONSTRAINT translation_request_status_allowed ON platform.translation_request IS
    'status must be one of pending, processing, done, failed, canceled';
COMMENT ON CONSTRAINT translation_request_attempts_nonnegative ON platform.translation_request IS
    'attempts cannot be negative';
COMMENT ON CONSTRAINT translation_request_processed_at_required ON platform.translation_request IS
    'processed_at is set exactly when the request is finished (done, failed, canceled)';
CREATE UNIQUE INDEX translation_request_source_hash_target_lang_open_uq
    ON platform.translation_request (source_hash, target_lang)
    WHERE status IN ('pending', 'processing');
CREATE INDEX translation_request_pending_idx
    ON platform.translation_request (requested_at) WHERE status = 'pending';
CREATE INDEX translation_request_source_lang_idx ON platform.translation_request (source_lang);
CREATE INDEX translation_request_target_lang_idx ON platform.translation_request (target_lang);


-- -------------------------------------------------------------------------------------
-- cache
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.cache_strategy (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    cache_name      text NOT NULL,
    layer           text NOT NULL,
    scope           text NOT NULL,
    ttl             interval,
    max_entries     integer,
    eviction        text NOT NULL DEFAULT 'lru',
    invalidated_by  text[] NOT NULL DEFAULT '{}',
    description     text,
    is_enabled      boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT cache_strategy_pkey PRIMARY KEY (id),
    CONSTRAINT cache_strategy_cache_name_format CHECK (cache_name ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT cache_strategy_layer_allowed CHECK (layer IN ('L1', 'L2', 'L3', 'L4')),
    CONSTRAINT cache_strategy_scope_allowed CHECK (scope IN ('backend', 'shared_memory', 'table', 'external')),
    CONSTRAINT cache_strategy_ttl_positive CHECK (ttl > interval '0'),
    CONSTRAINT cache_strategy_max_entries_positive CHECK (max_entries > 0),
    CONSTRAINT cache_strategy_eviction_allowed CHECK (eviction IN ('lru', 'lfu', 'fifo', 'ttl', 'none')),
    CONSTRAINT cache_strategy_invalidated_by_qualified CHECK (
        array_position(invalidated_by, NULL) IS NULL
        AND array_to_string(invalidated_by, ',') ~ '^([a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*(,|$))*$'),
    CONSTRAINT cache_strategy_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.cache_strategy IS
    'Configuration of each cache layer: L1 per-backend memory, L2 shared memory, L3 tables, L4 external (Redis/CDN)';
COMMENT ON COLUMN platform.cache_strategy.ttl IS 'Time to live of an entry; NULL = until invalidated';
COMMENT ON COLUMN platform.cache_strategy.invalidated_by IS 'Schema-qualified tables whose changes invalidate this cache';
COMMENT ON CONSTRAINT cache_strategy_cache_name_format ON platform.cache_strategy IS
    'cache_name must be a lower-case identifier';
COMMENT ON CONSTRAINT cache_strategy_layer_allowed ON platform.cache_strategy IS
    'layer must be one of L1, L2, L3, L4';
COMMENT ON CONSTRAINT cache_strategy_scope_allowed ON platform.cache_strategy IS
    'scope must be one of backend, shared_memory, table, external';
COMMENT ON CONSTRAINT cache_strategy_ttl_positive ON platform.cache_strategy IS 'ttl must be positive';
COMMENT ON CONSTRAINT cache_strategy_max_entries_positive ON platform.cache_strategy IS
    'max_entries must be positive';
COMMENT ON CONSTRAINT cache_strategy_eviction_allowed ON platform.cache_strategy IS
    'eviction must be one of lru, lfu, fifo, ttl, none';
COMMENT ON CONSTRAINT cache_strategy_invalidated_by_qualified ON platform.cache_strategy IS
    'invalidated_by must list schema-qualified lower-case table names (schema.table)';
COMMENT ON CONSTRAINT cache_strategy_soft_delete_state ON platform.cache_strategy IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX cache_strategy_cache_name_layer_active_uq
    ON platform.cache_strategy (cache_name, layer) WHERE is_active;


-- Log (not an entity table): periodic samples of cache counters. Cleaned by retention_policy.
CREATE TABLE platform.cache_metrics (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    cache_name      text NOT NULL,
    layer           text,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    hits            bigint NOT NULL DEFAULT 0,
    misses          bigint NOT NULL DEFAULT 0,
    evictions       bigint NOT NULL DEFAULT 0,
    invalidations   bigint NOT NULL DEFAULT 0,
    entries         bigint NOT NULL DEFAULT 0,
    backend_pid     integer,
    CONSTRAINT cache_metrics_pkey PRIMARY KEY (id),
    CONSTRAINT cache_metrics_layer_allowed CHECK (layer IN ('L1', 'L2', 'L3', 'L4')),
    CONSTRAINT cache_metrics_counters_nonnegative CHECK (
        hits >= 0 AND misses >= 0 AND evictions >= 0 AND invalidations >= 0 AND entries >= 0)
);
COMMENT ON TABLE platform.cache_metrics IS
    'Samples of cache counters (fitness.cache_stats()) over time; append-only, cleaned by retention_policy';
COMMENT ON COLUMN platform.cache_metrics.backend_pid IS 'Backend that reported a per-backend sample; NULL for cluster-wide samples';
COMMENT ON CONSTRAINT cache_metrics_layer_allowed ON platform.cache_metrics IS
    'layer must be one of L1, L2, L3, L4';
COMMENT ON CONSTRAINT cache_metrics_counters_nonnegative ON platform.cache_metrics IS
    'hits, misses, evictions, invalidations and entries cannot be negative';
CREATE INDEX cache_metrics_cache_name_recorded_at_idx ON platform.cache_metrics (cache_name, recorded_at);
CREATE INDEX cache_metrics_recorded_at_idx ON platform.cache_metrics (recorded_at);


-- -------------------------------------------------------------------------------------
-- activity
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.activity_type (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    description         text,
    default_visibility  text NOT NULL DEFAULT 'private',
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT activity_type_pkey PRIMARY KEY (id),
    CONSTRAINT activity_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT activity_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT activity_type_default_visibility_allowed CHECK (
        default_visibility IN ('private', 'institution', 'public')),
    CONSTRAINT activity_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.activity_type IS 'Kinds of user activity (feed items) and their default visibility';
COMMENT ON CONSTRAINT activity_type_code_format ON platform.activity_type IS
    'code must be dot-separated lower-case words';
COMMENT ON CONSTRAINT activity_type_name_not_blank ON platform.activity_type IS 'name must not be blank';
COMMENT ON CONSTRAINT activity_type_default_visibility_allowed ON platform.activity_type IS
    'default_visibility must be one of private, institution, public';
COMMENT ON CONSTRAINT activity_type_soft_delete_state ON platform.activity_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX activity_type_code_active_uq ON platform.activity_type (code) WHERE is_active;


-- Log (not an entity table), HASH-partitioned by user_id (seed: user-based partitioning).
CREATE TABLE platform.activity (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id             uuid NOT NULL,
    activity_type_id    uuid NOT NULL,
    entity_type         text,
    entity_id           uuid,
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    payload             jsonb NOT NULL DEFAULT '{}'::jsonb,
    visibility          text NOT NULL DEFAULT 'private',
    CONSTRAINT activity_pkey PRIMARY KEY (id, user_id),
    CONSTRAINT activity_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT activity_activity_type_id_fkey FOREIGN KEY (activity_type_id)
        REFERENCES platform.activity_type (id),
    CONSTRAINT activity_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT activity_entity_reference_complete CHECK ((entity_type IS NULL) = (entity_id IS NULL)),
    CONSTRAINT activity_payload_object CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT activity_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public'))
) PARTITION BY HASH (user_id);
COMMENT ON TABLE platform.activity IS
    'User activity feed (append-only), hash-partitioned by user_id into activity_p0..activity_p7';
COMMENT ON COLUMN platform.activity.payload IS 'pii: free_text';
COMMENT ON CONSTRAINT activity_entity_reference_complete ON platform.activity IS
    'entity_type and entity_id are both set or both NULL';
COMMENT ON CONSTRAINT activity_payload_object ON platform.activity IS 'payload must be a JSON object';
COMMENT ON CONSTRAINT activity_visibility_allowed ON platform.activity IS
    'visibility must be one of private, institution, public';
CREATE INDEX activity_user_id_occurred_at_idx ON platform.activity (user_id, occurred_at DESC);
CREATE INDEX activity_activity_type_id_idx ON platform.activity (activity_type_id);
CREATE INDEX activity_entity_type_entity_id_idx
    ON platform.activity (entity_type, entity_id, occurred_at DESC);

CREATE TABLE platform.activity_p0 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 0);
CREATE TABLE platform.activity_p1 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 1);
CREATE TABLE platform.activity_p2 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 2);
CREATE TABLE platform.activity_p3 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 3);
CREATE TABLE platform.activity_p4 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 4);
CREATE TABLE platform.activity_p5 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 5);
CREATE TABLE platform.activity_p6 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 6);
CREATE TABLE platform.activity_p7 PARTITION OF platform.activity FOR VALUES WITH (MODULUS 8, REMAINDER 7);


-- -------------------------------------------------------------------------------------
-- favorites
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.favorite_collection (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_collection_pkey PRIMARY KEY (id),
    -- Target of favorite's (collection_id, user_id) foreign key: a favorite can only be
    -- filed in a collection of the same user.
    CONSTRAINT favorite_collection_id_user_id_key UNIQUE (id, user_id),
    CONSTRAINT favorite_collection_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT favorite_collection_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_collection_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite_collection IS 'Named lists of favorites of a user';
COMMENT ON COLUMN platform.favorite_collection.name IS 'pii: free_text';
COMMENT ON COLUMN platform.favorite_collection.description IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_collection_name_not_blank ON platform.favorite_collection IS
    'name must not be blank';
COMMENT ON CONSTRAINT favorite_collection_position_nonnegative ON platform.favorite_collection IS
    'position cannot be negative';
COMMENT ON CONSTRAINT favorite_collection_soft_delete_state ON platform.favorite_collection IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX favorite_collection_user_id_name_active_uq
    ON platform.favorite_collection (user_id, lower(name)) WHERE is_active;
CREATE INDEX favorite_collection_user_id_idx ON platform.favorite_collection (user_id);


CREATE TABLE platform.favorite (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    collection_id   uuid,
    note            text,
    position        integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT favorite_pkey PRIMARY KEY (id),
    CONSTRAINT favorite_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT favorite_collection_id_fkey FOREIGN KEY (collection_id, user_id)
        REFERENCES platform.favorite_collection (id, user_id) ON DELETE CASCADE,
    CONSTRAINT favorite_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT favorite_position_nonnegative CHECK (position >= 0),
    CONSTRAINT favorite_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.favorite IS
    'A user''s favorite entity (polymorphic), optionally filed in one of their collections';
COMMENT ON COLUMN platform.favorite.collection_id IS 'NULL = not in a collection; (collection_id, user_id) must be the user''s own collection';
COMMENT ON COLUMN platform.favorite.note IS 'pii: free_text';
COMMENT ON CONSTRAINT favorite_position_nonnegative ON platform.favorite IS 'position cannot be negative';
COMMENT ON CONSTRAINT favorite_soft_delete_state ON platform.favorite IS
    'is_active is true exactly when deleted_at is NULL';
-- One active favorite per (user, entity, collection); NULL collection counts as a value.
CREATE UNIQUE INDEX favorite_user_entity_collection_active_uq
    ON platform.favorite (user_id, entity_type, entity_id, collection_id) NULLS NOT DISTINCT
    WHERE is_active;
CREATE INDEX favorite_user_id_idx ON platform.favorite (user_id, created_at DESC);
CREATE INDEX favorite_collection_id_idx ON platform.favorite (collection_id, user_id)
    WHERE collection_id IS NOT NULL;
CREATE INDEX favorite_entity_type_entity_id_idx ON platform.favorite (entity_type, entity_id);


-- -------------------------------------------------------------------------------------
-- ratings
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.rating_status (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code            text NOT NULL,
    name            text NOT NULL,
    description     text,
    is_public       boolean NOT NULL DEFAULT false,
    is_terminal     boolean NOT NULL DEFAULT false,
    sort_order      integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_status_pkey PRIMARY KEY (id),
    CONSTRAINT rating_status_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT rating_status_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT rating_status_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_status IS 'Moderation states of a rating (pending, published, rejected, flagged)';
COMMENT ON COLUMN platform.rating_status.is_public IS 'Ratings in this state are visible to others and count in rating_summary';
COMMENT ON CONSTRAINT rating_status_code_format ON platform.rating_status IS
    'code must be a lower-case identifier';
COMMENT ON CONSTRAINT rating_status_name_not_blank ON platform.rating_status IS 'name must not be blank';
COMMENT ON CONSTRAINT rating_status_soft_delete_state ON platform.rating_status IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_status_code_active_uq ON platform.rating_status (code) WHERE is_active;


CREATE TABLE platform.rating (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id             uuid NOT NULL,
    entity_type         text NOT NULL,
    entity_id           uuid NOT NULL,
    score               smallint NOT NULL,
    title               text,
    review              text,
    rating_status_id    uuid NOT NULL,
    moderated_by        uuid,
    moderated_at        timestamptz,
    moderation_note     text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT rating_pkey PRIMARY KEY (id),
    CONSTRAINT rating_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT rating_rating_status_id_fkey FOREIGN KEY (rating_status_id)
        REFERENCES platform.rating_status (id),
    CONSTRAINT rating_moderated_by_fkey FOREIGN KEY (moderated_by)
        REFERENCES user_mgmt.app_user (id) ON DELETE SET NULL,
    CONSTRAINT rating_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_score_range CHECK (score BETWEEN 1 AND 5),
    CONSTRAINT rating_review_length CHECK (length(review) <= 10000),
    CONSTRAINT rating_moderated_at_required CHECK (moderated_by IS NULL OR moderated_at IS NOT NULL),
    CONSTRAINT rating_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating IS
    'A user''s score (1-5) and review of an entity; one active rating per user and entity';
COMMENT ON COLUMN platform.rating.title IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.review IS 'pii: free_text';
COMMENT ON COLUMN platform.rating.moderation_note IS 'pii: free_text';
COMMENT ON CONSTRAINT rating_score_range ON platform.rating IS 'score must be between 1 and 5';
COMMENT ON CONSTRAINT rating_review_length ON platform.rating IS 'review must be at most 10000 characters';
COMMENT ON CONSTRAINT rating_moderated_at_required ON platform.rating IS
    'a moderated rating must have moderated_at';
COMMENT ON CONSTRAINT rating_soft_delete_state ON platform.rating IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_user_id_entity_active_uq
    ON platform.rating (user_id, entity_type, entity_id) WHERE is_active;
CREATE INDEX rating_user_id_idx ON platform.rating (user_id);
CREATE INDEX rating_rating_status_id_idx ON platform.rating (rating_status_id);
CREATE INDEX rating_moderated_by_idx ON platform.rating (moderated_by) WHERE moderated_by IS NOT NULL;
CREATE INDEX rating_entity_type_entity_id_idx
    ON platform.rating (entity_type, entity_id, created_at DESC);


CREATE TABLE platform.rating_summary (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    entity_type     text NOT NULL,
    entity_id       uuid NOT NULL,
    rating_count    integer NOT NULL DEFAULT 0,
    score_sum       bigint NOT NULL DEFAULT 0,
    average         numeric(3,2) GENERATED ALWAYS AS (
                        CASE WHEN rating_count > 0
                             THEN round(score_sum::numeric / rating_count, 2) END) STORED,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT rating_summary_pkey PRIMARY KEY (id),
    CONSTRAINT rating_summary_entity_type_fkey FOREIGN KEY (entity_type)
        REFERENCES core.entity_type (code) ON UPDATE CASCADE,
    CONSTRAINT rating_summary_rating_count_nonnegative CHECK (rating_count >= 0),
    CONSTRAINT rating_summary_score_sum_range CHECK (
        score_sum BETWEEN rating_count AND 5::bigint * rating_count),
    CONSTRAINT rating_summary_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.rating_summary IS
    'Count and sum of the public ratings of an entity, kept exact by the rating trigger; average is derived';
COMMENT ON COLUMN platform.rating_summary.average IS 'score_sum / rating_count rounded to 2 places; NULL without ratings (generated)';
COMMENT ON CONSTRAINT rating_summary_rating_count_nonnegative ON platform.rating_summary IS
    'rating_count cannot be negative';
COMMENT ON CONSTRAINT rating_summary_score_sum_range ON platform.rating_summary IS
    'score_sum must lie between rating_count (all 1s) and 5 * rating_count (all 5s)';
COMMENT ON CONSTRAINT rating_summary_soft_delete_state ON platform.rating_summary IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX rating_summary_entity_type_entity_id_active_uq
    ON platform.rating_summary (entity_type, entity_id) WHERE is_active;


-- -------------------------------------------------------------------------------------
-- audit and events
-- -------------------------------------------------------------------------------------

-- Log (not an entity table), RANGE-partitioned monthly on occurred_at (UTC month bounds).
-- Written only by the C++ audit triggers; append-only (API.md "Audit").
CREATE TABLE platform.audit_log (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    table_schema        text NOT NULL,
    table_name          text NOT NULL,
    record_id           uuid,
    operation           text NOT NULL,
    old_data            jsonb,
    new_data            jsonb,
    changed_columns     text[],
    actor_user_id       uuid,
    db_role             text NOT NULL DEFAULT CURRENT_USER,
    application_name    text,
    client_addr         inet,
    txid                bigint NOT NULL DEFAULT txid_current(),
    CONSTRAINT audit_log_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT audit_log_operation_allowed CHECK (
        operation IN ('INSERT', 'UPDATE', 'DELETE', 'SOFT_DELETE', 'RESTORE', 'TRUNCATE')),
    CONSTRAINT audit_log_record_id_required CHECK (operation = 'TRUNCATE' OR record_id IS NOT NULL),
    CONSTRAINT audit_log_old_data_object CHECK (jsonb_typeof(old_data) = 'object'),
    CONSTRAINT audit_log_new_data_object CHECK (jsonb_typeof(new_data) = 'object')
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE platform.audit_log IS
    'Append-only audit trail of every entity table, partitioned monthly (audit_log_pYYYYMM, UTC months) with a default partition';
COMMENT ON COLUMN platform.audit_log.record_id IS 'id of the audited row; NULL only for TRUNCATE';
COMMENT ON COLUMN platform.audit_log.old_data IS 'pii: free_text (full row before the change)';
COMMENT ON COLUMN platform.audit_log.new_data IS 'pii: free_text (INSERT: full row; UPDATE: changed columns only)';
COMMENT ON COLUMN platform.audit_log.actor_user_id IS 'Application user from the identity context; no FK: survives erasure';
COMMENT ON COLUMN platform.audit_log.client_addr IS 'pii: ip_address';
COMMENT ON COLUMN platform.audit_log.txid IS 'Top-level transaction id (txid_current())';
COMMENT ON CONSTRAINT audit_log_operation_allowed ON platform.audit_log IS
    'operation must be one of INSERT, UPDATE, DELETE, SOFT_DELETE, RESTORE, TRUNCATE';
COMMENT ON CONSTRAINT audit_log_record_id_required ON platform.audit_log IS
    'record_id is required except for TRUNCATE';
COMMENT ON CONSTRAINT audit_log_old_data_object ON platform.audit_log IS 'old_data must be a JSON object';
COMMENT ON CONSTRAINT audit_log_new_data_object ON platform.audit_log IS 'new_data must be a JSON object';
-- Lean on purpose: every audited write pays for these. Record ids are uuid v7 and unique
-- across tables, so (record_id, occurred_at) serves record_history without the names.
CREATE INDEX audit_log_record_id_occurred_at_idx
    ON platform.audit_log (record_id, occurred_at);
CREATE INDEX audit_log_actor_user_id_occurred_at_idx
    ON platform.audit_log (actor_user_id, occurred_at) WHERE actor_user_id IS NOT NULL;


-- Log / outbox (not an entity table), RANGE-partitioned daily on occurred_at (UTC days).
CREATE TABLE platform.system_event (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    event_type          text NOT NULL,
    aggregate_type      text NOT NULL,
    aggregate_id        uuid,
    payload             jsonb NOT NULL DEFAULT '{}'::jsonb,
    actor_user_id       uuid,
    institution_id      uuid,
    occurred_at         timestamptz NOT NULL DEFAULT now(),
    processed_at        timestamptz,
    txid                bigint NOT NULL DEFAULT txid_current(),
    CONSTRAINT system_event_pkey PRIMARY KEY (id, occurred_at),
    CONSTRAINT system_event_event_type_format CHECK (event_type ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT system_event_aggregate_type_format CHECK (aggregate_type ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT system_event_payload_object CHECK (jsonb_typeof(payload) = 'object')
) PARTITION BY RANGE (occurred_at);
COMMENT ON TABLE platform.system_event IS
    'Domain events (transactional outbox, NOTIFY fitness_events), partitioned daily (system_event_pYYYYMMDD, UTC days) with a default partition';
COMMENT ON COLUMN platform.system_event.actor_user_id IS 'Application user from the identity context; no FK: survives erasure';
COMMENT ON COLUMN platform.system_event.institution_id IS 'Tenant of the event, if any; no FK (log)';
COMMENT ON COLUMN platform.system_event.processed_at IS 'Set by the consumer; NULL = not yet processed';
COMMENT ON COLUMN platform.system_event.payload IS 'pii: free_text';
COMMENT ON CONSTRAINT system_event_event_type_format ON platform.system_event IS
    'event_type must be dot-separated lower-case words, e.g. session.completed';
COMMENT ON CONSTRAINT system_event_aggregate_type_format ON platform.system_event IS
    'aggregate_type must be a lower-case identifier';
COMMENT ON CONSTRAINT system_event_payload_object ON platform.system_event IS 'payload must be a JSON object';
CREATE INDEX system_event_unprocessed_idx
    ON platform.system_event (occurred_at) WHERE processed_at IS NULL;
CREATE INDEX system_event_aggregate_idx
    ON platform.system_event (aggregate_type, aggregate_id, occurred_at);
CREATE INDEX system_event_event_type_occurred_at_idx
    ON platform.system_event (event_type, occurred_at);


-- Initial partitions, relative to the install date (UTC bounds). fitness.run_maintenance()
-- creates the following ones; rows outside every range land in the default partitions.
DO $partitions$
DECLARE
    month_start timestamp := pg_catalog.date_trunc('month', pg_catalog.now() AT TIME ZONE 'UTC');
    day_start   timestamp := pg_catalog.date_trunc('day', pg_catalog.now() AT TIME ZONE 'UTC');
    lo          timestamp;
    i           integer;
BEGIN
    FOR i IN 0..3 LOOP
        lo := month_start + pg_catalog.make_interval(months => i);
        EXECUTE pg_catalog.format(
            'CREATE TABLE %I.%I PARTITION OF platform.audit_log FOR VALUES FROM (%L) TO (%L)',
            'platform', 'audit_log_p' || pg_catalog.to_char(lo, 'YYYYMM'),
            (lo AT TIME ZONE 'UTC'), ((lo + interval '1 month') AT TIME ZONE 'UTC'));
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF platform.audit_log DEFAULT',
                              'platform', 'audit_log_default');

    FOR i IN 0..7 LOOP
        lo := day_start + pg_catalog.make_interval(days => i);
        EXECUTE pg_catalog.format(
            'CREATE TABLE %I.%I PARTITION OF platform.system_event FOR VALUES FROM (%L) TO (%L)',
            'platform', 'system_event_p' || pg_catalog.to_char(lo, 'YYYYMMDD'),
            (lo AT TIME ZONE 'UTC'), ((lo + interval '1 day') AT TIME ZONE 'UTC'));
    END LOOP;
    EXECUTE pg_catalog.format('CREATE TABLE %I.%I PARTITION OF platform.system_event DEFAULT',
                              'platform', 'system_event_default');
END
$partitions$;


-- -------------------------------------------------------------------------------------
-- notifications
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.notification_type (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                text NOT NULL,
    name                text NOT NULL,
    description         text,
    default_channels    text[] NOT NULL DEFAULT '{in_app}',
    title_key           text NOT NULL,
    body_key            text NOT NULL,
    is_transactional    boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT notification_type_pkey PRIMARY KEY (id),
    CONSTRAINT notification_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*$'),
    CONSTRAINT notification_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT notification_type_default_channels_allowed CHECK (
        cardinality(default_channels) > 0
        AND default_channels <@ ARRAY['in_app', 'email', 'push', 'sms']::text[]),
    CONSTRAINT notification_type_title_key_format CHECK (title_key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT notification_type_body_key_format CHECK (body_key ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT notification_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification_type IS
    'Kinds of notification: default channels, message keys (platform.ui_message) and whether it can be muted';
COMMENT ON COLUMN platform.notification_type.is_transactional IS 'Transactional notifications (password reset, payment failed) are delivered even when muted';
COMMENT ON CONSTRAINT notification_type_code_format ON platform.notification_type IS
    'code must be a lower-case identifier';
COMMENT ON CONSTRAINT notification_type_name_not_blank ON platform.notification_type IS 'name must not be blank';
COMMENT ON CONSTRAINT notification_type_default_channels_allowed ON platform.notification_type IS
    'default_channels must be a non-empty subset of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_type_title_key_format ON platform.notification_type IS
    'title_key must be a ui_message key (dot-separated lower-case words)';
COMMENT ON CONSTRAINT notification_type_body_key_format ON platform.notification_type IS
    'body_key must be a ui_message key (dot-separated lower-case words)';
COMMENT ON CONSTRAINT notification_type_soft_delete_state ON platform.notification_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_type_code_active_uq ON platform.notification_type (code) WHERE is_active;


CREATE TABLE platform.notification (
    id                      uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id                 uuid NOT NULL,
    notification_type_id    uuid NOT NULL,
    channel                 text NOT NULL,
    title                   text NOT NULL,
    body                    text,
    payload                 jsonb NOT NULL DEFAULT '{}'::jsonb,
    status                  text NOT NULL DEFAULT 'pending',
    scheduled_at            timestamptz NOT NULL DEFAULT now(),
    sent_at                 timestamptz,
    delivered_at            timestamptz,
    read_at                 timestamptz,
    attempts                integer NOT NULL DEFAULT 0,
    last_error              text,
    dedupe_key              text,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    created_by              uuid,
    updated_by              uuid,
    is_active               boolean NOT NULL DEFAULT true,
    deleted_at              timestamptz,
    deleted_by              uuid,
    CONSTRAINT notification_pkey PRIMARY KEY (id),
    CONSTRAINT notification_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT notification_notification_type_id_fkey FOREIGN KEY (notification_type_id)
        REFERENCES platform.notification_type (id),
    CONSTRAINT notification_channel_allowed CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
    CONSTRAINT notification_status_allowed CHECK (
        status IN ('pending', 'sent', 'delivered', 'read', 'failed', 'canceled')),
    CONSTRAINT notification_attempts_nonnegative CHECK (attempts >= 0),
    CONSTRAINT notification_payload_object CHECK (jsonb_typeof(payload) = 'object'),
    CONSTRAINT notification_sent_at_required CHECK (
        status NOT IN ('sent', 'delivered', 'read') OR sent_at IS NOT NULL),
    CONSTRAINT notification_delivered_at_required CHECK (status <> 'delivered' OR delivered_at IS NOT NULL),
    CONSTRAINT notification_read_at_required CHECK (status <> 'read' OR read_at IS NOT NULL),
    CONSTRAINT notification_dedupe_key_not_blank CHECK (btrim(dedupe_key) <> ''),
    CONSTRAINT notification_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification IS
    'A notification to a user on one channel; status moves pending -> sent -> delivered -> read (or failed, canceled)';
COMMENT ON COLUMN platform.notification.title IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.body IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.payload IS 'pii: free_text';
COMMENT ON COLUMN platform.notification.dedupe_key IS 'Caller-chosen key; a second active notification with the same key is refused';
COMMENT ON CONSTRAINT notification_channel_allowed ON platform.notification IS
    'channel must be one of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_status_allowed ON platform.notification IS
    'status must be one of pending, sent, delivered, read, failed, canceled';
COMMENT ON CONSTRAINT notification_attempts_nonnegative ON platform.notification IS 'attempts cannot be negative';
COMMENT ON CONSTRAINT notification_payload_object ON platform.notification IS 'payload must be a JSON object';
COMMENT ON CONSTRAINT notification_sent_at_required ON platform.notification IS
    'a sent, delivered or read notification must have sent_at';
COMMENT ON CONSTRAINT notification_delivered_at_required ON platform.notification IS
    'a delivered notification must have delivered_at';
COMMENT ON CONSTRAINT notification_read_at_required ON platform.notification IS
    'a read notification must have read_at';
COMMENT ON CONSTRAINT notification_dedupe_key_not_blank ON platform.notification IS
    'dedupe_key must not be blank (use NULL for no deduplication)';
COMMENT ON CONSTRAINT notification_soft_delete_state ON platform.notification IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_dedupe_key_active_uq
    ON platform.notification (dedupe_key) WHERE is_active AND dedupe_key IS NOT NULL;
CREATE INDEX notification_user_id_idx ON platform.notification (user_id, created_at DESC);
CREATE INDEX notification_notification_type_id_idx ON platform.notification (notification_type_id);
CREATE INDEX notification_pending_idx
    ON platform.notification (scheduled_at) WHERE status = 'pending' AND is_active;
CREATE INDEX notification_unread_idx
    ON platform.notification (user_id, created_at DESC)
    WHERE read_at IS NULL AND channel = 'in_app' AND is_active;


CREATE TABLE platform.notification_preference (
    id                      uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id                 uuid NOT NULL,
    notification_type_id    uuid NOT NULL,
    channel                 text NOT NULL,
    enabled                 boolean NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    created_by              uuid,
    updated_by              uuid,
    is_active               boolean NOT NULL DEFAULT true,
    deleted_at              timestamptz,
    deleted_by              uuid,
    CONSTRAINT notification_preference_pkey PRIMARY KEY (id),
    CONSTRAINT notification_preference_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT notification_preference_notification_type_id_fkey FOREIGN KEY (notification_type_id)
        REFERENCES platform.notification_type (id) ON DELETE CASCADE,
    CONSTRAINT notification_preference_channel_allowed CHECK (channel IN ('in_app', 'email', 'push', 'sms')),
    CONSTRAINT notification_preference_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.notification_preference IS
    'A user''s choice per notification type and channel; absent row = the type''s default channels';
COMMENT ON CONSTRAINT notification_preference_channel_allowed ON platform.notification_preference IS
    'channel must be one of in_app, email, push, sms';
COMMENT ON CONSTRAINT notification_preference_soft_delete_state ON platform.notification_preference IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX notification_preference_user_type_channel_active_uq
    ON platform.notification_preference (user_id, notification_type_id, channel) WHERE is_active;
CREATE INDEX notification_preference_user_id_idx ON platform.notification_preference (user_id);
CREATE INDEX notification_preference_notification_type_id_idx
    ON platform.notification_preference (notification_type_id);


-- -------------------------------------------------------------------------------------
-- settings
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.system_setting (
    id                          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    key                         text NOT NULL,
    value                       jsonb NOT NULL,
    value_type                  text NOT NULL,
    allowed_values              jsonb,
    min_value                   numeric,
    max_value                   numeric,
    description                 text NOT NULL,
    is_secret                   boolean NOT NULL DEFAULT false,
    is_institution_overridable  boolean NOT NULL DEFAULT false,
    is_user_overridable         boolean NOT NULL DEFAULT false,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    created_by                  uuid,
    updated_by                  uuid,
    is_active                   boolean NOT NULL DEFAULT true,
    deleted_at                  timestamptz,
    deleted_by                  uuid,
    CONSTRAINT system_setting_pkey PRIMARY KEY (id),
    CONSTRAINT system_setting_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    CONSTRAINT system_setting_value_type_allowed CHECK (
        value_type IN ('boolean', 'integer', 'number', 'string', 'enum', 'json')),
    CONSTRAINT system_setting_value_matches_type CHECK (
        CASE value_type
            WHEN 'boolean' THEN jsonb_typeof(value) = 'boolean'
            WHEN 'integer' THEN jsonb_typeof(value) = 'number'
                                AND (value #>> '{}') ~ '^-?[0-9]+$'
            WHEN 'number'  THEN jsonb_typeof(value) = 'number'
            WHEN 'string'  THEN jsonb_typeof(value) = 'string'
            WHEN 'enum'    THEN jsonb_typeof(value) = 'string'
            ELSE true
        END),
    CONSTRAINT system_setting_allowed_values_array CHECK (
        jsonb_typeof(allowed_values) = 'array'
        AND jsonb_array_length(allowed_values) > 0),
    CONSTRAINT system_setting_allowed_values_required CHECK (
        value_type <> 'enum' OR allowed_values IS NOT NULL),
    CONSTRAINT system_setting_value_allowed CHECK (
        allowed_values IS NULL OR allowed_values @> jsonb_build_array(value)),
    CONSTRAINT system_setting_bounds_numeric_only CHECK (
        (min_value IS NULL AND max_value IS NULL) OR value_type IN ('integer', 'number')),
    CONSTRAINT system_setting_bounds_ordered CHECK (min_value <= max_value),
    CONSTRAINT system_setting_value_range CHECK (
        value_type NOT IN ('integer', 'number')
        OR ((min_value IS NULL OR (value #>> '{}')::numeric >= min_value)
            AND (max_value IS NULL OR (value #>> '{}')::numeric <= max_value))),
    CONSTRAINT system_setting_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.system_setting IS
    'Setting definitions (type, allowed values, bounds) and their platform-wide values; platform.setting overrides per institution or user';
COMMENT ON COLUMN platform.system_setting.value IS 'Platform value, of value_type; secret values are hidden from non-admins';
COMMENT ON COLUMN platform.system_setting.allowed_values IS 'JSON array of the permitted values (required for enum)';
COMMENT ON CONSTRAINT system_setting_key_format ON platform.system_setting IS
    'key must be dot-separated lower-case identifiers, e.g. audit.retention_months';
COMMENT ON CONSTRAINT system_setting_value_type_allowed ON platform.system_setting IS
    'value_type must be one of boolean, integer, number, string, enum, json';
COMMENT ON CONSTRAINT system_setting_value_matches_type ON platform.system_setting IS
    'value must be a JSON value of value_type (integer: a whole number; enum: a string)';
COMMENT ON CONSTRAINT system_setting_allowed_values_array ON platform.system_setting IS
    'allowed_values must be a non-empty JSON array';
COMMENT ON CONSTRAINT system_setting_allowed_values_required ON platform.system_setting IS
    'an enum setting must list its allowed_values';
COMMENT ON CONSTRAINT system_setting_value_allowed ON platform.system_setting IS
    'value must be one of allowed_values';
COMMENT ON CONSTRAINT system_setting_bounds_numeric_only ON platform.system_setting IS
    'min_value and max_value apply only to integer and number settings';
COMMENT ON CONSTRAINT system_setting_bounds_ordered ON platform.system_setting IS
    'min_value must not exceed max_value';
COMMENT ON CONSTRAINT system_setting_value_range ON platform.system_setting IS
    'value must lie between min_value and max_value';
COMMENT ON CONSTRAINT system_setting_soft_delete_state ON platform.system_setting IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX system_setting_key_active_uq ON platform.system_setting (key) WHERE is_active;


CREATE TABLE platform.setting (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    scope           text NOT NULL,
    scope_id        uuid NOT NULL,
    key             text NOT NULL,
    value           jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT setting_pkey PRIMARY KEY (id),
    CONSTRAINT setting_scope_allowed CHECK (scope IN ('institution', 'user')),
    CONSTRAINT setting_key_format CHECK (key ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$'),
    CONSTRAINT setting_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.setting IS
    'Overrides of a system_setting for one institution or user (resolved user -> institution -> system by fitness.setting()); values are type-checked against system_setting by trigger';
COMMENT ON COLUMN platform.setting.scope_id IS 'user_mgmt.institution.id or user_mgmt.app_user.id, as scope says';
COMMENT ON COLUMN platform.setting.key IS 'platform.system_setting.key of the setting overridden';
COMMENT ON CONSTRAINT setting_scope_allowed ON platform.setting IS 'scope must be one of institution, user';
COMMENT ON CONSTRAINT setting_key_format ON platform.setting IS
    'key must be dot-separated lower-case identifiers, e.g. units_default';
COMMENT ON CONSTRAINT setting_soft_delete_state ON platform.setting IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX setting_scope_scope_id_key_active_uq
    ON platform.setting (scope, scope_id, key) WHERE is_active;
CREATE INDEX setting_key_idx ON platform.setting (key);


-- -------------------------------------------------------------------------------------
-- errors
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.error_type (
    id                          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code                        text NOT NULL,
    name                        text NOT NULL,
    description                 text,
    severity                    text NOT NULL DEFAULT 'error',
    alert_threshold_per_hour    integer,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    created_by                  uuid,
    updated_by                  uuid,
    is_active                   boolean NOT NULL DEFAULT true,
    deleted_at                  timestamptz,
    deleted_by                  uuid,
    CONSTRAINT error_type_pkey PRIMARY KEY (id),
    CONSTRAINT error_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    CONSTRAINT error_type_name_not_blank CHECK (btrim(name) <> ''),
    CONSTRAINT error_type_severity_allowed CHECK (
        severity IN ('debug', 'info', 'warning', 'error', 'critical')),
    CONSTRAINT error_type_alert_threshold_per_hour_positive CHECK (alert_threshold_per_hour > 0),
    CONSTRAINT error_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.error_type IS 'Classes of tracked errors with severity and alert threshold';
COMMENT ON COLUMN platform.error_type.alert_threshold_per_hour IS 'Alert when more occurrences than this arrive within an hour; NULL = never';
COMMENT ON CONSTRAINT error_type_code_format ON platform.error_type IS
    'code must be dot-separated lower-case words';
COMMENT ON CONSTRAINT error_type_name_not_blank ON platform.error_type IS 'name must not be blank';
COMMENT ON CONSTRAINT error_type_severity_allowed ON platform.error_type IS
    'severity must be one of debug, info, warning, error, critical';
COMMENT ON CONSTRAINT error_type_alert_threshold_per_hour_positive ON platform.error_type IS
    'alert_threshold_per_hour must be positive';
COMMENT ON CONSTRAINT error_type_soft_delete_state ON platform.error_type IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX error_type_code_active_uq ON platform.error_type (code) WHERE is_active;


CREATE TABLE platform.error (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    error_type_id       uuid NOT NULL,
    fingerprint         text NOT NULL,
    sqlstate            text,
    message             text NOT NULL,
    detail              jsonb NOT NULL DEFAULT '{}'::jsonb,
    context             jsonb NOT NULL DEFAULT '{}'::jsonb,
    first_seen_at       timestamptz NOT NULL DEFAULT now(),
    last_seen_at        timestamptz NOT NULL DEFAULT now(),
    occurrence_count    bigint NOT NULL DEFAULT 1,
    status              text NOT NULL DEFAULT 'open',
    resolved_at         timestamptz,
    resolved_by         uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT error_pkey PRIMARY KEY (id),
    CONSTRAINT error_error_type_id_fkey FOREIGN KEY (error_type_id)
        REFERENCES platform.error_type (id),
    CONSTRAINT error_fingerprint_not_blank CHECK (btrim(fingerprint) <> ''),
    CONSTRAINT error_sqlstate_format CHECK (sqlstate ~ '^[0-9A-Z]{5}$'),
    CONSTRAINT error_detail_object CHECK (jsonb_typeof(detail) = 'object'),
    CONSTRAINT error_context_object CHECK (jsonb_typeof(context) = 'object'),
    CONSTRAINT error_last_seen_at_order CHECK (last_seen_at >= first_seen_at),
    CONSTRAINT error_occurrence_count_positive CHECK (occurrence_count >= 1),
    CONSTRAINT error_status_allowed CHECK (status IN ('open', 'acknowledged', 'resolved', 'ignored')),
    CONSTRAINT error_resolved_at_required CHECK (status <> 'resolved' OR resolved_at IS NOT NULL),
    CONSTRAINT error_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.error IS
    'Tracked errors, one row per fingerprint and type, counting occurrences between first_seen_at and last_seen_at';
COMMENT ON COLUMN platform.error.fingerprint IS 'Stable hash of type, SQLSTATE and normalized message used to group occurrences';
COMMENT ON COLUMN platform.error.context IS 'pii: free_text (request context: user, institution, function)';
COMMENT ON COLUMN platform.error.detail IS 'pii: free_text';
COMMENT ON CONSTRAINT error_fingerprint_not_blank ON platform.error IS 'fingerprint must not be blank';
COMMENT ON CONSTRAINT error_sqlstate_format ON platform.error IS 'sqlstate must be 5 digits or upper-case letters';
COMMENT ON CONSTRAINT error_detail_object ON platform.error IS 'detail must be a JSON object';
COMMENT ON CONSTRAINT error_context_object ON platform.error IS 'context must be a JSON object';
COMMENT ON CONSTRAINT error_last_seen_at_order ON platform.error IS
    'last_seen_at cannot be before first_seen_at';
COMMENT ON CONSTRAINT error_occurrence_count_positive ON platform.error IS
    'occurrence_count must be at least 1';
COMMENT ON CONSTRAINT error_status_allowed ON platform.error IS
    'status must be one of open, acknowledged, resolved, ignored';
COMMENT ON CONSTRAINT error_resolved_at_required ON platform.error IS
    'a resolved error must have resolved_at';
COMMENT ON CONSTRAINT error_soft_delete_state ON platform.error IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX error_error_type_id_fingerprint_active_uq
    ON platform.error (error_type_id, fingerprint) WHERE is_active;
CREATE INDEX error_error_type_id_idx ON platform.error (error_type_id, last_seen_at);
CREATE INDEX error_open_idx ON platform.error (last_seen_at DESC) WHERE status = 'open' AND is_active;


-- -------------------------------------------------------------------------------------
-- data lifecycle
-- -------------------------------------------------------------------------------------

CREATE TABLE platform.retention_policy (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    target_table        text NOT NULL,
    timestamp_column    text NOT NULL,
    keep                interval NOT NULL,
    action              text NOT NULL,
    anonymize_columns   text[],
    description         text,
    is_enabled          boolean NOT NULL DEFAULT true,
    last_run_at         timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT retention_policy_pkey PRIMARY KEY (id),
    CONSTRAINT retention_policy_target_table_qualified CHECK (
        target_table ~ '^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$'),
    CONSTRAINT retention_policy_timestamp_column_format CHECK (timestamp_column ~ '^[a-z_][a-z0-9_]*$'),
    CONSTRAINT retention_policy_keep_positive CHECK (keep > interval '0'),
    CONSTRAINT retention_policy_action_allowed CHECK (action IN ('delete', 'anonymize', 'detach_partition')),
    CONSTRAINT retention_policy_anonymize_columns_required CHECK (
        (action = 'anonymize') = (anonymize_columns IS NOT NULL AND cardinality(anonymize_columns) > 0)),
    CONSTRAINT retention_policy_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.retention_policy IS
    'Data lifecycle rules applied by fitness.run_maintenance(): rows (or partitions) older than keep are deleted, anonymized or detached';
COMMENT ON COLUMN platform.retention_policy.target_table IS 'Schema-qualified table name, e.g. platform.audit_log';
COMMENT ON COLUMN platform.retention_policy.timestamp_column IS 'Column whose age is compared with keep (the partition key for detach_partition)';
COMMENT ON COLUMN platform.retention_policy.keep IS 'How long rows are kept';
COMMENT ON CONSTRAINT retention_policy_target_table_qualified ON platform.retention_policy IS
    'target_table must be a schema-qualified lower-case table name (schema.table)';
COMMENT ON CONSTRAINT retention_policy_timestamp_column_format ON platform.retention_policy IS
    'timestamp_column must be a lower-case column name';
COMMENT ON CONSTRAINT retention_policy_keep_positive ON platform.retention_policy IS 'keep must be positive';
COMMENT ON CONSTRAINT retention_policy_action_allowed ON platform.retention_policy IS
    'action must be one of delete, anonymize, detach_partition';
COMMENT ON CONSTRAINT retention_policy_anonymize_columns_required ON platform.retention_policy IS
    'anonymize_columns is given exactly for the anonymize action';
COMMENT ON CONSTRAINT retention_policy_soft_delete_state ON platform.retention_policy IS
    'is_active is true exactly when deleted_at is NULL';
CREATE UNIQUE INDEX retention_policy_target_table_action_active_uq
    ON platform.retention_policy (target_table, action) WHERE is_active;


CREATE TABLE platform.data_subject_request (
    id              uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id         uuid NOT NULL,
    kind            text NOT NULL,
    regulation      text NOT NULL DEFAULT 'gdpr',
    status          text NOT NULL DEFAULT 'pending',
    reason          text,
    requested_by    uuid,
    requested_at    timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz,
    result          jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      uuid,
    updated_by      uuid,
    is_active       boolean NOT NULL DEFAULT true,
    deleted_at      timestamptz,
    deleted_by      uuid,
    CONSTRAINT data_subject_request_pkey PRIMARY KEY (id),
    CONSTRAINT data_subject_request_kind_allowed CHECK (kind IN ('export', 'erasure')),
    CONSTRAINT data_subject_request_regulation_allowed CHECK (regulation IN ('gdpr', 'ccpa')),
    CONSTRAINT data_subject_request_status_allowed CHECK (
        status IN ('pending', 'in_progress', 'completed', 'rejected', 'failed')),
    CONSTRAINT data_subject_request_completed_at_required CHECK (
        (status IN ('completed', 'rejected', 'failed')) = (completed_at IS NOT NULL)),
    CONSTRAINT data_subject_request_completed_at_order CHECK (completed_at >= requested_at),
    CONSTRAINT data_subject_request_result_object CHECK (jsonb_typeof(result) = 'object'),
    CONSTRAINT data_subject_request_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE platform.data_subject_request IS
    'GDPR/CCPA export and erasure requests; kept after the user is erased (user_id has no foreign key on purpose)';
COMMENT ON COLUMN platform.data_subject_request.user_id IS
    'The data subject (user_mgmt.app_user.id); deliberately no foreign key so the record survives erasure';
COMMENT ON COLUMN platform.data_subject_request.reason IS 'pii: free_text';
COMMENT ON COLUMN platform.data_subject_request.result IS 'Outcome, e.g. rows erased or anonymized per table';
COMMENT ON CONSTRAINT data_subject_request_kind_allowed ON platform.data_subject_request IS
    'kind must be one of export, erasure';
COMMENT ON CONSTRAINT data_subject_request_regulation_allowed ON platform.data_subject_request IS
    'regulation must be one of gdpr, ccpa';
COMMENT ON CONSTRAINT data_subject_request_status_allowed ON platform.data_subject_request IS
    'status must be one of pending, in_progress, completed, rejected, failed';
COMMENT ON CONSTRAINT data_subject_request_completed_at_required ON platform.data_subject_request IS
    'completed_at is set exactly when the request is finished (completed, rejected, failed)';
COMMENT ON CONSTRAINT data_subject_request_completed_at_order ON platform.data_subject_request IS
    'completed_at cannot be before requested_at';
COMMENT ON CONSTRAINT data_subject_request_result_object ON platform.data_subject_request IS
    'result must be a JSON object';
COMMENT ON CONSTRAINT data_subject_request_soft_delete_state ON platform.data_subject_request IS
    'is_active is true exactly when deleted_at is NULL';
CREATE INDEX data_subject_request_user_id_idx ON platform.data_subject_request (user_id, requested_at);
CREATE INDEX data_subject_request_open_idx
    ON platform.data_subject_request (requested_at) WHERE status IN ('pending', 'in_progress');


-- -------------------------------------------------------------------------------------
-- Foreign keys from earlier files to platform.language (their tables exist before it).
-- Index on each referencing column: created by 20_user_mgmt.sql for app_user and
-- institution; created here for content.exercise and content.exercise_alias.
-- -------------------------------------------------------------------------------------
ALTER TABLE user_mgmt.app_user
    ADD CONSTRAINT app_user_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;
ALTER TABLE user_mgmt.institution
    ADD CONSTRAINT institution_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;

CREATE INDEX exercise_language_code_idx ON content.exercise (language_code);
ALTER TABLE content.exercise
    ADD CONSTRAINT exercise_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;

CREATE INDEX exercise_alias_language_code_idx ON content.exercise_alias (language_code);
ALTER TABLE content.exercise_alias
    ADD CONSTRAINT exercise_alias_language_code_fkey FOREIGN KEY (language_code)
        REFERENCES platform.language (code) ON UPDATE CASCADE;
