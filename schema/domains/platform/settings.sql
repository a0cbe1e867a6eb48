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


