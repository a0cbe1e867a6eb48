-- =====================================================================================
-- platform: i18n, cache, activity, favorites, ratings, audit, events, notifications,
-- settings, errors, data lifecycle (docs/reference/tables.md "platform").
--
-- Entity tables follow schema/README.md (id, audit and soft-delete columns, named CHECKs
-- with comments, FK indexes, partial unique indexes WHERE is_active). The append-only
-- logs and queues (audit_log, system_event, activity, cache_metrics, translation_request)
-- have a uuid v7 id but no audit/soft-delete columns.
--
-- Polymorphic references (entity_type, entity_id): entity_type is a foreign key to
-- core.entity_type (code); that entity_id exists, is active and readable is checked by the
-- C++ triggers (docs/reference/tables.md, conventions).
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
    requested_by    uuid,
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
COMMENT ON COLUMN platform.translation_request.requested_by IS
    'Acting user whose cache miss queued the request (no FK: the queue survives erasure); NULL: a trusted backend without a context';
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
CREATE INDEX translation_request_requested_by_idx ON platform.translation_request (requested_by)
    WHERE requested_by IS NOT NULL;


