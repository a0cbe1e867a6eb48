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


