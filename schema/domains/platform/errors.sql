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


