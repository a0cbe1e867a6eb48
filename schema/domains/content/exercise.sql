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

