-- -------------------------------------------------------------------------------------
-- audit and events
-- -------------------------------------------------------------------------------------

-- Log (not an entity table), RANGE-partitioned monthly on occurred_at (UTC month bounds).
-- Written only by the C++ audit triggers; append-only (docs/reference/functions.md "Audit").
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


-- The default partitions; fitness.run_maintenance() makes the dated ones (and moves rows that
-- arrived before them out of the default), see schema/partition/partition.sql.
CREATE TABLE platform.audit_log_default PARTITION OF platform.audit_log DEFAULT;
CREATE TABLE platform.system_event_default PARTITION OF platform.system_event DEFAULT;
