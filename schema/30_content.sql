-- content: equipment, media, exercises, workouts, programs, goals (DOMAINS.md "content").
-- Conventions: schema/README.md. Business rules that need more than one row (dense
-- positions, tracking type of the exercise, week_number <= duration_weeks, ...) are C++
-- triggers added later; the CHECKs here are the single-row part of those rules.
-- Needs core.category, core.muscle (10_core.sql) and user_mgmt.app_user,
-- user_mgmt.institution (20_user_mgmt.sql). The foreign keys from user_mgmt into content
-- are added at the end of this file.

------------------------------------------------------------------------------------------
-- equipment
------------------------------------------------------------------------------------------
CREATE TABLE content.equipment_category (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code        text NOT NULL,
    name        text NOT NULL,
    description text,
    sort_order  integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT equipment_category_pkey PRIMARY KEY (id),
    CONSTRAINT equipment_category_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT equipment_category_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT equipment_category_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.equipment_category IS 'Groups of the equipment catalogue (free weights, machines, ...)';
COMMENT ON CONSTRAINT equipment_category_code_format ON content.equipment_category IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT equipment_category_name_length ON content.equipment_category IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT equipment_category_soft_delete_state ON content.equipment_category IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX equipment_category_code_active_uq ON content.equipment_category (code) WHERE is_active;

CREATE TABLE content.equipment (
    id                    uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    equipment_category_id uuid NOT NULL,
    code                  text NOT NULL,
    name                  text NOT NULL,
    description           text,
    source_names          text[] NOT NULL DEFAULT '{}',
    sort_order            integer NOT NULL DEFAULT 0,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    created_by            uuid,
    updated_by            uuid,
    is_active             boolean NOT NULL DEFAULT true,
    deleted_at            timestamptz,
    deleted_by            uuid,
    CONSTRAINT equipment_pkey PRIMARY KEY (id),
    CONSTRAINT equipment_equipment_category_id_fkey FOREIGN KEY (equipment_category_id)
        REFERENCES content.equipment_category (id) ON DELETE RESTRICT,
    CONSTRAINT equipment_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT equipment_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT equipment_source_names_lowercase CHECK (
        array_position(source_names, NULL) IS NULL
        AND source_names::text = lower(source_names::text)),
    CONSTRAINT equipment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.equipment IS 'Platform catalogue of training equipment';
COMMENT ON COLUMN content.equipment.source_names IS 'Lower-case names this equipment has in import sources (free-exercise-db "body only", wger "none (bodyweight exercise)"); fitness.import_exercises maps source equipment through code or these names';
COMMENT ON CONSTRAINT equipment_code_format ON content.equipment IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT equipment_name_length ON content.equipment IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT equipment_source_names_lowercase ON content.equipment IS 'source_names holds lower-case names and no NULL';
COMMENT ON CONSTRAINT equipment_soft_delete_state ON content.equipment IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX equipment_equipment_category_id_idx ON content.equipment (equipment_category_id);
CREATE UNIQUE INDEX equipment_code_active_uq ON content.equipment (code) WHERE is_active;
CREATE INDEX equipment_source_names_idx ON content.equipment USING gin (source_names);

------------------------------------------------------------------------------------------
-- media
------------------------------------------------------------------------------------------
CREATE TABLE content.media_type (
    id                 uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code               text NOT NULL,
    name               text NOT NULL,
    allowed_mime_types text[] NOT NULL,
    max_bytes          bigint NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         uuid,
    updated_by         uuid,
    is_active          boolean NOT NULL DEFAULT true,
    deleted_at         timestamptz,
    deleted_by         uuid,
    CONSTRAINT media_type_pkey PRIMARY KEY (id),
    CONSTRAINT media_type_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT media_type_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT media_type_allowed_mime_types_format CHECK (
        cardinality(allowed_mime_types) >= 1
        AND array_position(allowed_mime_types, NULL) IS NULL
        AND array_to_string(allowed_mime_types, ',')
            ~ '^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*(,[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*)*$'),
    CONSTRAINT media_type_max_bytes_positive CHECK (max_bytes > 0),
    CONSTRAINT media_type_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_type IS 'Kinds of media (image, video, audio, document): the MIME types and the size each accepts';
COMMENT ON CONSTRAINT media_type_code_format ON content.media_type IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT media_type_name_length ON content.media_type IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT media_type_allowed_mime_types_format ON content.media_type IS 'allowed_mime_types lists at least one lower-case MIME type of the form type/subtype and no NULL';
COMMENT ON CONSTRAINT media_type_max_bytes_positive ON content.media_type IS 'max_bytes is greater than 0';
COMMENT ON CONSTRAINT media_type_soft_delete_state ON content.media_type IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX media_type_code_active_uq ON content.media_type (code) WHERE is_active;

CREATE TABLE content.media (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_type_id     uuid NOT NULL,
    owner_id          uuid,
    institution_id    uuid,
    visibility        text NOT NULL DEFAULT 'private',
    storage_key       text NOT NULL,
    original_filename text,
    mime_type         text NOT NULL,
    byte_size         bigint,
    width             integer,
    height            integer,
    duration_s        numeric(10,3),
    sha256            text,
    status            text NOT NULL DEFAULT 'uploading',
    alt_text          text,
    license           text,
    attribution       text,
    source_url        text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    is_active         boolean NOT NULL DEFAULT true,
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT media_pkey PRIMARY KEY (id),
    CONSTRAINT media_media_type_id_fkey FOREIGN KEY (media_type_id)
        REFERENCES content.media_type (id) ON DELETE RESTRICT,
    CONSTRAINT media_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT media_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT media_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT media_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT media_storage_key_length CHECK (char_length(storage_key) BETWEEN 1 AND 1024),
    CONSTRAINT media_mime_type_format CHECK (
        mime_type ~ '^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$'),
    CONSTRAINT media_byte_size_non_negative CHECK (byte_size >= 0),
    CONSTRAINT media_width_positive CHECK (width > 0),
    CONSTRAINT media_height_positive CHECK (height > 0),
    CONSTRAINT media_duration_s_non_negative CHECK (duration_s >= 0),
    CONSTRAINT media_sha256_hex CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    CONSTRAINT media_status_allowed CHECK (status IN ('uploading', 'ready', 'failed')),
    CONSTRAINT media_status_ready_complete CHECK (status <> 'ready' OR (byte_size IS NOT NULL AND sha256 IS NOT NULL)),
    CONSTRAINT media_source_url_http CHECK (source_url ~ '^https?://'),
    CONSTRAINT media_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media IS 'Stored files (exercise images and videos, user uploads); owner_id NULL = platform library';
COMMENT ON COLUMN content.media.owner_id IS 'Uploading user; NULL for platform library media';
COMMENT ON COLUMN content.media.storage_key IS 'pii: user_file (object-store key of the file; for user uploads the file itself is personal data and is deleted on erasure)';
COMMENT ON COLUMN content.media.original_filename IS 'pii: free_text';
COMMENT ON COLUMN content.media.alt_text IS 'pii: free_text';
COMMENT ON COLUMN content.media.sha256 IS 'Lower-case hex SHA-256 of the stored bytes (deduplication, integrity)';
COMMENT ON CONSTRAINT media_visibility_allowed ON content.media IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT media_visibility_institution_scope ON content.media IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT media_storage_key_length ON content.media IS 'storage_key is 1 to 1024 characters';
COMMENT ON CONSTRAINT media_mime_type_format ON content.media IS 'mime_type is a lower-case MIME type of the form type/subtype';
COMMENT ON CONSTRAINT media_byte_size_non_negative ON content.media IS 'byte_size is 0 or more';
COMMENT ON CONSTRAINT media_width_positive ON content.media IS 'width in pixels is greater than 0';
COMMENT ON CONSTRAINT media_height_positive ON content.media IS 'height in pixels is greater than 0';
COMMENT ON CONSTRAINT media_duration_s_non_negative ON content.media IS 'duration_s is 0 or more seconds';
COMMENT ON CONSTRAINT media_sha256_hex ON content.media IS 'sha256 is 64 lower-case hexadecimal digits';
COMMENT ON CONSTRAINT media_status_allowed ON content.media IS 'status is one of uploading, ready, failed';
COMMENT ON CONSTRAINT media_status_ready_complete ON content.media IS 'a ready media row has its byte_size and sha256';
COMMENT ON CONSTRAINT media_source_url_http ON content.media IS 'source_url is an http or https URL';
COMMENT ON CONSTRAINT media_soft_delete_state ON content.media IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_media_type_id_idx ON content.media (media_type_id);
CREATE INDEX media_owner_id_idx ON content.media (owner_id);
CREATE INDEX media_institution_id_idx ON content.media (institution_id);
CREATE UNIQUE INDEX media_storage_key_active_uq ON content.media (storage_key) WHERE is_active;
CREATE INDEX media_sha256_idx ON content.media (sha256) WHERE sha256 IS NOT NULL;

CREATE TABLE content.media_metadata (
    id         uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    media_id   uuid NOT NULL,
    key        text NOT NULL,
    value      jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_by uuid,
    is_active  boolean NOT NULL DEFAULT true,
    deleted_at timestamptz,
    deleted_by uuid,
    CONSTRAINT media_metadata_pkey PRIMARY KEY (id),
    CONSTRAINT media_metadata_media_id_fkey FOREIGN KEY (media_id)
        REFERENCES content.media (id) ON DELETE CASCADE,
    CONSTRAINT media_metadata_key_format CHECK (key ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$'),
    CONSTRAINT media_metadata_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.media_metadata IS 'Key/value metadata of a media file (EXIF, codec, transcoding results)';
COMMENT ON COLUMN content.media_metadata.value IS 'pii: location (EXIF of user uploads can hold GPS position and device data)';
COMMENT ON CONSTRAINT media_metadata_key_format ON content.media_metadata IS 'key is 1 to 128 characters of letters, digits, _ . : -, starting with a letter or digit';
COMMENT ON CONSTRAINT media_metadata_soft_delete_state ON content.media_metadata IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX media_metadata_media_id_idx ON content.media_metadata (media_id);
CREATE UNIQUE INDEX media_metadata_media_id_key_active_uq ON content.media_metadata (media_id, key) WHERE is_active;

------------------------------------------------------------------------------------------
-- exercise
------------------------------------------------------------------------------------------
CREATE TABLE content.exercise (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    slug           text NOT NULL,
    name           text NOT NULL,
    description    text,
    instructions   text[] NOT NULL DEFAULT '{}',
    language_code  text NOT NULL DEFAULT 'en',
    category_id    uuid,
    mechanic       text,
    force          text,
    level          text,
    tracking_type  text NOT NULL DEFAULT 'reps_weight',
    load_mode      text NOT NULL DEFAULT 'external',
    is_unilateral  boolean NOT NULL DEFAULT false,
    owner_id       uuid,
    institution_id uuid,
    visibility     text NOT NULL DEFAULT 'private',
    status         text NOT NULL DEFAULT 'draft',
    license_code   text,
    license_author text,
    source         text,
    source_ref     text,
    source_url     text,
    search_vector  tsvector,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT exercise_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_slug_format CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND char_length(slug) <= 128),
    CONSTRAINT exercise_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT exercise_instructions_no_nulls CHECK (array_position(instructions, NULL) IS NULL),
    CONSTRAINT exercise_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT exercise_mechanic_allowed CHECK (mechanic IN ('compound', 'isolation')),
    CONSTRAINT exercise_force_allowed CHECK (force IN ('push', 'pull', 'static')),
    CONSTRAINT exercise_level_allowed CHECK (level IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT exercise_tracking_type_allowed CHECK (
        tracking_type IN ('reps_weight', 'reps', 'duration', 'distance', 'duration_distance')),
    CONSTRAINT exercise_load_mode_allowed CHECK (load_mode IN ('external', 'bodyweight', 'assisted')),
    CONSTRAINT exercise_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT exercise_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT exercise_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT exercise_source_format CHECK (source ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    CONSTRAINT exercise_source_ref_pair CHECK ((source IS NULL) = (source_ref IS NULL)),
    CONSTRAINT exercise_source_url_http CHECK (source_url ~ '^https?://'),
    CONSTRAINT exercise_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise IS 'Exercise library: platform rows (owner_id and institution_id NULL), institution rows and user rows';
COMMENT ON COLUMN content.exercise.slug IS 'URL name; unique among active rows of the same scope: platform library, one institution''s library, one user''s exercises';
COMMENT ON COLUMN content.exercise.name IS 'Name in language_code; other languages live in platform.translation';
COMMENT ON COLUMN content.exercise.instructions IS 'Ordered instruction steps in language_code';
COMMENT ON COLUMN content.exercise.language_code IS 'Language (BCP 47) of name, description and instructions';
COMMENT ON COLUMN content.exercise.tracking_type IS 'What a performed set records: reps_weight, reps, duration, distance, duration_distance';
COMMENT ON COLUMN content.exercise.load_mode IS 'external load, bodyweight, or assisted (load reduces the bodyweight)';
COMMENT ON COLUMN content.exercise.owner_id IS 'Creating user; NULL = platform or institution library';
COMMENT ON COLUMN content.exercise.source IS 'Import source (free-exercise-db, wger); with source_ref the idempotency key of fitness.import_exercises';
COMMENT ON COLUMN content.exercise.source_ref IS 'Id of the exercise in its import source';
COMMENT ON COLUMN content.exercise.search_vector IS 'Full-text search document (names, aliases, description), maintained by trigger';
COMMENT ON CONSTRAINT exercise_slug_format ON content.exercise IS 'slug is lower-case letters and digits in words joined by single hyphens, at most 128 characters';
COMMENT ON CONSTRAINT exercise_name_length ON content.exercise IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT exercise_instructions_no_nulls ON content.exercise IS 'instructions holds no NULL step';
COMMENT ON CONSTRAINT exercise_language_code_bcp47 ON content.exercise IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT exercise_mechanic_allowed ON content.exercise IS 'mechanic is compound or isolation';
COMMENT ON CONSTRAINT exercise_force_allowed ON content.exercise IS 'force is push, pull or static';
COMMENT ON CONSTRAINT exercise_level_allowed ON content.exercise IS 'level is beginner, intermediate or expert';
COMMENT ON CONSTRAINT exercise_tracking_type_allowed ON content.exercise IS 'tracking_type is one of reps_weight, reps, duration, distance, duration_distance';
COMMENT ON CONSTRAINT exercise_load_mode_allowed ON content.exercise IS 'load_mode is external, bodyweight or assisted';
COMMENT ON CONSTRAINT exercise_visibility_allowed ON content.exercise IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT exercise_visibility_institution_scope ON content.exercise IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT exercise_status_allowed ON content.exercise IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT exercise_source_format ON content.exercise IS 'source is a lower-case source code such as free-exercise-db or wger';
COMMENT ON CONSTRAINT exercise_source_ref_pair ON content.exercise IS 'source and source_ref are both set or both NULL';
COMMENT ON CONSTRAINT exercise_source_url_http ON content.exercise IS 'source_url is an http or https URL';
COMMENT ON CONSTRAINT exercise_soft_delete_state ON content.exercise IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_category_id_idx ON content.exercise (category_id);
CREATE INDEX exercise_owner_id_idx ON content.exercise (owner_id);
CREATE INDEX exercise_institution_id_idx ON content.exercise (institution_id);
-- Slug scopes: the platform library, an institution's library (no owner), a user's own.
CREATE UNIQUE INDEX exercise_slug_platform_active_uq ON content.exercise (slug)
    WHERE is_active AND owner_id IS NULL AND institution_id IS NULL;
CREATE UNIQUE INDEX exercise_institution_id_slug_active_uq ON content.exercise (institution_id, slug)
    WHERE is_active AND owner_id IS NULL AND institution_id IS NOT NULL;
CREATE UNIQUE INDEX exercise_owner_id_slug_active_uq ON content.exercise (owner_id, slug)
    WHERE is_active AND owner_id IS NOT NULL;
CREATE UNIQUE INDEX exercise_source_source_ref_active_uq ON content.exercise (source, source_ref)
    WHERE is_active AND source IS NOT NULL;
CREATE INDEX exercise_institution_id_visibility_active_idx ON content.exercise (institution_id, visibility)
    WHERE is_active;
CREATE INDEX exercise_visibility_status_active_idx ON content.exercise (visibility, status)
    WHERE is_active;
CREATE INDEX exercise_search_vector_idx ON content.exercise USING gin (search_vector);

CREATE TABLE content.exercise_muscle (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id uuid NOT NULL,
    muscle_id   uuid NOT NULL,
    role        text NOT NULL DEFAULT 'primary',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT exercise_muscle_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_muscle_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_muscle_muscle_id_fkey FOREIGN KEY (muscle_id)
        REFERENCES core.muscle (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_muscle_role_allowed CHECK (role IN ('primary', 'secondary')),
    CONSTRAINT exercise_muscle_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_muscle IS 'Muscles an exercise works, primary or secondary';
COMMENT ON CONSTRAINT exercise_muscle_role_allowed ON content.exercise_muscle IS 'role is primary or secondary';
COMMENT ON CONSTRAINT exercise_muscle_soft_delete_state ON content.exercise_muscle IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_muscle_exercise_id_idx ON content.exercise_muscle (exercise_id);
CREATE INDEX exercise_muscle_muscle_id_idx ON content.exercise_muscle (muscle_id);
CREATE UNIQUE INDEX exercise_muscle_exercise_id_muscle_id_active_uq ON content.exercise_muscle (exercise_id, muscle_id)
    WHERE is_active;

CREATE TABLE content.exercise_equipment (
    id           uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id  uuid NOT NULL,
    equipment_id uuid NOT NULL,
    is_required  boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    is_active    boolean NOT NULL DEFAULT true,
    deleted_at   timestamptz,
    deleted_by   uuid,
    CONSTRAINT exercise_equipment_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_equipment_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_equipment_equipment_id_fkey FOREIGN KEY (equipment_id)
        REFERENCES content.equipment (id) ON DELETE RESTRICT,
    CONSTRAINT exercise_equipment_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_equipment IS 'Equipment an exercise uses';
COMMENT ON CONSTRAINT exercise_equipment_soft_delete_state ON content.exercise_equipment IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_equipment_exercise_id_idx ON content.exercise_equipment (exercise_id);
CREATE INDEX exercise_equipment_equipment_id_idx ON content.exercise_equipment (equipment_id);
CREATE UNIQUE INDEX exercise_equipment_exercise_id_equipment_id_active_uq
    ON content.exercise_equipment (exercise_id, equipment_id) WHERE is_active;

CREATE TABLE content.exercise_alias (
    id            uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id   uuid NOT NULL,
    language_code text NOT NULL,
    alias         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    uuid,
    updated_by    uuid,
    is_active     boolean NOT NULL DEFAULT true,
    deleted_at    timestamptz,
    deleted_by    uuid,
    CONSTRAINT exercise_alias_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_alias_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_alias_language_code_bcp47 CHECK (language_code ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$'),
    CONSTRAINT exercise_alias_alias_length CHECK (char_length(btrim(alias)) BETWEEN 1 AND 200),
    CONSTRAINT exercise_alias_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_alias IS 'Other names of an exercise per language, used by search';
COMMENT ON CONSTRAINT exercise_alias_language_code_bcp47 ON content.exercise_alias IS 'language code is a BCP 47 tag language[-Script][-REGION] (e.g. en, pt-BR, zh-Hant, es-419)';
COMMENT ON CONSTRAINT exercise_alias_alias_length ON content.exercise_alias IS 'alias is not blank and at most 200 characters';
COMMENT ON CONSTRAINT exercise_alias_soft_delete_state ON content.exercise_alias IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_alias_exercise_id_idx ON content.exercise_alias (exercise_id);
CREATE UNIQUE INDEX exercise_alias_exercise_id_language_code_alias_active_uq
    ON content.exercise_alias (exercise_id, language_code, lower(alias)) WHERE is_active;

-- Trigram indexes: pg_trgm's operator class lives in whatever schema pg_trgm was
-- installed into, so it is looked up rather than assumed.
DO $trgm$
DECLARE
    opc_schema name;
BEGIN
    SELECT n.nspname INTO opc_schema
      FROM pg_catalog.pg_opclass o
      JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace
     WHERE o.opcname = 'gin_trgm_ops'
       AND o.opcmethod = (SELECT a.oid FROM pg_catalog.pg_am a WHERE a.amname = 'gin')
     ORDER BY (o.opcnamespace = (SELECT e.extnamespace FROM pg_catalog.pg_extension e
                                  WHERE e.extname = 'pg_trgm')) DESC NULLS LAST
     LIMIT 1;
    IF opc_schema IS NULL THEN
        RAISE EXCEPTION 'fitness needs the pg_trgm extension (operator class gin_trgm_ops not found)'
            USING ERRCODE = 'undefined_object',
                  HINT = 'CREATE EXTENSION fitness CASCADE installs it.';
    END IF;
    EXECUTE pg_catalog.format(
        'CREATE INDEX exercise_name_trgm_idx ON content.exercise USING gin (name %I.gin_trgm_ops)',
        opc_schema);
    EXECUTE pg_catalog.format(
        'CREATE INDEX exercise_alias_alias_trgm_idx ON content.exercise_alias USING gin (alias %I.gin_trgm_ops)',
        opc_schema);
END
$trgm$;

CREATE TABLE content.exercise_variant (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id         uuid NOT NULL,
    base_exercise_id    uuid NOT NULL,
    variant_type        text NOT NULL,
    difficulty_delta    smallint NOT NULL DEFAULT 0,
    accessibility_notes text,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT exercise_variant_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_variant_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_variant_base_exercise_id_fkey FOREIGN KEY (base_exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_variant_base_exercise_id_differs CHECK (exercise_id <> base_exercise_id),
    CONSTRAINT exercise_variant_variant_type_allowed CHECK (
        variant_type IN ('progression', 'regression', 'alternative', 'accessibility')),
    CONSTRAINT exercise_variant_difficulty_delta_range CHECK (difficulty_delta BETWEEN -5 AND 5),
    CONSTRAINT exercise_variant_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_variant IS 'exercise_id is a variant (progression, regression, alternative, accessibility) of base_exercise_id';
COMMENT ON COLUMN content.exercise_variant.difficulty_delta IS 'Difficulty relative to the base exercise, -5 (much easier) to 5 (much harder)';
COMMENT ON CONSTRAINT exercise_variant_base_exercise_id_differs ON content.exercise_variant IS 'an exercise is not a variant of itself (exercise_id <> base_exercise_id)';
COMMENT ON CONSTRAINT exercise_variant_variant_type_allowed ON content.exercise_variant IS 'variant_type is progression, regression, alternative or accessibility';
COMMENT ON CONSTRAINT exercise_variant_difficulty_delta_range ON content.exercise_variant IS 'difficulty_delta is between -5 and 5';
COMMENT ON CONSTRAINT exercise_variant_soft_delete_state ON content.exercise_variant IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_variant_exercise_id_idx ON content.exercise_variant (exercise_id);
CREATE INDEX exercise_variant_base_exercise_id_idx ON content.exercise_variant (base_exercise_id);
CREATE UNIQUE INDEX exercise_variant_exercise_id_base_exercise_id_type_active_uq
    ON content.exercise_variant (exercise_id, base_exercise_id, variant_type) WHERE is_active;

CREATE TABLE content.exercise_media (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    exercise_id uuid NOT NULL,
    media_id    uuid NOT NULL,
    role        text NOT NULL DEFAULT 'image',
    position    integer NOT NULL DEFAULT 1,
    is_primary  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT exercise_media_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_media_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE CASCADE,
    CONSTRAINT exercise_media_media_id_fkey FOREIGN KEY (media_id)
        REFERENCES content.media (id) ON DELETE CASCADE,
    CONSTRAINT exercise_media_role_allowed CHECK (role IN ('thumbnail', 'image', 'video')),
    CONSTRAINT exercise_media_position_positive CHECK (position >= 1),
    CONSTRAINT exercise_media_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_media IS 'Images, thumbnails and videos of an exercise, ordered by position';
COMMENT ON CONSTRAINT exercise_media_role_allowed ON content.exercise_media IS 'role is thumbnail, image or video';
COMMENT ON CONSTRAINT exercise_media_position_positive ON content.exercise_media IS 'position is 1 or more';
COMMENT ON CONSTRAINT exercise_media_soft_delete_state ON content.exercise_media IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_media_exercise_id_role_position_idx ON content.exercise_media (exercise_id, role, position);
CREATE INDEX exercise_media_media_id_idx ON content.exercise_media (media_id);
CREATE UNIQUE INDEX exercise_media_exercise_id_media_id_active_uq ON content.exercise_media (exercise_id, media_id)
    WHERE is_active;
CREATE UNIQUE INDEX exercise_media_exercise_id_role_primary_active_uq ON content.exercise_media (exercise_id, role)
    WHERE is_active AND is_primary;

------------------------------------------------------------------------------------------
-- workout
------------------------------------------------------------------------------------------
CREATE TABLE content.workout (
    id                     uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    owner_id               uuid,
    institution_id         uuid,
    name                   text NOT NULL,
    description            text,
    category_id            uuid,
    difficulty             text,
    estimated_duration_min integer,
    visibility             text NOT NULL DEFAULT 'private',
    status                 text NOT NULL DEFAULT 'draft',
    is_template            boolean NOT NULL DEFAULT false,
    version                integer NOT NULL DEFAULT 1,
    source_workout_id      uuid,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    created_by             uuid,
    updated_by             uuid,
    is_active              boolean NOT NULL DEFAULT true,
    deleted_at             timestamptz,
    deleted_by             uuid,
    CONSTRAINT workout_pkey PRIMARY KEY (id),
    CONSTRAINT workout_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT workout_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT workout_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT workout_source_workout_id_fkey FOREIGN KEY (source_workout_id)
        REFERENCES content.workout (id) ON DELETE SET NULL,
    CONSTRAINT workout_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT workout_difficulty_allowed CHECK (difficulty IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT workout_estimated_duration_min_range CHECK (estimated_duration_min BETWEEN 1 AND 1440),
    CONSTRAINT workout_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT workout_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT workout_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT workout_version_positive CHECK (version >= 1),
    CONSTRAINT workout_source_workout_id_differs CHECK (source_workout_id <> id),
    CONSTRAINT workout_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout IS 'A workout: ordered sets of exercises; owner_id NULL = platform or institution library';
COMMENT ON COLUMN content.workout.version IS 'Current version number; earlier versions are snapshots in content.workout_version';
COMMENT ON COLUMN content.workout.source_workout_id IS 'Template or workout this one was copied from';
COMMENT ON CONSTRAINT workout_name_length ON content.workout IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT workout_difficulty_allowed ON content.workout IS 'difficulty is beginner, intermediate or expert';
COMMENT ON CONSTRAINT workout_estimated_duration_min_range ON content.workout IS 'estimated_duration_min is between 1 and 1440 minutes';
COMMENT ON CONSTRAINT workout_visibility_allowed ON content.workout IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT workout_visibility_institution_scope ON content.workout IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT workout_status_allowed ON content.workout IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT workout_version_positive ON content.workout IS 'version is 1 or more';
COMMENT ON CONSTRAINT workout_source_workout_id_differs ON content.workout IS 'a workout is not copied from itself';
COMMENT ON CONSTRAINT workout_soft_delete_state ON content.workout IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_owner_id_idx ON content.workout (owner_id);
CREATE INDEX workout_institution_id_idx ON content.workout (institution_id);
CREATE INDEX workout_category_id_idx ON content.workout (category_id);
CREATE INDEX workout_source_workout_id_idx ON content.workout (source_workout_id);
CREATE INDEX workout_owner_id_active_idx ON content.workout (owner_id) WHERE is_active;
CREATE INDEX workout_institution_id_visibility_active_idx ON content.workout (institution_id, visibility)
    WHERE is_active;
CREATE INDEX workout_visibility_status_active_idx ON content.workout (visibility, status) WHERE is_active;

CREATE TABLE content.workout_set (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_id          uuid NOT NULL,
    position            integer NOT NULL,
    exercise_id         uuid NOT NULL,
    exercise_variant_id uuid,
    set_type            text NOT NULL DEFAULT 'normal',
    rounds              smallint NOT NULL DEFAULT 1,
    superset_group      smallint,
    target_reps_min     integer,
    target_reps_max     integer,
    target_weight_kg    numeric(6,2),
    target_rpe          numeric(3,1),
    target_rir          numeric(3,1),
    target_duration_s   integer,
    target_distance_m   numeric(10,2),
    rest_s              integer,
    tempo               text,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT workout_set_pkey PRIMARY KEY (id),
    CONSTRAINT workout_set_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE CASCADE,
    CONSTRAINT workout_set_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    CONSTRAINT workout_set_exercise_variant_id_fkey FOREIGN KEY (exercise_variant_id)
        REFERENCES content.exercise_variant (id) ON DELETE SET NULL,
    CONSTRAINT workout_set_position_positive CHECK (position >= 1),
    CONSTRAINT workout_set_set_type_allowed CHECK (set_type IN ('normal', 'warmup', 'drop', 'failure', 'amrap')),
    CONSTRAINT workout_set_rounds_range CHECK (rounds BETWEEN 1 AND 100),
    CONSTRAINT workout_set_superset_group_positive CHECK (superset_group >= 1),
    CONSTRAINT workout_set_target_reps_min_range CHECK (target_reps_min BETWEEN 1 AND 1000),
    CONSTRAINT workout_set_target_reps_max_range CHECK (target_reps_max BETWEEN 1 AND 1000),
    CONSTRAINT workout_set_target_reps_order CHECK (target_reps_min <= target_reps_max),
    CONSTRAINT workout_set_target_weight_kg_range CHECK (target_weight_kg BETWEEN 0 AND 1500),
    CONSTRAINT workout_set_target_rpe_range CHECK (
        target_rpe BETWEEN 1 AND 10 AND target_rpe * 2 = trunc(target_rpe * 2)),
    CONSTRAINT workout_set_target_rir_range CHECK (
        target_rir BETWEEN 0 AND 10 AND target_rir * 2 = trunc(target_rir * 2)),
    CONSTRAINT workout_set_target_duration_s_range CHECK (target_duration_s BETWEEN 1 AND 86400),
    CONSTRAINT workout_set_target_distance_m_range CHECK (target_distance_m > 0 AND target_distance_m <= 1000000),
    CONSTRAINT workout_set_rest_s_range CHECK (rest_s BETWEEN 0 AND 3600),
    CONSTRAINT workout_set_tempo_format CHECK (tempo ~ '^([0-9X]{4}|[0-9X](-[0-9X]){3})$'),
    CONSTRAINT workout_set_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout_set IS 'One prescribed line of a workout: an exercise, its targets and rest, at a position';
COMMENT ON COLUMN content.workout_set.position IS 'Order within the workout, 1-based; unique among active sets and dense (trigger)';
COMMENT ON COLUMN content.workout_set.rounds IS 'How many times the set is performed; sets of one superset group share the count (trigger)';
COMMENT ON COLUMN content.workout_set.superset_group IS 'Sets with the same number in a workout form a superset (at least two exercises, trigger)';
COMMENT ON COLUMN content.workout_set.tempo IS 'Eccentric, bottom pause, concentric, top pause in seconds, X = explosive: 3120 or 3-1-2-0';
COMMENT ON CONSTRAINT workout_set_position_positive ON content.workout_set IS 'position is 1 or more';
COMMENT ON CONSTRAINT workout_set_set_type_allowed ON content.workout_set IS 'set_type is normal, warmup, drop, failure or amrap';
COMMENT ON CONSTRAINT workout_set_rounds_range ON content.workout_set IS 'rounds is between 1 and 100';
COMMENT ON CONSTRAINT workout_set_superset_group_positive ON content.workout_set IS 'superset_group is 1 or more';
COMMENT ON CONSTRAINT workout_set_target_reps_min_range ON content.workout_set IS 'target_reps_min is between 1 and 1000 reps';
COMMENT ON CONSTRAINT workout_set_target_reps_max_range ON content.workout_set IS 'target_reps_max is between 1 and 1000 reps';
COMMENT ON CONSTRAINT workout_set_target_reps_order ON content.workout_set IS 'target_reps_min is not above target_reps_max';
COMMENT ON CONSTRAINT workout_set_target_weight_kg_range ON content.workout_set IS 'target_weight_kg is between 0 and 1500 kg';
COMMENT ON CONSTRAINT workout_set_target_rpe_range ON content.workout_set IS 'target_rpe is between 1 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT workout_set_target_rir_range ON content.workout_set IS 'target_rir is between 0 and 10 in steps of 0.5';
COMMENT ON CONSTRAINT workout_set_target_duration_s_range ON content.workout_set IS 'target_duration_s is between 1 and 86400 seconds';
COMMENT ON CONSTRAINT workout_set_target_distance_m_range ON content.workout_set IS 'target_distance_m is above 0 and at most 1000000 metres';
COMMENT ON CONSTRAINT workout_set_rest_s_range ON content.workout_set IS 'rest_s is between 0 and 3600 seconds';
COMMENT ON CONSTRAINT workout_set_tempo_format ON content.workout_set IS 'tempo is four phases of a digit or X, written 3120 or 3-1-2-0';
COMMENT ON CONSTRAINT workout_set_soft_delete_state ON content.workout_set IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_set_workout_id_position_idx ON content.workout_set (workout_id, position);
CREATE UNIQUE INDEX workout_set_workout_id_position_active_uq ON content.workout_set (workout_id, position)
    WHERE is_active;
CREATE INDEX workout_set_exercise_id_idx ON content.workout_set (exercise_id);
CREATE INDEX workout_set_exercise_variant_id_idx ON content.workout_set (exercise_variant_id);

CREATE TABLE content.exercise_instruction (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_set_id uuid NOT NULL,
    position       integer NOT NULL DEFAULT 1,
    instruction    text NOT NULL,
    cue_type       text NOT NULL DEFAULT 'execution',
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT exercise_instruction_pkey PRIMARY KEY (id),
    CONSTRAINT exercise_instruction_workout_set_id_fkey FOREIGN KEY (workout_set_id)
        REFERENCES content.workout_set (id) ON DELETE CASCADE,
    CONSTRAINT exercise_instruction_position_positive CHECK (position >= 1),
    CONSTRAINT exercise_instruction_instruction_length CHECK (char_length(btrim(instruction)) BETWEEN 1 AND 2000),
    CONSTRAINT exercise_instruction_cue_type_allowed CHECK (
        cue_type IN ('setup', 'execution', 'breathing', 'tempo', 'safety', 'focus', 'other')),
    CONSTRAINT exercise_instruction_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.exercise_instruction IS 'Coaching cues for an exercise as it is done in one workout set';
COMMENT ON CONSTRAINT exercise_instruction_position_positive ON content.exercise_instruction IS 'position is 1 or more';
COMMENT ON CONSTRAINT exercise_instruction_instruction_length ON content.exercise_instruction IS 'instruction is not blank and at most 2000 characters';
COMMENT ON CONSTRAINT exercise_instruction_cue_type_allowed ON content.exercise_instruction IS 'cue_type is setup, execution, breathing, tempo, safety, focus or other';
COMMENT ON CONSTRAINT exercise_instruction_soft_delete_state ON content.exercise_instruction IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX exercise_instruction_workout_set_id_position_idx ON content.exercise_instruction (workout_set_id, position);
CREATE UNIQUE INDEX exercise_instruction_workout_set_id_position_active_uq
    ON content.exercise_instruction (workout_set_id, position) WHERE is_active;

CREATE TABLE content.workout_version (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    workout_id  uuid NOT NULL,
    version     integer NOT NULL,
    snapshot    jsonb NOT NULL,
    change_note text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT workout_version_pkey PRIMARY KEY (id),
    CONSTRAINT workout_version_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE CASCADE,
    CONSTRAINT workout_version_version_positive CHECK (version >= 1),
    CONSTRAINT workout_version_snapshot_object CHECK (jsonb_typeof(snapshot) = 'object'),
    CONSTRAINT workout_version_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.workout_version IS 'Snapshots of earlier versions of a workout (the workout row with its sets)';
COMMENT ON CONSTRAINT workout_version_version_positive ON content.workout_version IS 'version is 1 or more';
COMMENT ON CONSTRAINT workout_version_snapshot_object ON content.workout_version IS 'snapshot is a JSON object';
COMMENT ON CONSTRAINT workout_version_soft_delete_state ON content.workout_version IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX workout_version_workout_id_version_idx ON content.workout_version (workout_id, version);
CREATE UNIQUE INDEX workout_version_workout_id_version_active_uq ON content.workout_version (workout_id, version)
    WHERE is_active;

------------------------------------------------------------------------------------------
-- program
------------------------------------------------------------------------------------------
CREATE TABLE content.program (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    owner_id       uuid,
    institution_id uuid,
    name           text NOT NULL,
    description    text,
    category_id    uuid,
    duration_weeks integer NOT NULL,
    days_per_week  integer NOT NULL,
    level          text,
    goal_type      text,
    visibility     text NOT NULL DEFAULT 'private',
    status         text NOT NULL DEFAULT 'draft',
    is_template    boolean NOT NULL DEFAULT false,
    version        integer NOT NULL DEFAULT 1,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT program_pkey PRIMARY KEY (id),
    CONSTRAINT program_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE RESTRICT,
    CONSTRAINT program_institution_id_fkey FOREIGN KEY (institution_id)
        REFERENCES user_mgmt.institution (id) ON DELETE RESTRICT,
    CONSTRAINT program_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES core.category (id) ON DELETE RESTRICT,
    CONSTRAINT program_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT program_duration_weeks_range CHECK (duration_weeks BETWEEN 1 AND 104),
    CONSTRAINT program_days_per_week_range CHECK (days_per_week BETWEEN 1 AND 7),
    CONSTRAINT program_level_allowed CHECK (level IN ('beginner', 'intermediate', 'expert')),
    CONSTRAINT program_goal_type_allowed CHECK (
        goal_type IN ('strength', 'hypertrophy', 'endurance', 'body_composition', 'habit')),
    CONSTRAINT program_visibility_allowed CHECK (visibility IN ('private', 'institution', 'public')),
    CONSTRAINT program_visibility_institution_scope CHECK (visibility <> 'institution' OR institution_id IS NOT NULL),
    CONSTRAINT program_status_allowed CHECK (status IN ('draft', 'published', 'archived')),
    CONSTRAINT program_version_positive CHECK (version >= 1),
    CONSTRAINT program_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.program IS 'A training program: workouts scheduled over weeks; owner_id NULL = platform or institution library';
COMMENT ON COLUMN content.program.goal_type IS 'What the program trains for (the goal_type values of content.goal)';
COMMENT ON CONSTRAINT program_name_length ON content.program IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT program_duration_weeks_range ON content.program IS 'duration_weeks is between 1 and 104';
COMMENT ON CONSTRAINT program_days_per_week_range ON content.program IS 'days_per_week is between 1 and 7';
COMMENT ON CONSTRAINT program_level_allowed ON content.program IS 'level is beginner, intermediate or expert';
COMMENT ON CONSTRAINT program_goal_type_allowed ON content.program IS 'goal_type is strength, hypertrophy, endurance, body_composition or habit';
COMMENT ON CONSTRAINT program_visibility_allowed ON content.program IS 'visibility is one of private, institution, public';
COMMENT ON CONSTRAINT program_visibility_institution_scope ON content.program IS 'institution visibility needs an institution_id';
COMMENT ON CONSTRAINT program_status_allowed ON content.program IS 'status is draft, published or archived';
COMMENT ON CONSTRAINT program_version_positive ON content.program IS 'version is 1 or more';
COMMENT ON CONSTRAINT program_soft_delete_state ON content.program IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX program_owner_id_idx ON content.program (owner_id);
CREATE INDEX program_institution_id_idx ON content.program (institution_id);
CREATE INDEX program_category_id_idx ON content.program (category_id);
CREATE INDEX program_owner_id_active_idx ON content.program (owner_id) WHERE is_active;
CREATE INDEX program_institution_id_visibility_active_idx ON content.program (institution_id, visibility)
    WHERE is_active;
CREATE INDEX program_visibility_status_active_idx ON content.program (visibility, status) WHERE is_active;

CREATE TABLE content.program_schedule (
    id          uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    program_id  uuid NOT NULL,
    week_number integer NOT NULL,
    day_number  integer NOT NULL,
    name        text,
    notes       text,
    is_rest_day boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  uuid,
    updated_by  uuid,
    is_active   boolean NOT NULL DEFAULT true,
    deleted_at  timestamptz,
    deleted_by  uuid,
    CONSTRAINT program_schedule_pkey PRIMARY KEY (id),
    CONSTRAINT program_schedule_program_id_fkey FOREIGN KEY (program_id)
        REFERENCES content.program (id) ON DELETE CASCADE,
    CONSTRAINT program_schedule_week_number_positive CHECK (week_number >= 1),
    CONSTRAINT program_schedule_day_number_range CHECK (day_number BETWEEN 1 AND 7),
    CONSTRAINT program_schedule_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.program_schedule IS 'A day of a program (week_number, day_number), a training day or a rest day';
COMMENT ON COLUMN content.program_schedule.week_number IS 'Week of the program, 1..program.duration_weeks (trigger checks the upper bound)';
COMMENT ON CONSTRAINT program_schedule_week_number_positive ON content.program_schedule IS 'week_number is 1 or more';
COMMENT ON CONSTRAINT program_schedule_day_number_range ON content.program_schedule IS 'day_number is between 1 and 7';
COMMENT ON CONSTRAINT program_schedule_soft_delete_state ON content.program_schedule IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX program_schedule_program_id_week_number_day_number_idx
    ON content.program_schedule (program_id, week_number, day_number);
CREATE UNIQUE INDEX program_schedule_program_id_week_number_day_number_active_uq
    ON content.program_schedule (program_id, week_number, day_number) WHERE is_active;

CREATE TABLE content.schedule_workout (
    id                  uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    program_schedule_id uuid NOT NULL,
    workout_id          uuid NOT NULL,
    position            integer NOT NULL DEFAULT 1,
    notes               text,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    created_by          uuid,
    updated_by          uuid,
    is_active           boolean NOT NULL DEFAULT true,
    deleted_at          timestamptz,
    deleted_by          uuid,
    CONSTRAINT schedule_workout_pkey PRIMARY KEY (id),
    CONSTRAINT schedule_workout_program_schedule_id_fkey FOREIGN KEY (program_schedule_id)
        REFERENCES content.program_schedule (id) ON DELETE CASCADE,
    CONSTRAINT schedule_workout_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE RESTRICT,
    CONSTRAINT schedule_workout_position_positive CHECK (position >= 1),
    CONSTRAINT schedule_workout_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.schedule_workout IS 'The workouts of a program day, in order';
COMMENT ON CONSTRAINT schedule_workout_position_positive ON content.schedule_workout IS 'position is 1 or more';
COMMENT ON CONSTRAINT schedule_workout_soft_delete_state ON content.schedule_workout IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX schedule_workout_program_schedule_id_position_idx ON content.schedule_workout (program_schedule_id, position);
CREATE UNIQUE INDEX schedule_workout_program_schedule_id_position_active_uq
    ON content.schedule_workout (program_schedule_id, position) WHERE is_active;
CREATE INDEX schedule_workout_workout_id_idx ON content.schedule_workout (workout_id);

------------------------------------------------------------------------------------------
-- goals
------------------------------------------------------------------------------------------
CREATE TABLE content.goal (
    id                uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    code              text NOT NULL,
    name              text NOT NULL,
    description       text,
    goal_type         text NOT NULL,
    default_metric    text,
    default_unit      text,
    default_direction text,
    sort_order        integer NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        uuid,
    updated_by        uuid,
    is_active         boolean NOT NULL DEFAULT true,
    deleted_at        timestamptz,
    deleted_by        uuid,
    CONSTRAINT goal_pkey PRIMARY KEY (id),
    CONSTRAINT goal_code_format CHECK (code ~ '^[a-z][a-z0-9_]{0,62}$'),
    CONSTRAINT goal_name_length CHECK (char_length(btrim(name)) BETWEEN 1 AND 200),
    CONSTRAINT goal_goal_type_allowed CHECK (
        goal_type IN ('strength', 'hypertrophy', 'endurance', 'body_composition', 'habit')),
    CONSTRAINT goal_default_metric_allowed CHECK (default_metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'waist_cm', 'hip_cm', 'chest_cm',
        'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm', 'resting_heart_rate_bpm',
        'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg', 'vo2max_ml_kg_min',
        'one_rm_kg', 'max_reps', 'max_weight_kg', 'total_volume_kg', 'sessions_per_week',
        'workouts_completed', 'distance_km', 'duration_min', 'pace_s_per_km', 'steps_per_day',
        'custom')),
    CONSTRAINT goal_default_unit_length CHECK (char_length(default_unit) BETWEEN 1 AND 16),
    CONSTRAINT goal_default_direction_allowed CHECK (default_direction IN ('increase', 'decrease')),
    CONSTRAINT goal_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal IS 'Catalogue of goal kinds users can pick (lose weight, raise a 1RM, train 3x a week, ...)';
COMMENT ON CONSTRAINT goal_code_format ON content.goal IS 'code is snake_case: a lower-case letter, then lower-case letters, digits or _, at most 63 characters';
COMMENT ON CONSTRAINT goal_name_length ON content.goal IS 'name is not blank and at most 200 characters';
COMMENT ON CONSTRAINT goal_goal_type_allowed ON content.goal IS 'goal_type is strength, hypertrophy, endurance, body_composition or habit';
COMMENT ON CONSTRAINT goal_default_metric_allowed ON content.goal IS 'default_metric is one of the metrics of content.goal_metric';
COMMENT ON CONSTRAINT goal_default_unit_length ON content.goal IS 'default_unit is 1 to 16 characters';
COMMENT ON CONSTRAINT goal_default_direction_allowed ON content.goal IS 'default_direction is increase or decrease';
COMMENT ON CONSTRAINT goal_soft_delete_state ON content.goal IS 'is_active is false exactly when deleted_at is set';
CREATE UNIQUE INDEX goal_code_active_uq ON content.goal (code) WHERE is_active;

CREATE TABLE content.user_goal (
    id           uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_id      uuid NOT NULL,
    goal_id      uuid,
    title        text NOT NULL,
    description  text,
    start_date   date NOT NULL DEFAULT CURRENT_DATE,
    target_date  date,
    status       text NOT NULL DEFAULT 'active',
    progress_pct numeric(5,2) NOT NULL DEFAULT 0,
    achieved_at  timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   uuid,
    updated_by   uuid,
    is_active    boolean NOT NULL DEFAULT true,
    deleted_at   timestamptz,
    deleted_by   uuid,
    CONSTRAINT user_goal_pkey PRIMARY KEY (id),
    CONSTRAINT user_goal_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES user_mgmt.app_user (id) ON DELETE CASCADE,
    CONSTRAINT user_goal_goal_id_fkey FOREIGN KEY (goal_id)
        REFERENCES content.goal (id) ON DELETE RESTRICT,
    CONSTRAINT user_goal_title_length CHECK (char_length(btrim(title)) BETWEEN 1 AND 200),
    CONSTRAINT user_goal_target_date_order CHECK (target_date >= start_date),
    CONSTRAINT user_goal_status_allowed CHECK (status IN ('active', 'achieved', 'abandoned', 'expired')),
    CONSTRAINT user_goal_progress_pct_range CHECK (progress_pct BETWEEN 0 AND 100),
    CONSTRAINT user_goal_achieved_at_state CHECK ((status = 'achieved') = (achieved_at IS NOT NULL)),
    CONSTRAINT user_goal_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.user_goal IS 'A goal a user has set, measured by its goal_metric rows';
COMMENT ON COLUMN content.user_goal.title IS 'pii: free_text';
COMMENT ON COLUMN content.user_goal.description IS 'pii: free_text';
COMMENT ON COLUMN content.user_goal.progress_pct IS 'Computed from the metrics (current vs baseline/target in their direction) by trigger';
COMMENT ON CONSTRAINT user_goal_title_length ON content.user_goal IS 'title is not blank and at most 200 characters';
COMMENT ON CONSTRAINT user_goal_target_date_order ON content.user_goal IS 'target_date is not before start_date';
COMMENT ON CONSTRAINT user_goal_status_allowed ON content.user_goal IS 'status is active, achieved, abandoned or expired';
COMMENT ON CONSTRAINT user_goal_progress_pct_range ON content.user_goal IS 'progress_pct is between 0 and 100';
COMMENT ON CONSTRAINT user_goal_achieved_at_state ON content.user_goal IS 'achieved_at is set exactly when status is achieved';
COMMENT ON CONSTRAINT user_goal_soft_delete_state ON content.user_goal IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX user_goal_user_id_status_idx ON content.user_goal (user_id, status);
CREATE INDEX user_goal_goal_id_idx ON content.user_goal (goal_id);

CREATE TABLE content.goal_metric (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    user_goal_id   uuid NOT NULL,
    metric         text NOT NULL,
    exercise_id    uuid,
    unit           text NOT NULL,
    direction      text NOT NULL,
    baseline_value numeric(12,3),
    target_value   numeric(12,3) NOT NULL,
    current_value  numeric(12,3),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT goal_metric_pkey PRIMARY KEY (id),
    CONSTRAINT goal_metric_user_goal_id_fkey FOREIGN KEY (user_goal_id)
        REFERENCES content.user_goal (id) ON DELETE CASCADE,
    CONSTRAINT goal_metric_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    CONSTRAINT goal_metric_metric_allowed CHECK (metric IN (
        'body_weight_kg', 'body_fat_pct', 'muscle_mass_kg', 'waist_cm', 'hip_cm', 'chest_cm',
        'neck_cm', 'arm_cm', 'thigh_cm', 'calf_cm', 'resting_heart_rate_bpm',
        'blood_pressure_systolic_mmhg', 'blood_pressure_diastolic_mmhg', 'vo2max_ml_kg_min',
        'one_rm_kg', 'max_reps', 'max_weight_kg', 'total_volume_kg', 'sessions_per_week',
        'workouts_completed', 'distance_km', 'duration_min', 'pace_s_per_km', 'steps_per_day',
        'custom')),
    CONSTRAINT goal_metric_exercise_id_required CHECK (
        metric NOT IN ('one_rm_kg', 'max_reps', 'max_weight_kg') OR exercise_id IS NOT NULL),
    CONSTRAINT goal_metric_unit_length CHECK (char_length(unit) BETWEEN 1 AND 16),
    CONSTRAINT goal_metric_direction_allowed CHECK (direction IN ('increase', 'decrease')),
    CONSTRAINT goal_metric_target_value_differs CHECK (target_value <> baseline_value),
    CONSTRAINT goal_metric_target_value_direction CHECK (
        baseline_value IS NULL
        OR (direction = 'increase' AND target_value > baseline_value)
        OR (direction = 'decrease' AND target_value < baseline_value)),
    CONSTRAINT goal_metric_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal_metric IS 'A measurable target of a user goal: metric, direction, baseline, target and current value';
COMMENT ON COLUMN content.goal_metric.metric IS 'What is measured; body metrics use the codes of user_mgmt.user_measurement.metric so measurements feed goals directly';
COMMENT ON COLUMN content.goal_metric.exercise_id IS 'The exercise of per-exercise metrics (one_rm_kg, max_reps, max_weight_kg)';
COMMENT ON COLUMN content.goal_metric.baseline_value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric.target_value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric.current_value IS 'pii: health';
COMMENT ON CONSTRAINT goal_metric_metric_allowed ON content.goal_metric IS 'metric is a body metric of user_mgmt.user_measurement (body_weight_kg, body_fat_pct, muscle_mass_kg, waist_cm, hip_cm, chest_cm, neck_cm, arm_cm, thigh_cm, calf_cm, resting_heart_rate_bpm, blood_pressure_systolic_mmhg, blood_pressure_diastolic_mmhg, vo2max_ml_kg_min) or one of one_rm_kg, max_reps, max_weight_kg, total_volume_kg, sessions_per_week, workouts_completed, distance_km, duration_min, pace_s_per_km, steps_per_day, custom';
COMMENT ON CONSTRAINT goal_metric_exercise_id_required ON content.goal_metric IS 'per-exercise metrics (one_rm_kg, max_reps, max_weight_kg) need an exercise_id';
COMMENT ON CONSTRAINT goal_metric_unit_length ON content.goal_metric IS 'unit is 1 to 16 characters';
COMMENT ON CONSTRAINT goal_metric_direction_allowed ON content.goal_metric IS 'direction is increase or decrease';
COMMENT ON CONSTRAINT goal_metric_target_value_differs ON content.goal_metric IS 'target_value differs from baseline_value';
COMMENT ON CONSTRAINT goal_metric_target_value_direction ON content.goal_metric IS 'target_value lies beyond baseline_value in the metric''s direction (above it to increase, below it to decrease)';
COMMENT ON CONSTRAINT goal_metric_soft_delete_state ON content.goal_metric IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX goal_metric_user_goal_id_idx ON content.goal_metric (user_goal_id);
CREATE INDEX goal_metric_exercise_id_idx ON content.goal_metric (exercise_id);
CREATE UNIQUE INDEX goal_metric_user_goal_id_metric_exercise_id_active_uq
    ON content.goal_metric (user_goal_id, metric, exercise_id) NULLS NOT DISTINCT WHERE is_active;

CREATE TABLE content.goal_metric_entry (
    id             uuid NOT NULL DEFAULT fitness.uuid_generate_v7(),
    goal_metric_id uuid NOT NULL,
    value          numeric(12,3) NOT NULL,
    measured_at    timestamptz NOT NULL DEFAULT now(),
    source         text NOT NULL DEFAULT 'manual',
    source_id      uuid,
    note           text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     uuid,
    updated_by     uuid,
    is_active      boolean NOT NULL DEFAULT true,
    deleted_at     timestamptz,
    deleted_by     uuid,
    CONSTRAINT goal_metric_entry_pkey PRIMARY KEY (id),
    CONSTRAINT goal_metric_entry_goal_metric_id_fkey FOREIGN KEY (goal_metric_id)
        REFERENCES content.goal_metric (id) ON DELETE CASCADE,
    CONSTRAINT goal_metric_entry_source_allowed CHECK (source IN ('manual', 'session', 'measurement')),
    CONSTRAINT goal_metric_entry_source_id_required CHECK (source = 'manual' OR source_id IS NOT NULL),
    CONSTRAINT goal_metric_entry_soft_delete_state CHECK (is_active = (deleted_at IS NULL))
);
COMMENT ON TABLE content.goal_metric_entry IS 'Values of a goal metric over time';
COMMENT ON COLUMN content.goal_metric_entry.value IS 'pii: health';
COMMENT ON COLUMN content.goal_metric_entry.note IS 'pii: free_text';
COMMENT ON COLUMN content.goal_metric_entry.source_id IS 'user_mgmt.user_workout_session.id (source session) or user_mgmt.user_measurement.id (source measurement)';
COMMENT ON CONSTRAINT goal_metric_entry_source_allowed ON content.goal_metric_entry IS 'source is manual, session or measurement';
COMMENT ON CONSTRAINT goal_metric_entry_source_id_required ON content.goal_metric_entry IS 'entries from a session or a measurement name it in source_id';
COMMENT ON CONSTRAINT goal_metric_entry_soft_delete_state ON content.goal_metric_entry IS 'is_active is false exactly when deleted_at is set';
CREATE INDEX goal_metric_entry_goal_metric_id_measured_at_idx ON content.goal_metric_entry (goal_metric_id, measured_at);
CREATE UNIQUE INDEX goal_metric_entry_goal_metric_id_source_source_id_active_uq
    ON content.goal_metric_entry (goal_metric_id, source, source_id) WHERE is_active AND source_id IS NOT NULL;

------------------------------------------------------------------------------------------
-- Foreign keys from user_mgmt into content (20_user_mgmt.sql runs first and cannot
-- declare them; their indexes are created there).
------------------------------------------------------------------------------------------
ALTER TABLE user_mgmt.user_workout_session
    ADD CONSTRAINT user_workout_session_workout_id_fkey FOREIGN KEY (workout_id)
        REFERENCES content.workout (id) ON DELETE SET NULL,
    ADD CONSTRAINT user_workout_session_schedule_workout_id_fkey FOREIGN KEY (schedule_workout_id)
        REFERENCES content.schedule_workout (id) ON DELETE SET NULL;
ALTER TABLE user_mgmt.user_set_log
    ADD CONSTRAINT user_set_log_exercise_id_fkey FOREIGN KEY (exercise_id)
        REFERENCES content.exercise (id) ON DELETE RESTRICT,
    ADD CONSTRAINT user_set_log_exercise_variant_id_fkey FOREIGN KEY (exercise_variant_id)
        REFERENCES content.exercise_variant (id) ON DELETE SET NULL,
    ADD CONSTRAINT user_set_log_workout_set_id_fkey FOREIGN KEY (workout_set_id)
        REFERENCES content.workout_set (id) ON DELETE SET NULL;
ALTER TABLE user_mgmt.user_program_enrollment
    ADD CONSTRAINT user_program_enrollment_program_id_fkey FOREIGN KEY (program_id)
        REFERENCES content.program (id) ON DELETE RESTRICT;
