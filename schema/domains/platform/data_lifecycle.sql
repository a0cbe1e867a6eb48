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


