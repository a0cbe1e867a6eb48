-- content: equipment, media, exercises, workouts, programs, goals (docs/reference/tables.md "content").
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

