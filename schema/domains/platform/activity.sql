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


